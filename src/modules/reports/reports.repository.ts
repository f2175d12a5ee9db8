import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { dialectOf } from '../../platform/db/dialect.js';
import type { PeriodUnit, ReportEntity } from './reports.schema.js';

/**
 * The only SQL of the report constructor. Every column and table name comes from the fixed maps below, keyed
 * by whitelisted names; values (ids, dates, statuses) are always bound parameters.
 */

/** Columns a report groups by in SQL (the service derives manager, department, status ... from them). */
export type RawKey =
  | 'owner'
  | 'stage'
  | 'pipeline'
  | 'deal_type'
  | 'source_channel'
  | 'source_campaign'
  | 'currency'
  | 'company_status'
  | 'activity_type'
  | 'activity_status'
  | 'product'
  | 'product_group'
  | 'period';

type Joins = 'company' | 'product';

interface EntitySql {
  from: RawBuilder<unknown>;
  joins: Record<Joins, RawBuilder<unknown> | null>;
  columns: Partial<Record<Exclude<RawKey, 'period'>, { expr: RawBuilder<unknown>; join?: Joins }>>;
  dates: Record<string, RawBuilder<unknown>>;
  amount: RawBuilder<unknown> | null;
  /** the row counts as a success for the conversion measure (deals: by stage ids, bound at run time) */
  success: ((won: string[]) => RawBuilder<unknown>) | null;
  /** the row counts in the conversion's base (null = every row) */
  base: ((closed: string[]) => RawBuilder<unknown>) | null;
}

const inList = (col: RawBuilder<unknown>, ids: string[]) => (ids.length ? sql`${col} IN (${sql.join(ids)})` : sql`1 = 0`);

const dealColumns = {
  owner: { expr: sql`d.owner_id` },
  stage: { expr: sql`d.stage_id` },
  pipeline: { expr: sql`d.pipeline_id` },
  deal_type: { expr: sql`d.type` },
  source_channel: { expr: sql`d.source_channel` },
  source_campaign: { expr: sql`d.source_campaign` },
  currency: { expr: sql`d.currency` },
  company_status: { expr: sql`c.status`, join: 'company' as const },
};

const entities: Record<ReportEntity, EntitySql> = {
  deals: {
    from: sql`deals d`,
    joins: { company: sql`LEFT JOIN companies c ON c.id = d.company_id`, product: null },
    columns: dealColumns,
    dates: { created_at: sql`d.created_at`, closed_at: sql`d.closed_at`, expected_close_date: sql`d.expected_close_date` },
    amount: sql`d.amount`,
    success: (won) => inList(sql`d.stage_id`, won),
    base: (closed) => inList(sql`d.stage_id`, closed),
  },
  deal_lines: {
    from: sql`deal_lines l JOIN deals d ON d.id = l.deal_id`,
    joins: { company: null, product: sql`LEFT JOIN products p ON p.id = l.product_id` },
    columns: { ...dealColumns, company_status: undefined, product: { expr: sql`l.product_id` }, product_group: { expr: sql`p.group_id`, join: 'product' } },
    dates: { created_at: sql`d.created_at`, closed_at: sql`d.closed_at` },
    amount: sql`l.gross`,
    success: (won) => inList(sql`d.stage_id`, won),
    base: (closed) => inList(sql`d.stage_id`, closed),
  },
  activities: {
    from: sql`activities a`,
    joins: { company: sql`LEFT JOIN companies c ON c.id = a.company_id`, product: null },
    columns: {
      owner: { expr: sql`a.owner_id` },
      activity_type: { expr: sql`a.type` },
      activity_status: { expr: sql`a.status` },
      company_status: { expr: sql`c.status`, join: 'company' },
    },
    dates: { planned_date: sql`a.planned_date`, done_at: sql`a.done_at`, created_at: sql`a.created_at` },
    amount: null,
    success: () => sql`a.status = 'done'`,
    base: null,
  },
  companies: {
    from: sql`companies c`,
    joins: { company: null, product: null },
    columns: { owner: { expr: sql`c.owner_id` }, company_status: { expr: sql`c.status` }, source_channel: { expr: sql`c.source` } },
    dates: { created_at: sql`c.created_at`, status_changed_at: sql`c.status_changed_at` },
    amount: null,
    success: () => sql`c.status = 'current'`,
    base: null,
  },
};

/** Whether the entity has the column (the service's whitelist agrees with these maps; a unit test checks). */
export const hasColumn = (entity: ReportEntity, key: Exclude<RawKey, 'period'>): boolean => entities[entity].columns[key] !== undefined;
export const hasDate = (entity: ReportEntity, field: string): boolean => Object.hasOwn(entities[entity].dates, field);

