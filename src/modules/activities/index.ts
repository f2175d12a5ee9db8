import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { registerCompanyReference } from '../companies/index.js';
import { registerContactReference } from '../contacts/index.js';
import { registerActivityRoutes as registerRoutes } from './activities.routes.js';

/**
 * The activities routes (and the company timeline); declares the columns that hold company and contact ids,
 * so merges move activities to the kept record, while deleting a company or contact only unlinks them.
 */
export function registerActivityRoutes(api: App, ctx: AppContext): void {
  registerCompanyReference('activities', 'company_id', 'unlink');
  registerContactReference({ table: 'activity_contacts', column: 'contact_id', linkColumn: 'activity_id' });
  registerRoutes(api, ctx);
}

export type { Activity, ActivityType } from './activities.schema.js';
export { departmentUsers, findUser } from './activities.repository.js';
export { zoneOf } from './activities.rules.js';
