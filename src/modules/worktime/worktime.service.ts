import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { ownerAllowed, scopeOf, type Principal } from '../../platform/access/index.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './worktime.repository.js';
import { defaultWorkSettings, type Holiday, type HolidayInput, type HolidayQuery, type WorkSettings, type WorkSettingsUpdate } from './worktime.schema.js';

/** Working calendars of users (defaults where a user has not set them) and the holidays calendar. */

function toSettings(r: repo.SettingsRow): WorkSettings {
  return {
    userId: r.user_id,
    timeZone: r.time_zone,
    workDays: r.work_days ? (JSON.parse(r.work_days) as number[]) : [...defaultWorkSettings.workDays],
    workStart: r.work_start ?? defaultWorkSettings.workStart,
    workEnd: r.work_end ?? defaultWorkSettings.workEnd,
    dailyCapacity: r.daily_capacity ?? defaultWorkSettings.dailyCapacity,
    reminderMinutes: r.reminder_minutes ?? defaultWorkSettings.reminderMinutes,
    emailReminders: r.email_reminders === 1,
    holidayCountry: r.holiday_country ?? null,
  };
}

/** The working calendars of several users, by user id (unknown ids are left out). */
export async function workSettingsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, WorkSettings>> {
  const rows = await repo.settingsRows(db, [...new Set(userIds)]);
  return new Map(rows.map((r) => [r.user_id, toSettings(r)]));
}

export async function getWorkSettings(db: Executor, userId: string): Promise<WorkSettings> {
  const s = (await workSettingsOf(db, [userId])).get(userId);
  if (!s) throw AppError.notFound('user');
  return s;
}

/**
 * Whether the principal may change the user's working calendar: their own, a user within their user update
 * scope (administrators), or one whose activities they manage (a head of sales sets the daily capacity).
 */
export function assertCanEditWorkSettings(p: Principal, userId: string): void {
  if (userId === p.id) return;
  if (ownerAllowed(p, scopeOf(p, 'user', 'update'), userId) || ownerAllowed(p, scopeOf(p, 'activity', 'update'), userId)) return;
  throw AppError.forbidden("You may not change this user's working calendar");
}

export async function updateWorkSettings(db: Db, actor: Actor, userId: string, input: WorkSettingsUpdate): Promise<WorkSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await getWorkSettings(trx, userId);
    const next: WorkSettings = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
    if (next.workStart >= next.workEnd) {
      throw AppError.validation([{ field: input.workEnd ? 'workEnd' : 'workStart', code: 'worktime.hours_order', message: 'the working day must end after it starts' }]);
    }
    const now = nowIso();
    if (next.timeZone !== before.timeZone) await repo.setTimeZone(trx, userId, next.timeZone, now);
    await repo.upsertSettings(trx, {
      user_id: userId,
      work_days: JSON.stringify(next.workDays),
      work_start: next.workStart,
      work_end: next.workEnd,
      daily_capacity: next.dailyCapacity,
      reminder_minutes: next.reminderMinutes,
      email_reminders: next.emailReminders ? 1 : 0,
      holiday_country: next.holidayCountry,
      updated_at: now,
    });
    const { userId: _a, ...b } = before;
    const { userId: _b, ...a } = next;
    const changes = diff(b, a).map((c) => ({ ...c, field: `work.${c.field}` }));
    if (changes.length) await writeAudit(trx, actor, 'user', userId, 'update', changes);
    return next;
  });
}

const toHoliday = (r: NonNullable<Awaited<ReturnType<typeof repo.findHoliday>>>): Holiday => ({
  id: r.id,
  country: r.country,
  date: r.date,
  name: r.name,
  isWorkday: r.is_workday === 1,
});

export async function listHolidays(db: Executor, q: HolidayQuery): Promise<Holiday[]> {
  return (await repo.listHolidays(db, q)).map(toHoliday);
}

export async function addHoliday(db: Db, actor: Actor, input: HolidayInput): Promise<Holiday> {
  return db.transaction().execute(async (trx) => {
    if (await repo.holidayOn(trx, input.country, input.date)) {
      throw new AppError('holiday.duplicate', 409, 'The country already has an entry for that date', {
        fields: [{ field: 'date', code: 'holiday.duplicate', message: 'already in the calendar' }],
      });
    }
    const row = { id: newId(), country: input.country, date: input.date, name: input.name, is_workday: input.isWorkday ? 1 : 0, created_at: nowIso() };
    await repo.insertHoliday(trx, row);
    await writeAudit(trx, actor, 'holiday', row.id, 'create', diff({}, { country: row.country, date: row.date, name: row.name, isWorkday: input.isWorkday }));
    return toHoliday(row);
  });
}

export async function removeHoliday(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const h = await repo.findHoliday(trx, id);
    if (!h) throw AppError.notFound('holiday');
    await repo.deleteHoliday(trx, id);
    await writeAudit(trx, actor, 'holiday', id, 'delete', diff({ country: h.country, date: h.date, name: h.name }, {}));
  });
}