/**
 * A date or ISO timestamp column cut to the start of its day, week (Monday), month, quarter or year, as text:
 * '2026-11-23', '2026-11-23', '2026-11', '2026-Q4', '2026'. Times are UTC; only the week differs by engine.
 */
export function truncDate(db: Executor, column: RawBuilder<unknown>, unit: PeriodUnit): RawBuilder<string> {
  switch (unit) {
    case 'day':
      return sql<string>`substr(${column}, 1, 10)`;
    case 'week':
      return dialectOf(db) === 'postgres'
        ? sql<string>`to_char(date_trunc('week', substr(${column}, 1, 10)::date), 'YYYY-MM-DD')`
        : sql<string>`date(substr(${column}, 1, 10), 'weekday 0', '-6 days')`;
    case 'month':
      return sql<string>`substr(${column}, 1, 7)`;
    case 'quarter':
      return sql<string>`substr(${column}, 1, 4) || '-Q' || cast((cast(substr(${column}, 6, 2) as integer) + 2) / 3 as text)`;
    case 'year':
      return sql<string>`substr(${column}, 1, 4)`;
  }
}

/** Columns after the month of the SQLite month indexes of migration 0840. */
const monthIndexOrder: Partial<Record<ReportEntity, RawKey[]>> = {
  deals: ['period', 'owner', 'currency', 'stage'],
  activities: ['period', 'activity_type', 'owner', 'activity_status'],
};

/** Whether SQLite can aggregate in the order of a month index: grouped by month of the filtered date and a prefix of its columns. */
function streams(s: AggregateSpec, keys: RawKey[]): boolean {
  const order = monthIndexOrder[s.entity];
  if (!order || !s.period || s.period.unit !== 'month' || s.period.field !== s.where.range?.field) return false;
  const prefix = order.slice(0, keys.length);
  return keys.every((k) => prefix.includes(k));
}

export interface AggregateSpec {
  entity: ReportEntity;
  /** the SQL group keys in order (a period key needs `period`) */
  keys: RawKey[];
  period: { field: string; unit: PeriodUnit } | null;
  /** sum the amount per currency */
  money: boolean;
  /** count successes and the conversion's base */
  conversion: { won: string[]; closed: string[] } | null;
  where: {
    owners: string[] | null;
    range: { field: string; from: string; before: string } | null;
    equals: Partial<Record<Exclude<RawKey, 'period'>, string>>;
    /** deals: stage ids of the status filter */
    stageIn: string[] | null;
    productGroups: string[] | null;
  };
  limit: number;
}

export interface AggregateRow {
  keys: (string | null)[];
  currency: string | null;
  count: number;
  amount: number;
  success: number;
  base: number;
}

