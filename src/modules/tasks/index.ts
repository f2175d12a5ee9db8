import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { registerCompanyReference } from '../companies/index.js';
import { registerContactReference } from '../contacts/index.js';
import { registerTaskRoutes as registerRoutes } from './tasks.routes.js';

/** The tasks routes; merges of companies and contacts move their tasks, deleting them only unlinks the tasks. */
export function registerTaskRoutes(api: App, ctx: AppContext): void {
  registerCompanyReference('tasks', 'company_id', 'unlink');
  registerContactReference({ table: 'tasks', column: 'contact_id' });
  registerRoutes(api, ctx);
}

export type { Task } from './tasks.schema.js';
