import type { z } from 'zod';
import type { Principal } from '../../platform/access/index.js';
import type { Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { registerCompanyReference } from '../companies/index.js';
import { registerContactReference } from '../contacts/index.js';
import { registerActivityRoutes as registerRoutes } from './activities.routes.js';
import { activityInput, type Activity } from './activities.schema.js';
import { ActivitiesService } from './activities.service.js';

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

/** Creates an activity as the given principal (validated like the API body); used by imports. */
export async function createActivity(db: Db, p: Principal, actor: Actor, input: z.input<typeof activityInput>): Promise<Activity> {
  return new ActivitiesService(db).create(p, actor, activityInput.parse(input));
}

/** Deletes an activity as the given principal; used by import undo. */
export async function deleteActivity(db: Db, p: Principal, actor: Actor, id: string): Promise<void> {
  await new ActivitiesService(db).remove(p, actor, id);
}

export async function readActivity(db: Db, id: string): Promise<Activity> {
  return new ActivitiesService(db).read(db, id);
}
export { activityInput };
