import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { baseCurrency, convertAmount } from '../products/index.js';
import { listHolidays, workSettingsOf, type WorkSettings } from '../worktime/index.js';
import { buildSchedule, type Schedule, type ScheduleItem } from './schedule.algorithm.js';
import { utcToZoned, zonedReader, zonedToUtc } from '../../shared/zoned.js';
import { addDays, type WorkCalendar } from './schedule.calendar.js';
import * as repo from './schedule.repository.js';
import { readUserSettings, type UserScheduleSettings } from './schedule.settings.js';

/**
 * Builds the schedules of several users at once: their open activities (one query), working calendars,
 * holidays, settings and what each did today, fed to the pure algorithm.
 */

export interface PlanItem extends ScheduleItem {
  ownerId: string;
}

export interface Plan {
  user: { id: string; name: string; departmentId: string | null; timeZone: string };
  work: WorkSettings;
  settings: UserScheduleSettings;
  doneToday: number;
  schedule: Schedule<PlanItem>;
}

type User = Awaited<ReturnType<typeof repo.usersByIds>>[number];

/** Multipliers to the base currency (the amount only ranks items; a currency without a rate counts as is). */
async function currencyFactors(db: Executor, currencies: Iterable<string>): Promise<Map<string, number>> {
  const distinct = [...new Set(currencies)];
  const factors = new Map<string, number>();
  if (distinct.length < 2) return factors;
  const base = await baseCurrency(db);
  const UNIT = 1_000_000_000;
  for (const c of distinct) {
    try {
      factors.set(c, (await convertAmount(db, UNIT, c, base)) / UNIT);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'exchange_rate.missing') throw err;
    }
  }
  return factors;
}

/**
 * A promise's day is read from its instant in the owner's current time zone (the stored local date is the
 * zone's at planning time; the user may have moved since).
 */
function toItem(r: repo.OpenItemRow, factors: Map<string, number>, local: (instant: string) => { date: string }): PlanItem {
  return {
    id: r.id,
    ownerId: r.owner_id,
    plannedDate: r.planned_at === null ? r.planned_date : local(r.planned_at).date,
    plannedAt: r.planned_at,
    companyStatus: r.company_status,
    deal:
      r.stage_kind === null
        ? null
        : {
            kind: r.stage_kind as 'open' | 'won' | 'lost',
            probability: r.deal_probability ?? r.stage_probability ?? 0,
            amount: Math.round(Number(r.amount ?? 0) * (factors.get(r.currency ?? '') ?? 1)),
          },
  };
}

/** Holidays and transferred working days of each country the users follow, around today. */
async function calendars(db: Executor, countries: Set<string>, now: Date): Promise<Map<string, Omit<WorkCalendar, 'workDays'>>> {
  const from = addDays(now.toISOString().slice(0, 10), -2);
  const to = addDays(from, 120);
  const out = new Map<string, Omit<WorkCalendar, 'workDays'>>();
  for (const country of countries) {
    const days = await listHolidays(db, { country, from, to });
    out.set(country, { holidays: days.filter((h) => !h.isWorkday).map((h) => h.date), workingDays: days.filter((h) => h.isWorkday).map((h) => h.date) });
  }
  return out;
}

/** How many contacts each user completed on their local today (notes are not contacts). */
async function doneToday(db: Executor, users: User[], now: Date): Promise<Map<string, number>> {
  const bounds = new Map(
    users.map((u) => {
      const today = utcToZoned(now, u.time_zone).date;
      return [u.id, { from: zonedToUtc(today, '00:00', u.time_zone), to: zonedToUtc(addDays(today, 1), '00:00', u.time_zone) }];
    }),
  );
  const all = [...bounds.values()];
  const from = all.reduce((m, b) => (b.from < m ? b.from : m), all[0]!.from);
  const to = all.reduce((m, b) => (b.to > m ? b.to : m), all[0]!.to);
  const counts = new Map<string, number>();
  for (const r of await repo.doneBetween(db, [...bounds.keys()], from, to)) {
    const b = bounds.get(r.owner_id)!;
    if (r.done_at !== null && r.done_at >= b.from && r.done_at < b.to) counts.set(r.owner_id, (counts.get(r.owner_id) ?? 0) + 1);
  }
  return counts;
}

/** The schedules of the users (unknown ids are left out), today and `horizon` working days ahead. */
export async function planFor(db: Executor, userIds: readonly string[], horizon: number, now: Date, defaultCountry: string): Promise<Map<string, Plan>> {
  const users = await repo.usersByIds(db, userIds);
  if (!users.length) return new Map();
  const ids = users.map((u) => u.id);
  const [work, settings, done, rows] = [
    await workSettingsOf(db, ids),
    await readUserSettings(db, ids),
    await doneToday(db, users, now),
    await repo.openItems(db, ids),
  ];
  const countries = new Set(ids.map((id) => work.get(id)?.holidayCountry ?? defaultCountry));
  const cals = await calendars(db, countries, now);
  const factors = await currencyFactors(db, rows.flatMap((r) => (r.currency ? [r.currency] : [])));
  const byOwner = new Map<string, PlanItem[]>(ids.map((id) => [id, []]));
  const readers = new Map(users.map((u) => [u.id, zonedReader(u.time_zone)]));
  for (const r of rows) byOwner.get(r.owner_id)!.push(toItem(r, factors, readers.get(r.owner_id)!));

  const plans = new Map<string, Plan>();
  for (const u of users) {
    const w = work.get(u.id)!;
    const s = settings.get(u.id)!;
    const cal = cals.get(w.holidayCountry ?? defaultCountry)!;
    const schedule = buildSchedule({
      now,
      timeZone: u.time_zone,
      calendar: { workDays: w.workDays, ...cal },
      settings: { groupOrder: s.groupOrder, customersBeforeHot: s.customersBeforeHot, hotThreshold: s.hotThreshold, dailyCapacity: w.dailyCapacity },
      doneToday: done.get(u.id) ?? 0,
      horizon,
      items: byOwner.get(u.id)!,
    });
    plans.set(u.id, {
      user: { id: u.id, name: u.name, departmentId: u.department_id, timeZone: u.time_zone },
      work: w,
      settings: s,
      doneToday: done.get(u.id) ?? 0,
      schedule,
    });
  }
  return plans;
}