/** One aggregate query: GROUP BY the raw keys (and the currency for money), with count, sum and conversion parts. */
export async function aggregate(db: Executor, s: AggregateSpec): Promise<AggregateRow[]> {
  const e = entities[s.entity];
  const joins = new Set<Joins>();
  const col = (key: Exclude<RawKey, 'period'>) => {
    const c = e.columns[key];
    if (!c) throw new Error(`${s.entity} has no column ${key}`);
    if (c.join) joins.add(c.join);
    return c.expr;
  };
  const allKeys: RawKey[] = s.money ? [...s.keys, 'currency'] : s.keys;
  const sorting = dialectOf(db) === 'sqlite' && s.where.range !== null && !streams(s, allKeys);
  // SQLite sorts these groups anyway: keys as expressions keep it from walking a whole index of the group columns
  // in their order (fetching each row for its date) instead of reading the period's range from the date's index.
  const keyExpr = (key: RawKey) =>
    key === 'period' ? truncDate(db, e.dates[s.period!.field]!, s.period!.unit) : sorting ? sql`${col(key)} || ''` : col(key);
  const named: [RawKey, RawBuilder<unknown>][] = allKeys.map((k) => [k, keyExpr(k)]);
  const selects: RawBuilder<unknown>[] = named.map(([, g], i) => sql`${g} AS ${sql.ref(`k${i}`)}`);
  // The same groups in the column order of the month indexes (SQLite then aggregates in index order, without sorting).
  const order = monthIndexOrder[s.entity] ?? [];
  const rank = (k: RawKey) => (order.includes(k) ? order.indexOf(k) : order.length);
  const groups = [...named].sort((a, b) => rank(a[0]) - rank(b[0])).map(([, g]) => g);
  selects.push(sql`count(*) AS n`);
  if (s.money && e.amount) selects.push(sql`sum(${e.amount}) AS amount`);
  if (s.conversion && e.success) {
    selects.push(sql`sum(CASE WHEN ${e.success(s.conversion.won)} THEN 1 ELSE 0 END) AS success`);
    selects.push(e.base ? sql`sum(CASE WHEN ${e.base(s.conversion.closed)} THEN 1 ELSE 0 END) AS base` : sql`count(*) AS base`);
  }
  const where: RawBuilder<unknown>[] = [];
  const w = s.where;
  if (w.owners) where.push(inList(col('owner'), w.owners));
  if (w.range) {
    const d = e.dates[w.range.field]!;
    const months = w.range.from.endsWith('-01') && w.range.before.endsWith('-01') && dialectOf(db) === 'sqlite';
    // Whole months on SQLite: the same rows, read through the month expression index.
    if (months) where.push(sql`substr(${d}, 1, 7) >= ${w.range.from.slice(0, 7)}`, sql`substr(${d}, 1, 7) < ${w.range.before.slice(0, 7)}`);
    else where.push(sql`${d} >= ${w.range.from}`, sql`${d} < ${w.range.before}`);
  }
  for (const [key, value] of Object.entries(w.equals) as [Exclude<RawKey, 'period'>, string][]) where.push(sql`${col(key)} = ${value}`);
  // With a period, the date's covering index reads the range without touching the rows; `|| ''` keeps both
  // engines from choosing the stage index instead (a fifth of a million deals fetched row by row).
  if (w.stageIn) where.push(inList(w.range ? sql`${col('stage')} || ''` : col('stage'), w.stageIn));
  if (w.productGroups) where.push(inList(col('product_group'), w.productGroups));
  const joinSql = [...joins].map((j) => e.joins[j]).filter((j): j is RawBuilder<unknown> => j !== null);
  const query = sql`SELECT ${sql.join(selects)} FROM ${e.from} ${sql.join(joinSql, sql` `)}
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    ${groups.length ? sql`GROUP BY ${sql.join(groups)}` : sql``}
    LIMIT ${s.limit}`;
  const { rows } = await query.execute(db);
  const n = s.keys.length;
  return (rows as Record<string, unknown>[]).map((r) => ({
    keys: s.keys.map((_, i) => (r[`k${i}`] === null || r[`k${i}`] === undefined ? null : String(r[`k${i}`]))),
    currency: s.money ? (r[`k${n}`] as string) : null,
    count: Number(r.n),
    amount: Number(r.amount ?? 0),
    success: Number(r.success ?? 0),
    base: Number(r.base ?? 0),
  }));
}

/** Stage ids by kind (deleted stages too: their deals still count). */
export async function stagesByKind(db: Executor): Promise<{ id: string; kind: string; pipelineId: string; name: string; sort: number; pipelineSort: number }[]> {
  return db
    .selectFrom('stages as s')
    .innerJoin('pipelines as p', 'p.id', 's.pipeline_id')
    .select(['s.id', 's.kind', 's.pipeline_id as pipelineId', 's.name', 's.sort', 'p.sort as pipelineSort'])
    .execute();
}

export async function namesOf(db: Executor, table: 'users' | 'departments' | 'pipelines' | 'products' | 'product_groups', ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function pipelineSorts(db: Executor): Promise<Map<string, number>> {
  const rows = await db.selectFrom('pipelines').select(['id', 'sort']).execute();
  return new Map(rows.map((r) => [r.id, r.sort]));
}

export async function userDepartments(db: Executor, ids: string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'department_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.department_id]));
}

export async function departments(db: Executor): Promise<{ id: string; parentId: string | null }[]> {
  return db.selectFrom('departments').select(['id', 'parent_id as parentId']).execute();
}

export async function usersIn(db: Executor, departmentIds: string[]): Promise<string[]> {
  if (!departmentIds.length) return [];
  return (await db.selectFrom('users').select('id').where('department_id', 'in', departmentIds).execute()).map((u) => u.id);
}

export async function productGroups(db: Executor): Promise<{ id: string; parentId: string | null }[]> {
  return db.selectFrom('product_groups').select(['id', 'parent_id as parentId']).execute();
}

export async function productGroupOf(db: Executor, productIds: string[]): Promise<Map<string, string | null>> {
  if (!productIds.length) return new Map();
  const rows = await db.selectFrom('products').select(['id', 'group_id']).where('id', 'in', productIds).execute();
  return new Map(rows.map((r) => [r.id, r.group_id]));
}
