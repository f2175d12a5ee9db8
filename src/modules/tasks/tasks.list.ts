import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { departmentUsers } from '../activities/index.js';
import { toTask } from './tasks.mapper.js';
import { listTasks, type TaskSpec } from './tasks.query.js';
import type { TaskListQuery, TaskPage } from './tasks.schema.js';

/**
 * Task lists: "mine" (assigned to me), "delegated" (created by me for others, whatever my scope) and "all"
 * (the assignees my scope covers, plus what I delegated), narrowed by the filters.
 */

export async function listTaskPage(db: Executor, p: Principal, q: TaskListQuery): Promise<TaskPage> {
  const visible = { assignees: ownerFilter(p, scopeOf(p, 'task', 'read')), delegatorId: p.id };
  const view: Pick<TaskSpec, 'assignees' | 'delegatorId' | 'delegatedBy'> =
    q.view === 'mine' ? { assignees: [p.id], delegatorId: null }
    : q.view === 'delegated' ? { assignees: null, delegatorId: null, delegatedBy: p.id }
    : visible;
  let assigneeIn: string[] | undefined;
  if (q.assigneeId) assigneeIn = [q.assigneeId];
  if (q.departmentId) {
    const members = await departmentUsers(db, q.departmentId);
    assigneeIn = assigneeIn ? assigneeIn.filter((id) => members.includes(id)) : members;
  }
  const spec: TaskSpec = {
    ...view,
    assigneeIn,
    status: q.status,
    priority: q.priority,
    companyId: q.companyId,
    contactId: q.contactId,
    dealId: q.dealId,
    dueFrom: q.dueFrom,
    dueTo: q.dueTo,
  };
  const { rows, next } = await listTasks(db, spec, q.sort, q.cursor ? decodeCursor(q.cursor) : null, q.limit);
  return { items: rows.map(toTask), nextCursor: next ? encodeCursor(next) : null };
}
