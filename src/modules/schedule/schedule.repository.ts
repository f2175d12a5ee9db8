import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { dialectOf } from '../../platform/db/dialect.js';
import type { FunnelGroup } from './schedule.rules.js';

/** SQL of the schedule: open activities with what ranks them, the details of the listed ones, settings. */

/**
 * Activities with their company, deal and the deal's stage; on SQLite read through the named partial index of
 * open activities (its statistics of all open ones make the planner prefer the wider index of open activities
 * and fetch each row: twice the time of today's list).
 */
const withDeal = (db: Executor, index?: 'activities_open_untimed_idx' | 'activities_open_promises_idx') =>
  db
    .selectFrom(index && dialectOf(db) === 'sqlite' ? (sql`activities`.as(sql`a INDEXED BY ${sql.id(index)}`) as unknown as 'activities as a') : 'activities as a')
    .leftJoin('companies as c', 'c.id', 'a.company_id')
    .leftJoin('deals as d', 'd.id', 'a.deal_id')
    .leftJoin('stages as s', 's.id', 'd.stage_id');

/** What the algorithm ranks an activity by. */
const itemColumns = [
  'a.id',
  'a.owner_id',
  'a.planned_date',
  'a.planned_at',
  'c.status as company_status',
  's.kind as stage_kind',
  'd.probability as deal_probability',
  's.probability as stage_probability',
  'd.amount',
  'd.currency',
] as const;

// Literal conditions (not bound values): SQLite uses a partial index only for a query that names its condition.
const isOpen = sql<boolean>`a.status = 'open'`;
const isPromise = sql<boolean>`a.planned_at is not null`;
const isUntimed = sql<boolean>`a.planned_at is null`;

/** The owner's open promises planned (in the zone of their planning) before the date. */
export async function duePromises(db: Executor, ownerId: string, before: string) {
  return withDeal(db, 'activities_open_promises_idx').select(itemColumns).where('a.owner_id', '=', ownerId).where(isOpen).where(isPromise).where('a.planned_key', '<', before).execute();
}

export type OpenItemRow = Awaited<ReturnType<typeof duePromises>>[number];

/** The owner's open untimed activities due after `after` up to `through`. */
export async function untimedBetween(db: Executor, ownerId: string, after: string, through: string): Promise<OpenItemRow[]> {
  return withDeal(db, 'activities_open_untimed_idx')
    .select(itemColumns)
    .where('a.owner_id', '=', ownerId)
    .where(isOpen)
    .where(isUntimed)
    .where('a.planned_key', '>', after)
    .where('a.planned_key', '<=', through)
    .execute();
}

