import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { dialectOf } from '../../platform/db/dialect.js';
import { bucketOf } from './reports.definition.js';
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
  /** how many the row stands for (pre-counted sums), null for one */
  weight?: RawBuilder<unknown>;
}

/** The tables a report reads: an entity's own, or the activities' daily counts (migration 0865). */
type Source = ReportEntity | 'activity_days';

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

const entities: Record<Source, EntitySql> = {
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
  activity_days: {
    from: sql`activity_day_counts a`,
    joins: { company: null, product: null },
    columns: { owner: { expr: sql`a.owner_id` }, activity_type: { expr: sql`a.type` }, activity_status: { expr: sql`a.status` } },
    dates: { planned_date: sql`a.planned_date` },
    amount: null,
    success: () => sql`a.status = 'done'`,
    base: null,
    weight: sql`a.n`,
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

/**
 * SQLite has no hash aggregation: it sorts the groups unless it reads them in the order of an index. These
 * covering indexes (migration 0840) lead with the month of a date or with a plain date (a day), followed by
 * group columns: grouping by that grain and a prefix of the columns aggregates in index order, and the rows are
 * then rolled up here to the report's period and keys (a quarter of activities by manager and week: 0.6 -> 0.1 s).
 */
const sqliteGroupIndexes: { entity: Source; field: string; grain: 'month' | 'day'; order: RawKey[] }[] = [
  { entity: 'deals', field: 'created_at', grain: 'month', order: ['owner', 'currency', 'stage'] },
  { entity: 'deals', field: 'closed_at', grain: 'month', order: ['owner', 'currency', 'stage'] },
  { entity: 'activities', field: 'planned_date', grain: 'month', order: ['activity_type', 'owner', 'activity_status'] },
  { entity: 'activities', field: 'planned_date', grain: 'day', order: ['owner', 'activity_type', 'activity_status'] },
  { entity: 'activity_days', field: 'planned_date', grain: 'day', order: ['owner', 'activity_type', 'activity_status'] },
  { entity: 'activity_days', field: 'planned_date', grain: 'day', order: ['activity_type', 'owner', 'activity_status'] },
];

/** Date columns holding a plain date (grouped by the column itself at the grain of a day). */
const plainDates: Partial<Record<Source, string[]>> = { deals: ['expected_close_date'], activities: ['planned_date'], activity_days: ['planned_date'] };

const coarser: Record<PeriodUnit, ('month' | 'day')[]> = { day: ['day'], week: ['day'], month: ['month', 'day'], quarter: ['month', 'day'], year: ['month', 'day'] };

/** More rows than this at the finer grain: group by the report's own period in SQL instead. */
const MAX_FINE_ROWS = 200_000;

interface Grouping {
  /** the period in SQL at this grain (rolled up to the report's unit here), or null for the report's own unit */
  grain: 'month' | 'day' | null;
  /** the date of the SQL period key */
  field: string | null;
  /** SQL group keys in index order: the report's keys and any columns of the index between them */
  keys: RawKey[];
  /** group columns are plain (read in index order) rather than expressions (sorted) */
  indexed: boolean;
}

function groupingOf(db: Executor, s: AggregateSpec, keys: RawKey[]): Grouping {
  const p = s.period;
  const r = s.where.range;
  const wholeMonths = !r || (r.from.endsWith('-01') && r.before.endsWith('-01'));
  if (dialectOf(db) === 'postgres') {
    // Plain dates by the day; timestamps by their day or month (with statistics since migration 0860), rolled up.
    const plain = p !== null && (plainDates[s.entity] ?? []).includes(p.field);
    const grain = !p || p.unit === 'day' ? null : plain || p.unit === 'week' ? 'day' : p.unit === 'month' ? null : 'month';
    // The period first, then the columns in the order of the month indexes: PostgreSQL then sorts what the
    // covering date index gives (0.7 s for a year of a million deals) rather than walking the rows by manager (2 s).
    const order = ['period', ...(sqliteGroupIndexes.find((i) => i.entity === s.entity && i.grain === 'month')?.order ?? [])];
    const rank = (k: RawKey) => (order.includes(k) ? order.indexOf(k) : order.length);
    return { grain, field: p?.field ?? null, keys: [...keys].sort((a, b) => rank(a) - rank(b)), indexed: true };
  }
  // Without a period dimension, a period filter still reads its range in the order of its date's index.
  const field = p?.field ?? r?.field;
  const rest = keys.filter((k) => k !== 'period');
  for (const grain of p ? coarser[p.unit] : r ? (['month', 'day'] as const) : []) {
    if ((r && r.field !== field) || (grain === 'month' && !wholeMonths)) continue;
    // Of the indexes at this grain, the one whose shortest prefix holding every key is shortest.
    const prefix = sqliteGroupIndexes
      .filter((i) => i.entity === s.entity && i.field === field && i.grain === grain && rest.every((k) => i.order.includes(k)))
      .map((i) => i.order.slice(0, Math.max(0, ...rest.map((k) => i.order.indexOf(k) + 1))))
      .sort((a, b) => a.length - b.length)[0];
    if (prefix) return { grain: grain === p?.unit ? null : grain, field: field!, keys: ['period', ...prefix], indexed: true };
  }
  return { grain: null, field: p?.field ?? null, keys, indexed: r === null };
}

export interface AggregateSpec {
  entity: Source;
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

/**
 * One aggregate query: GROUP BY the raw keys (and the currency for money), with count, sum and conversion parts;
 * at a finer grain or with more keys than asked where an index serves that better, rolled up to the asked ones.
 */
export async function aggregate(db: Executor, spec: AggregateSpec): Promise<AggregateRow[]> {
  const s = fromDayCounts(spec) ? { ...spec, entity: 'activity_days' as const } : spec;
  const allKeys: RawKey[] = s.money ? [...s.keys, 'currency'] : s.keys;
  let g = groupingOf(db, s, allKeys);
  const rollup = g.grain !== null || g.keys.length > allKeys.length;
  let rows = await query(db, s, g, rollup ? MAX_FINE_ROWS + 1 : s.limit);
  if (rows.length > MAX_FINE_ROWS) rows = await query(db, s, (g = { grain: null, field: s.period?.field ?? null, keys: allKeys, indexed: s.where.range === null }), s.limit);
  const bucket = new Map<string, string>();
  const periodOf = (raw: string | null) => {
    if (raw === null || g.grain === null) return raw;
    let b = bucket.get(raw);
    if (b === undefined) bucket.set(raw, (b = bucketOf(g.grain === 'month' ? `${raw}-01` : raw, s.period!.unit)));
    return b;
  };
  const at = allKeys.map((k) => g.keys.indexOf(k));
  const out = new Map<string, AggregateRow>();
  for (const r of rows) {
    const keys = at.map((i, n) => (allKeys[n] === 'period' ? periodOf(r.keys[i]!) : r.keys[i]!));
    const id = JSON.stringify(keys);
    const row = out.get(id);
    if (!row) {
      if (out.size === s.limit) break;
      out.set(id, { ...r, keys });
      continue;
    }
    row.count += r.count;
    row.amount += r.amount;
    row.success += r.success;
    row.base += r.base;
  }
  return [...out.values()].map((r) => (s.money ? { ...r, keys: r.keys.slice(0, -1), currency: r.keys[r.keys.length - 1] ?? null } : r));
}

/** Activities grouped and filtered only by owner, type, status and planned day are counted from their daily sums. */
function fromDayCounts(s: AggregateSpec): boolean {
  const columns = entities.activity_days.columns;
  return (
    s.entity === 'activities' &&
    s.keys.every((k) => k === 'period' || columns[k] !== undefined) &&
    (!s.period || s.period.field === 'planned_date') &&
    (!s.where.range || s.where.range.field === 'planned_date') &&
    Object.keys(s.where.equals).every((k) => columns[k as Exclude<RawKey, 'period'>] !== undefined) &&
    !s.where.stageIn &&
    !s.where.productGroups
  );
}

async function query(db: Executor, s: AggregateSpec, g: Grouping, limit: number): Promise<AggregateRow[]> {
  const e = entities[s.entity];
  const joins = new Set<Joins>();
  const col = (key: Exclude<RawKey, 'period'>) => {
    const c = e.columns[key];
    if (!c) throw new Error(`${s.entity} has no column ${key}`);
    if (c.join) joins.add(c.join);
    return c.expr;
  };
  // SQLite sorts groups it cannot read in index order: keys as expressions keep it from walking a whole index of
  // the group columns in their order (fetching each row for its date) instead of reading the period's range.
  const sorting = dialectOf(db) === 'sqlite' && !g.indexed;
  const keyExpr = (key: RawKey) => {
    if (key !== 'period') return sorting ? sql`${col(key)} || ''` : col(key);
    const date = e.dates[g.field!]!;
    return g.grain === 'day' && (plainDates[s.entity] ?? []).includes(g.field!) ? date : truncDate(db, date, g.grain ?? s.period!.unit);
  };
  const selects: RawBuilder<unknown>[] = g.keys.map((k, i) => sql`${keyExpr(k)} AS ${sql.ref(`k${i}`)}`);
  const one = e.weight ?? sql`1`;
  selects.push(sql`sum(${one}) AS n`);
  if (s.money && e.amount) selects.push(sql`sum(${e.amount}) AS amount`);
  if (s.conversion && e.success) {
    selects.push(sql`sum(CASE WHEN ${e.success(s.conversion.won)} THEN ${one} ELSE 0 END) AS success`);
    selects.push(e.base ? sql`sum(CASE WHEN ${e.base(s.conversion.closed)} THEN ${one} ELSE 0 END) AS base` : sql`sum(${one}) AS base`);
  }
  const where: RawBuilder<unknown>[] = [];
  const w = s.where;
  if (w.owners) where.push(inList(col('owner'), w.owners));
  if (w.range) {
    const d = e.dates[w.range.field]!;
    const months = w.range.from.endsWith('-01') && w.range.before.endsWith('-01') && dialectOf(db) === 'sqlite' && g.grain !== 'day';
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
  const { rows } = await sql`SELECT ${sql.join(selects)} FROM ${e.from} ${sql.join(joinSql, sql` `)}
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    ${g.keys.length ? sql`GROUP BY ${sql.join(g.keys.map((_, i) => sql.ref(`k${i}`)))}` : sql``}
    LIMIT ${limit}`.execute(db);
  return (rows as Record<string, unknown>[]).map((r) => ({
    keys: g.keys.map((_, i) => (r[`k${i}`] === null || r[`k${i}`] === undefined ? null : String(r[`k${i}`]))),
    currency: null,
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
