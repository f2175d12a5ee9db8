import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { baseCurrency, convertAmount } from '../products/index.js';
import { listHolidays, workSettingsOf, type WorkSettings } from '../worktime/index.js';
import { buildSchedule, type Schedule, type ScheduleItem } from './schedule.algorithm.js';
import { effectiveGroupOrder, type FunnelGroup } from './schedule.rules.js';
import { utcToZoned, zonedReader, zonedToUtc } from '../../shared/zoned.js';
import { addDays, nextWorkingDays, type WorkCalendar } from './schedule.calendar.js';
import * as repo from './schedule.repository.js';
import { readUserSettings, type UserScheduleSettings } from './schedule.settings.js';

/**
 * Builds schedules: the users' open activities that can be placed, working calendars, holidays, settings
 * and what each did today, fed to the pure algorithm.
 */

export interface PlanItem extends ScheduleItem {
  ownerId: string;
}

export interface Plan {
  user: { id: string; name: string; departmentId: string | null; timeZone: string };
  work: WorkSettings;
  settings: UserScheduleSettings;
  doneToday: number;
  /** All the user's open items. */
  openTotal: number;
  /** Its days are exact; its `later` lists only the items read that were not placed (see planOne). */
  schedule: Schedule<PlanItem>;
}

type User = Awaited<ReturnType<typeof repo.usersByIds>>[number];

/**
 * Multipliers of deal amounts to the base currency, for each currency with exchange rates (the amount only
 * ranks items; a currency without a rate counts as is).
 */
async function currencyFactors(db: Executor): Promise<Map<string, number>> {
  const factors = new Map<string, number>();
  const currencies = await repo.rateCurrencies(db);
  if (!currencies.length) return factors;
  const base = await baseCurrency(db);
  const UNIT = 1_000_000_000;
  for (const c of currencies) {
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
            amount: Number(r.amount ?? 0) * (factors.get(r.currency ?? '') ?? 1),
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

interface Context {
  users: User[];
  work: Map<string, WorkSettings>;
  settings: Map<string, UserScheduleSettings>;
  done: Map<string, number>;
  calendars: Map<string, Omit<WorkCalendar, 'workDays'>>;
  factors: Map<string, number>;
  defaultCountry: string;
}

/** Everything but the activities that the users' schedules depend on. */
async function contextOf(db: Executor, userIds: readonly string[], now: Date, defaultCountry: string): Promise<Context | null> {
  const users = await repo.usersByIds(db, userIds);
  if (!users.length) return null;
  const ids = users.map((u) => u.id);
  const [work, settings, done, factors] = await Promise.all([workSettingsOf(db, ids), readUserSettings(db, ids), doneToday(db, users, now), currencyFactors(db)]);
  const countries = new Set(ids.map((id) => work.get(id)?.holidayCountry ?? defaultCountry));
  return { users, work, settings, done, calendars: await calendars(db, countries, now), factors, defaultCountry };
}

/**
 * One user's schedule for today and `horizon` working days ahead, built by the pure algorithm from the open
 * items that can be placed, not from all of them:
 * - every promise that can be due by the last day (two days of margin: the day of a promise is read in the
 *   user's current zone, its stored day in the zone of its planning);
 * - the untimed items due by today that can fit: the first (today and the forecast days' capacities) of
 *   them in the algorithm's order, ranked by the database (funnelCandidates);
 * - every untimed item due after today up to the last day.
 * An item the algorithm places on a day D is among the first (capacities up to D) of the items due by D, so
 * this is a superset of every placed item; items that are never placed do not change any day's choice, so
 * the days come out exactly as from all items.
 */
async function planOne(db: Executor, ctx: Context, u: User, horizon: number, now: Date): Promise<Plan> {
  const w = ctx.work.get(u.id)!;
  const s = ctx.settings.get(u.id)!;
  const doneToday = ctx.done.get(u.id) ?? 0;
  const calendar = { workDays: w.workDays, ...ctx.calendars.get(w.holidayCountry ?? ctx.defaultCountry)! };
  const today = utcToZoned(now, u.time_zone).date;
  const last = nextWorkingDays(today, horizon, calendar).at(-1) ?? today;
  const fits = w.dailyCapacity * (horizon + 1) - doneToday;
  const rank = Object.fromEntries(effectiveGroupOrder(s).map((g, i) => [g, i])) as Record<FunnelGroup, number>;
  const [promises, due, ahead, openTotal] = await Promise.all([
    repo.duePromises(db, u.id, addDays(last, 3)),
    fits > 0 ? repo.funnelCandidates(db, u.id, today, fits, { hotThreshold: s.hotThreshold, rank, factors: ctx.factors }) : [],
    last > today ? repo.untimedBetween(db, u.id, today, last) : [],
    repo.openCount(db, u.id),
  ]);
  const local = zonedReader(u.time_zone);
  const schedule = buildSchedule({
    now,
    timeZone: u.time_zone,
    calendar,
    settings: { groupOrder: s.groupOrder, customersBeforeHot: s.customersBeforeHot, hotThreshold: s.hotThreshold, dailyCapacity: w.dailyCapacity },
    doneToday,
    horizon,
    items: [...promises, ...due, ...ahead].map((r) => toItem(r, ctx.factors, local)),
  });
  return { user: { id: u.id, name: u.name, departmentId: u.department_id, timeZone: u.time_zone }, work: w, settings: s, doneToday, openTotal, schedule };
}

/** The schedules of the users (unknown ids are left out), today and `horizon` working days ahead. */
export async function planFor(db: Executor, userIds: readonly string[], horizon: number, now: Date, defaultCountry: string): Promise<Map<string, Plan>> {
  const ctx = await contextOf(db, userIds, now, defaultCountry);
  const plans = new Map<string, Plan>();
  for (const u of ctx?.users ?? []) plans.set(u.id, await planOne(db, ctx!, u, horizon, now));
  return plans;
}
