import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Cursor } from '../../platform/http/pagination.js';
import { selectActivities, type ActivityRow } from './activities.repository.js';
import type { ActivitySort, ActivityStatus, ActivityType } from './activities.schema.js';

/** SQL of activity lists: filters and keyset pages. */

export interface ActivitySpec {
  /** Owner ids allowed; null = anyone. Scope, owner and department filters combined. */
  owners: string[] | null;
  companyId?: string;
  dealId?: string;
  contactId?: string;
  types?: ActivityType[];
  status?: ActivityStatus;
  from?: string;
  to?: string;
  promises?: boolean;
  /** Late (or, with late false, not late) open activities: promises before this UTC moment, untimed ones planned before this local date. */
  overdue?: { late: boolean; nowUtc: string; today: string };
}

export function conditions(s: ActivitySpec): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = [];
  if (s.owners) out.push(s.owners.length ? sql<SqlBool>`a.owner_id IN (${sql.join(s.owners)})` : sql<SqlBool>`1 = 0`);
  if (s.companyId) out.push(sql<SqlBool>`a.company_id = ${s.companyId}`);
  if (s.dealId) out.push(sql<SqlBool>`a.deal_id = ${s.dealId}`);
  if (s.contactId) out.push(sql<SqlBool>`a.id IN (SELECT ac.activity_id FROM activity_contacts ac WHERE ac.contact_id = ${s.contactId})`);
  if (s.types?.length) out.push(sql<SqlBool>`a.type IN (${sql.join(s.types)})`);
  if (s.status) out.push(sql<SqlBool>`a.status = ${s.status}`);
  if (s.from) out.push(sql<SqlBool>`a.planned_date >= ${s.from}`);
  if (s.to) out.push(sql<SqlBool>`a.planned_date <= ${s.to}`);
  if (s.promises !== undefined) out.push(s.promises ? sql<SqlBool>`a.planned_time IS NOT NULL` : sql<SqlBool>`a.planned_time IS NULL`);
  if (s.overdue) {
    // Every term is non-null, so NOT late is exactly the complement.
    const late = sql<SqlBool>`(a.status = 'open' AND ((a.planned_at IS NOT NULL AND a.planned_at < ${s.overdue.nowUtc}) OR (a.planned_at IS NULL AND a.planned_date < ${s.overdue.today})))`;
    out.push(s.overdue.late ? late : sql<SqlBool>`NOT ${late}`);
  }
  return out;
}

type SortKey = 'planned' | 'doneAt' | 'createdAt';
const sortExpr: Record<SortKey, RawBuilder<string>> = {
  planned: sql<string>`a.planned_key`,
  // Not done yet: before every done time ascending, after them descending.
  doneAt: sql<string>`coalesce(a.done_at, '')`,
  createdAt: sql<string>`a.created_at`,
};
const sortValue = (r: ActivityRow, key: SortKey): string => (key === 'planned' ? r.planned_key : key === 'doneAt' ? (r.done_at ?? '') : r.created_at);

/** One keyset page: limit + 1 rows are read to know whether another page follows. */
export async function listActivities(db: Executor, spec: ActivitySpec, sort: ActivitySort, cursor: Cursor | null, limit: number): Promise<{ rows: ActivityRow[]; next: Cursor | null }> {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as SortKey;
  const expr = sortExpr[key];
  let q = selectActivities(db);
  for (const c of conditions(spec)) q = q.where(c);
  if (cursor) {
    const v = String(cursor.v ?? '');
    q = q.where(desc ? sql<SqlBool>`(${expr}, a.id) < (${v}, ${cursor.id})` : sql<SqlBool>`(${expr}, a.id) > (${v}, ${cursor.id})`);
  }
  const dir = desc ? 'desc' : 'asc';
  const rows = await q.orderBy(expr, dir).orderBy('a.id', dir).limit(limit + 1).execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? { v: sortValue(last, key), id: last.id } : null };
}
