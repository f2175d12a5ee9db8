import type { Executor } from '../../platform/db/database.js';

/** SQL of calendars (activities and tasks of some users over a date range) and of feed tokens. */

/** What a calendar reads: items at a UTC moment in [startAt, endAt), or all-day items dated from..to. */
export interface ItemRange {
  startAt: string;
  endAt: string;
  from: string;
  to: string;
  /** Plan keys ('YYYY-MM-DD[ HH:MM]' in the owner's zone) to scan: at or above `lo`, below `hi`. */
  lo: string;
  hi: string;
}

/**
 * Activities (not notes) of the owners planned within the range (open and done), unordered (the caller sorts;
 * past `limit` the rows are an arbitrary subset); their notes on request.
 */
export async function activitiesIn(db: Executor, ownerIds: string[], r: ItemRange, limit: number, withNotes = false) {
  if (!ownerIds.length) return [];
  return db
    .selectFrom('activities as a')
    .leftJoin('companies as c', 'c.id', 'a.company_id')
    .select([
      'a.id',
      'a.type',
      'a.status',
      'a.owner_id as user_id',
      'a.company_id',
      'c.name as company_name',
      'a.deal_id',
      'a.planned_date as date',
      'a.planned_at as at',
      'a.duration_sec',
      'a.subject',
      'a.version',
    ])
    .$if(withNotes, (q) => q.select('a.notes'))
    .where('a.owner_id', 'in', ownerIds)
    // Notes are remarks, not appointments.
    .where('a.type', '!=', 'note')
    .where('a.planned_key', '>=', r.lo)
    .where('a.planned_key', '<', r.hi)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.planned_at', '>=', r.startAt), eb('a.planned_at', '<', r.endAt)]),
        eb.and([eb('a.planned_at', 'is', null), eb('a.planned_date', '>=', r.from), eb('a.planned_date', '<=', r.to)]),
      ]),
    )
    .limit(limit)
    .execute();
}
export type ActivityRow = Awaited<ReturnType<typeof activitiesIn>>[number];

/** Tasks of the assignees due within the range (open and done), unordered like activitiesIn; descriptions on request. */
export async function tasksIn(db: Executor, assigneeIds: string[], r: ItemRange, limit: number, withNotes = false) {
  if (!assigneeIds.length) return [];
  return db
    .selectFrom('tasks as t')
    .leftJoin('companies as c', 'c.id', 't.company_id')
    .select([
      't.id',
      't.title',
      't.status',
      't.assignee_id as user_id',
      't.company_id',
      'c.name as company_name',
      't.deal_id',
      't.due_date as date',
      't.due_at as at',
      't.priority',
      't.version',
    ])
    .$if(withNotes, (q) => q.select('t.description'))
    .where('t.assignee_id', 'in', assigneeIds)
    // Both statuses named: the (assignee, status, due_key) index then serves the due range.
    .where('t.status', 'in', ['open', 'done'])
    .where('t.due_key', '>=', r.lo)
    .where('t.due_key', '<', r.hi)
    .where((eb) =>
      eb.or([
        eb.and([eb('t.due_at', '>=', r.startAt), eb('t.due_at', '<', r.endAt)]),
        eb.and([eb('t.due_at', 'is', null), eb('t.due_date', '>=', r.from), eb('t.due_date', '<=', r.to)]),
      ]),
    )
    .limit(limit)
    .execute();
}
export type TaskRow = Awaited<ReturnType<typeof tasksIn>>[number];

export async function usersOf(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'name', 'time_zone']).where('id', 'in', ids).orderBy('name').orderBy('id').execute();
}

export async function departmentExists(db: Executor, id: string): Promise<boolean> {
  return !!(await db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst());
}

export async function findFeed(db: Executor, userId: string) {
  return db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** The active user a feed token (hash) belongs to. */
export async function feedOwner(db: Executor, tokenHash: string) {
  return db
    .selectFrom('calendar_feeds as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select(['u.id', 'u.name', 'u.locale', 'u.time_zone'])
    .where('f.token_hash', '=', tokenHash)
    .where('u.is_active', '=', 1)
    .executeTakeFirst();
}

export async function replaceFeed(db: Executor, userId: string, tokenHash: string, now: string): Promise<void> {
  await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
  await db.insertInto('calendar_feeds').values({ user_id: userId, token_hash: tokenHash, created_at: now }).execute();
}

export async function deleteFeed(db: Executor, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
