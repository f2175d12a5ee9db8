import type { ExpressionBuilder, Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { dialectOf } from '../../platform/db/dialect.js';
import type { DB, NotificationTable, ReminderTable } from '../../platform/db/schema.js';

/** SQL of reminder jobs and in-app notifications. */

export type ReminderChannel = 'in_app' | 'email';

export async function insertReminder(db: Executor, row: Insertable<ReminderTable>): Promise<void> {
  await db.insertInto('reminders').values(row).execute();
}

/** Drops the entity's reminders that have not fired yet (every channel). */
export async function deletePending(db: Executor, entity: string, entityId: string): Promise<void> {
  await db.deleteFrom('reminders').where('entity', '=', entity).where('entity_id', '=', entityId).where('fired_at', 'is', null).execute();
}

/** Minutes before an event its reminder fires (null: the user has no work settings yet). */
export async function reminderMinutes(db: Executor, userId: string): Promise<number | null> {
  const r = await db.selectFrom('user_work_settings').select('reminder_minutes').where('user_id', '=', userId).executeTakeFirst();
  return r?.reminder_minutes ?? null;
}

/** The address reminders of the user are e-mailed to, or null (inactive user, or e-mail reminders off). */
export async function mailTarget(db: Executor, userId: string) {
  const r = await db
    .selectFrom('users')
    .innerJoin('user_work_settings as w', 'w.user_id', 'users.id')
    .select(['users.email', 'users.name'])
    .where('users.id', '=', userId)
    .where('users.is_active', '=', 1)
    .where('w.email_reminders', '=', 1)
    .executeTakeFirst();
  return r ?? null;
}

export async function userEmail(db: Executor, userId: string) {
  return db.selectFrom('users').select(['email', 'name']).where('id', '=', userId).executeTakeFirst();
}

/**
 * Claims up to `limit` due reminders of a channel for `node` until `until`, in one UPDATE. On PostgreSQL the
 * candidate rows are locked with SKIP LOCKED (concurrent nodes take disjoint rows), and the outer WHERE is
 * re-checked on the locked row, so a row another node claimed meanwhile no longer matches. On SQLite writes
 * are serialized. Either way each due reminder is claimed by one node at a time.
 */
export async function claimDue(db: Executor, channel: ReminderChannel, node: string, now: string, until: string, limit: number) {
  const open = (eb: ExpressionBuilder<DB, 'reminders'>) =>
    eb.and([
      eb('channel', '=', channel),
      eb('fired_at', 'is', null),
      eb('fire_at', '<=', now),
      eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]),
    ]);
  const postgres = dialectOf(db) === 'postgres';
  return db
    .updateTable('reminders')
    .set((eb) => ({ claimed_by: node, claimed_until: until, attempts: eb('attempts', '+', 1) }))
    .where((eb) => {
      let candidates = eb.selectFrom('reminders').select('id').where(open).orderBy('fire_at').limit(limit);
      if (postgres) candidates = candidates.forUpdate().skipLocked();
      return eb.and([eb('id', 'in', candidates), open(eb)]);
    })
    .returningAll()
    .execute();
}
export type ReminderRow = Awaited<ReturnType<typeof claimDue>>[number];

/** Marks a claimed reminder fired; false when the claim was lost (expired and taken by another node). */
export async function markFired(db: Executor, id: string, node: string, now: string, error: string | null = null): Promise<boolean> {
  const r = await db
    .updateTable('reminders')
    .set({ fired_at: now, claimed_until: null, last_error: error })
    .where('id', '=', id)
    .where('claimed_by', '=', node)
    .where('fired_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives a claimed reminder back: no node claims it before `retryAt`. */
export async function release(db: Executor, id: string, node: string, retryAt: string, error: string): Promise<void> {
  await db
    .updateTable('reminders')
    .set({ claimed_until: retryAt, last_error: error })
    .where('id', '=', id)
    .where('claimed_by', '=', node)
    .where('fired_at', 'is', null)
    .execute();
}

export async function insertNotification(db: Executor, row: Insertable<NotificationTable>): Promise<void> {
  await db.insertInto('notifications').values(row).execute();
}

export async function listNotifications(db: Executor, userId: string, f: { unread?: boolean; before: string | null; limit: number }) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (f.unread) q = q.where('read_at', 'is', null);
  if (f.before) q = q.where('id', '<', f.before);
  return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
}
export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>[number];

/**
 * Notifications of the users with an id at or above `idFloor` (ids are UUIDv7, so this is "created since"),
 * oldest first: what the live streams of these users may not have seen yet.
 */
export async function recentFor(db: Executor, userIds: string[], idFloor: string) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', 'in', userIds)
    .where('id', '>=', idFloor)
    .orderBy('id')
    .limit(1000)
    .execute();
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(db: Executor, userId: string, ids: string[] | null, now: string): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}
