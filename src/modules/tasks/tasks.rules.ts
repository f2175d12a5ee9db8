import { ownerAllowed, requireScope, scopeOf, type Action, type Principal } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findUser } from '../activities/index.js';
import * as repo from './tasks.repository.js';
import type { ChecklistItem, Task, TaskInput } from './tasks.schema.js';

/** Access to tasks and checks of task input that need the database; each failure names its field. */

const invalid = (field: string, code: string, message: string) => AppError.validation([{ field, code, message }]);

/**
 * A task is the assignee's record; its delegator (creator) keeps reading and managing it even outside their
 * scope. Outside the read scope it is reported as not found, outside the action's scope as forbidden.
 */
export function assertTaskAccess(p: Principal, action: Action, t: Pick<Task, 'assigneeId' | 'createdBy'>): void {
  const readScope = scopeOf(p, 'task', 'read');
  const delegator = t.createdBy === p.id && readScope !== 'none';
  if (!delegator && !ownerAllowed(p, readScope, t.assigneeId)) throw AppError.notFound('task');
  if (action === 'read') return;
  const scope = requireScope(p, 'task', action);
  if (!delegator && !ownerAllowed(p, scope, t.assigneeId)) {
    throw new AppError('access.forbidden', 403, `You may not ${action} this task`, { resource: 'task', action });
  }
}

/** The assignee is an active user (anyone may be given a task: that is delegation); returns their time zone. */
export async function checkAssignee(db: Executor, p: Principal, assigneeId: string): Promise<string> {
  const user = await findUser(db, assigneeId);
  if (!user || (user.is_active !== 1 && assigneeId !== p.id)) throw invalid('assigneeId', 'task.assignee_unknown', 'is not an active user');
  return user.time_zone;
}

/** Company, contact and deal exist and are readable; the deal belongs to the company (a deal alone brings its company). */
export async function checkLinks(
  db: Executor,
  p: Principal,
  links: { companyId: string | null; contactId: string | null; dealId: string | null },
): Promise<string | null> {
  let companyId = links.companyId;
  if (links.dealId) {
    const deal = await repo.findDeal(db, links.dealId);
    if (!deal || !ownerAllowed(p, scopeOf(p, 'deal', 'read'), deal.owner_id)) throw invalid('dealId', 'task.deal_unknown', 'no such deal');
    if (companyId === null) companyId = deal.company_id;
    else if (deal.company_id !== companyId) throw invalid('dealId', 'task.deal_company_mismatch', 'is a deal of another company');
  }
  for (const [field, table, resource, id] of [
    ['companyId', 'companies', 'company', companyId],
    ['contactId', 'contacts', 'contact', links.contactId],
  ] as const) {
    if (!id) continue;
    const row = await repo.linkedOwner(db, table, id);
    if (!row || !ownerAllowed(p, scopeOf(p, resource, 'read'), row.owner_id)) throw invalid(field, `task.${resource}_unknown`, `no such ${resource}`);
  }
  return companyId;
}

/** The checklist as stored: ids kept or given, each id once. */
export function checklistOf(items: NonNullable<TaskInput['checklist']>): ChecklistItem[] {
  const seen = new Set<string>();
  return items.map((item, i) => {
    const id = item.id ?? newId();
    if (seen.has(id)) throw invalid(`checklist.${i}.id`, 'task.checklist_duplicate', 'is used by another item');
    seen.add(id);
    return { id, text: item.text, done: item.done };
  });
}

export function checkDue(date: string | null | undefined, time: string | null | undefined): void {
  if (time && !date) throw invalid('dueTime', 'task.time_without_date', 'needs dueDate');
}
