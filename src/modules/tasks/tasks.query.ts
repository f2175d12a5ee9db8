import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Cursor } from '../../platform/http/pagination.js';
import { selectTasks, type TaskRow } from './tasks.repository.js';
import type { TaskPriority, TaskSort, TaskStatus } from './tasks.schema.js';

/** SQL of task lists: the principal's view, filters and keyset pages. */

export interface TaskSpec {
  /** Assignees whose tasks are visible; null = anyone. */
  assignees: string[] | null;
  /** Tasks this user delegated are visible too (whoever the assignee). */
  delegatorId: string | null;
  /** Only tasks this user delegated to others. */
  delegatedBy?: string;
  /** Only tasks of these assignees (the assignee and department filters). */
  assigneeIn?: string[];
  status?: TaskStatus;
  priority?: TaskPriority;
  companyId?: string;
  contactId?: string;
  dealId?: string;
  dueFrom?: string;
  dueTo?: string;
}

export function conditions(s: TaskSpec): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = [];
  if (s.assignees) {
    const mine = s.assignees.length ? sql<SqlBool>`t.assignee_id IN (${sql.join(s.assignees)})` : sql<SqlBool>`1 = 0`;
    out.push(s.delegatorId ? sql<SqlBool>`(${mine} OR t.created_by = ${s.delegatorId})` : mine);
  }
  if (s.assigneeIn) out.push(s.assigneeIn.length ? sql<SqlBool>`t.assignee_id IN (${sql.join(s.assigneeIn)})` : sql<SqlBool>`1 = 0`);
  if (s.delegatedBy) out.push(sql<SqlBool>`t.created_by = ${s.delegatedBy} AND t.assignee_id <> ${s.delegatedBy}`);
  if (s.status) out.push(sql<SqlBool>`t.status = ${s.status}`);
  if (s.priority) out.push(sql<SqlBool>`t.priority = ${s.priority}`);
  if (s.companyId) out.push(sql<SqlBool>`t.company_id = ${s.companyId}`);
  if (s.contactId) out.push(sql<SqlBool>`t.contact_id = ${s.contactId}`);
  if (s.dealId) out.push(sql<SqlBool>`t.deal_id = ${s.dealId}`);
  if (s.dueFrom) out.push(sql<SqlBool>`t.due_date >= ${s.dueFrom}`);
  if (s.dueTo) out.push(sql<SqlBool>`t.due_date <= ${s.dueTo}`);
  return out;
}

/** The keyset condition after the cursor row in the sort's order. */
function after(sort: TaskSort, c: Cursor): RawBuilder<SqlBool> {
  const v = String(c.v ?? '');
  switch (sort) {
    case 'due':
      return sql<SqlBool>`(t.due_key, t.id) > (${v}, ${c.id})`;
    case '-due':
      return sql<SqlBool>`(t.due_key, t.id) < (${v}, ${c.id})`;
    case 'createdAt':
      return sql<SqlBool>`(t.created_at, t.id) > (${v}, ${c.id})`;
    case '-createdAt':
      return sql<SqlBool>`(t.created_at, t.id) < (${v}, ${c.id})`;
    case '-priority': {
      // Highest priority first, then the earliest due: "rank|due_key".
      const [rank, dueKey] = [Number(v.slice(0, v.indexOf('|'))), v.slice(v.indexOf('|') + 1)];
      return sql<SqlBool>`(t.priority_rank < ${rank} OR (t.priority_rank = ${rank} AND (t.due_key, t.id) > (${dueKey}, ${c.id})))`;
    }
  }
}

const cursorValue = (sort: TaskSort, r: TaskRow): string =>
  sort === 'due' || sort === '-due' ? r.due_key : sort === '-priority' ? `${r.priority_rank}|${r.due_key}` : r.created_at;

/** One keyset page: limit + 1 rows are read to know whether another page follows. */
export async function listTasks(db: Executor, spec: TaskSpec, sort: TaskSort, cursor: Cursor | null, limit: number): Promise<{ rows: TaskRow[]; next: Cursor | null }> {
  let q = selectTasks(db);
  for (const c of conditions(spec)) q = q.where(c);
  if (cursor) q = q.where(after(sort, cursor));
  switch (sort) {
    case 'due':
    case '-due': {
      const dir = sort === 'due' ? 'asc' : 'desc';
      q = q.orderBy('t.due_key', dir).orderBy('t.id', dir);
      break;
    }
    case 'createdAt':
    case '-createdAt': {
      const dir = sort === 'createdAt' ? 'asc' : 'desc';
      q = q.orderBy('t.created_at', dir).orderBy('t.id', dir);
      break;
    }
    case '-priority':
      q = q.orderBy('t.priority_rank', 'desc').orderBy('t.due_key', 'asc').orderBy('t.id', 'asc');
  }
  const rows = await q.limit(limit + 1).execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? { v: cursorValue(sort, last), id: last.id } : null };
}