/** The owner's open untimed activities due by the date. */
export async function countUntimedDue(db: Executor, ownerId: string, through: string): Promise<number> {
  const r = await db
    .selectFrom('activities as a')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.owner_id', '=', ownerId)
    .where(isOpen)
    .where(isUntimed)
    .where('a.planned_key', '<=', through)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface FunnelRanking {
  hotThreshold: number;
  /** Place of each group in the order. */
  rank: Record<FunnelGroup, number>;
  /** Multipliers of amounts to the base currency (others count as is). */
  factors: Map<string, number>;
}

/**
 * The first `limit` open untimed activities of the owner due by `through`, in the order of the algorithm:
 * funnel group (funnelGroupOf in schedule.algorithm.ts: an open deal at the hot threshold is hot, else a
 * current company is a customer, else an open deal is early, else new), the oldest due, the bigger amount
 * in the base currency (the same double arithmetic as the algorithm's), the id.
 */
export async function funnelCandidates(db: Executor, ownerId: string, through: string, limit: number, r: FunnelRanking): Promise<OpenItemRow[]> {
  const open = sql`s.kind = 'open'`;
  const group = sql`case when ${open} and coalesce(d.probability, s.probability, 0) >= ${sql.lit(r.hotThreshold)} then ${sql.lit(r.rank.hot)}
    when c.status = 'current' then ${sql.lit(r.rank.customer)} when ${open} then ${sql.lit(r.rank.early)} else ${sql.lit(r.rank.new)} end`;
  const amount = sql`cast(coalesce(d.amount, 0) as double precision)`;
  const converted = r.factors.size
    ? sql`case d.currency ${sql.join([...r.factors].map(([c, f]) => sql`when ${c} then ${amount} * ${sql.lit(f)}`), sql` `)} else ${amount} end`
    : amount;
  return withDeal(db, 'activities_open_untimed_idx')
    .select(itemColumns)
    .where('a.owner_id', '=', ownerId)
    .where(isOpen)
    .where(isUntimed)
    .where('a.planned_key', '<=', through)
    .orderBy(group)
    .orderBy('a.planned_key')
    .orderBy(converted, 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

export async function openCount(db: Executor, ownerId: string): Promise<number> {
  const r = await db
    .selectFrom('activities as a')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.owner_id', '=', ownerId)
    .where(isOpen)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Currencies with exchange rates. */
export async function rateCurrencies(db: Executor): Promise<string[]> {
  return (await db.selectFrom('exchange_rates').select('currency').distinct().execute()).map((r) => r.currency);
}

/** What the list shows of the activities placed on it. */
export async function itemDetails(db: Executor, activityIds: readonly string[]) {
  if (!activityIds.length) return [];
  return withDeal(db)
    .select([
      'a.id',
      'a.type',
      'a.direction',
      'a.subject',
      'a.version',
      'a.company_id',
      'c.name as company_name',
      'c.status as company_status',
      'a.deal_id',
      'd.title as deal_title',
      'd.amount as deal_amount',
      'd.currency as deal_currency',
      'd.probability as deal_probability',
      'd.stage_id',
      's.name as stage_name',
      's.probability as stage_probability',
      's.kind as stage_kind',
    ])
    .where('a.id', 'in', activityIds)
    .execute();
}
export type DetailRow = Awaited<ReturnType<typeof itemDetails>>[number];

/** The contact persons of the activities, each activity's in their order. */
export async function activityContacts(db: Executor, activityIds: readonly string[]) {
  if (!activityIds.length) return [];
  return db
    .selectFrom('activity_contacts as ac')
    .innerJoin('contacts as p', 'p.id', 'ac.contact_id')
    .select(['ac.activity_id', 'p.id', 'p.full_name', 'ac.sort'])
    .where('ac.activity_id', 'in', activityIds)
    .orderBy('ac.activity_id')
    .orderBy('ac.sort')
    .execute();
}

/** Phones of contacts or companies, first by sort. */
export async function phonesOf(db: Executor, entity: 'contact' | 'company', ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('phones')
    .select(['entity_id', 'raw', 'e164', 'ext', 'sort'])
    .where('entity', '=', entity)
    .where('entity_id', 'in', ids)
    .orderBy('entity_id')
    .orderBy('sort')
    .execute();
}

/** The last completed activity of each company (a done activity's timeline time is its done time). */
export async function lastContacts(db: Executor, companyIds: readonly string[]) {
  if (!companyIds.length) return [];
  return db
    .selectFrom('activities')
    .select(['company_id', (eb) => eb.fn.max('timeline_at').as('last')])
    .where('company_id', 'in', companyIds)
    .where('status', '=', 'done')
    .groupBy('company_id')
    .execute();
}

/** Completion times of the owners' activities in a UTC window (to count each owner's "done today"). */
export async function doneBetween(db: Executor, ownerIds: readonly string[], fromUtc: string, toUtc: string) {
  if (!ownerIds.length) return [];
  return db
    .selectFrom('activities')
    .select(['owner_id', 'done_at'])
    .where('done_at', '>=', fromUtc)
    .where('done_at', '<', toUtc)
    .where('status', '=', 'done')
    .where('type', '!=', 'note')
    .where('owner_id', 'in', ownerIds)
    .execute();
}

export async function usersByIds(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'name', 'department_id', 'time_zone', 'is_active']).where('id', 'in', ids).orderBy('name').orderBy('id').execute();
}

/** Active users, of the departments when given (a non-empty list). */
export async function activeUsers(db: Executor, departmentIds: readonly string[] | null) {
  let q = db.selectFrom('users').select(['id', 'name', 'department_id', 'time_zone', 'is_active']).where('is_active', '=', 1);
  if (departmentIds) q = q.where('department_id', 'in', departmentIds);
  return q.orderBy('name').orderBy('id').execute();
}

export async function departments(db: Executor) {
  return db.selectFrom('departments').select(['id', 'parent_id as parentId']).execute();
}

export async function getSetting(db: Executor, key: string): Promise<string | null> {
  const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value ?? null;
}

export async function getSettings(db: Executor, keys: readonly string[]) {
  if (!keys.length) return [];
  return db.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys).execute();
}

export async function putSetting(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function deleteSetting(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}

/** Open activities among the ids owned by the user, with what a move changes and their reminders show. */
export async function openActivitiesOf(db: Executor, ownerId: string, ids: readonly string[]) {
  return db
    .selectFrom('activities as a')
    .leftJoin('companies as c', 'c.id', 'a.company_id')
    .select(['a.id', 'a.type', 'a.subject', 'c.name as company_name', 'a.version', 'a.field_versions', 'a.planned_at', 'a.planned_date', 'a.planned_time'])
    .where('a.id', 'in', ids)
    .where('a.owner_id', '=', ownerId)
    .where('a.status', '=', 'open')
    .execute();
}

export interface OwnerChange {
  id: string;
  version: number;
  ownerId: string;
  /** A promise's local date and time in the new owner's time zone. */
  planned: { date: string; time: string } | null;
  fieldVersions: string;
  now: string;
}

/** Gives an activity of the version read to another owner; false when it changed meanwhile. */
export async function setOwner(db: Executor, c: OwnerChange): Promise<boolean> {
  const r = await db
    .updateTable('activities')
    .set({
      owner_id: c.ownerId,
      version: c.version + 1,
      field_versions: c.fieldVersions,
      updated_at: c.now,
      ...(c.planned && { planned_date: c.planned.date, planned_time: c.planned.time, planned_key: `${c.planned.date} ${c.planned.time}` }),
    })
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
