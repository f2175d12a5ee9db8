import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { HolidayTable, UserWorkSettingsTable } from '../../platform/db/schema.js';

/** SQL of users' working calendars and of the holidays calendar. */

export async function settingsRows(db: Executor, userIds: readonly string[]) {
  if (!userIds.length) return [];
  return db
    .selectFrom('users as u')
    .leftJoin('user_work_settings as w', 'w.user_id', 'u.id')
    .select([
      'u.id as user_id', 'u.time_zone', 'w.work_days', 'w.work_start', 'w.work_end', 'w.daily_capacity', 'w.reminder_minutes',
      'w.email_reminders', 'w.holiday_country',
    ])
    .where('u.id', 'in', userIds)
    .execute();
}
export type SettingsRow = Awaited<ReturnType<typeof settingsRows>>[number];

export async function upsertSettings(db: Executor, row: Insertable<UserWorkSettingsTable>): Promise<void> {
  const { user_id: _id, ...set } = row;
  await db
    .insertInto('user_work_settings')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet(set satisfies Updateable<UserWorkSettingsTable>))
    .execute();
}

export async function setTimeZone(db: Executor, userId: string, timeZone: string, now: string): Promise<void> {
  await db.updateTable('users').set({ time_zone: timeZone, updated_at: now }).where('id', '=', userId).execute();
}

export async function listHolidays(db: Executor, f: { country?: string; from?: string; to?: string }) {
  let q = db.selectFrom('holidays').selectAll();
  if (f.country) q = q.where('country', '=', f.country);
  if (f.from) q = q.where('date', '>=', f.from);
  if (f.to) q = q.where('date', '<=', f.to);
  return q.orderBy('date').orderBy('country').limit(5000).execute();
}

export async function findHoliday(db: Executor, id: string) {
  return db.selectFrom('holidays').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function holidayOn(db: Executor, country: string, date: string) {
  return db.selectFrom('holidays').select('id').where('country', '=', country).where('date', '=', date).executeTakeFirst();
}

export async function insertHoliday(db: Executor, row: Insertable<HolidayTable>): Promise<void> {
  await db.insertInto('holidays').values(row).execute();
}

export async function deleteHoliday(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('holidays').where('id', '=', id).execute();
}
