import type { z } from 'zod';
import type { Principal } from '../../platform/access/index.js';
import type { Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/app.js';
import { fieldIssues } from '../../platform/http/errors.js';
import type { AppContext } from '../../platform/http/context.js';
import { registerCompanyReference } from '../companies/index.js';
import { registerContactReference } from '../contacts/index.js';
import { registerTaskRoutes as registerRoutes } from './tasks.routes.js';
import { taskInput, type Task } from './tasks.schema.js';
import { TasksService } from './tasks.service.js';

/** The tasks routes; merges of companies and contacts move their tasks, deleting them only unlinks the tasks. */
export function registerTaskRoutes(api: App, ctx: AppContext): void {
  registerCompanyReference('tasks', 'company_id', 'unlink');
  registerContactReference({ table: 'tasks', column: 'contact_id' });
  registerRoutes(api, ctx);
}

export type { Task } from './tasks.schema.js';

/** Creates a task on behalf of the principal, validated and checked like POST /tasks (e.g. churn follow-ups of segments). */
export async function createTask(db: Db, p: Principal, actor: Actor, input: z.input<typeof taskInput>): Promise<Task> {
  const parsed = taskInput.safeParse(input);
  if (!parsed.success) throw AppError.validation(fieldIssues(parsed.error));
  return new TasksService(db).create(p, actor, parsed.data);
}
