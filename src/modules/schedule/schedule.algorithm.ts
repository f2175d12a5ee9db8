import { utcToZoned } from '../../shared/zoned.js';
import { addDays, daysBetween, isWorkingDay, nextWorkingDays, type WorkCalendar } from './schedule.calendar.js';
import { effectiveGroupOrder, funnelRule, type FunnelGroup, type ScheduleRule, type ScheduleSettings } from './schedule.rules.js';

/**
 * The automatic daily schedule (Galloper CRM's two-pass logic). Pure: no I/O, no clock; the same input
 * always gives the same output, whatever the order of the items.
 *
 * Pass 1, promises (items with an exact promised time), on the list of a day D:
 *   1. promised for D, time not yet come: in time order;
 *   2. promised for D, time passed (call at once): in time order as well, so the promise missed first
 *      (the customer waiting longest) leads and a promise that passes while the manager works joins the
 *      end of the block instead of jumping over the ones already being called;
 *   3. promised for earlier days: most recent day first (yesterday, the day before, ...), in time order
 *      within a day.
 *   Promises are commitments: they are never moved off their day, and an overdue one is always on today's
 *   list, even past the capacity.
 * Pass 2, the funnel (items without a promised time, due on or before D), by group in the configured
 *   order (hot deals, existing customers, early deals, new prospects by default); within a group the
 *   oldest due first, then the bigger deal amount, then the id (a stable tie-break).
 * Workload: a day holds `dailyCapacity` items (today: less what was done today already; a day off: none);
 *   promises take their places first, funnel items fill the rest, and what does not fit flows to the next
 *   working days. The forecast covers `horizon` working days after today (plus days off that have promises
 *   of their own); what lies beyond is returned as `later`.
 */

export interface ScheduleDeal {
  kind: 'open' | 'won' | 'lost';
  /** Percent: the deal's own probability, else its stage's. */
  probability: number;
  /** Comparable amount (minor units of one currency). */
  amount: number;
}

export interface ScheduleItem {
  id: string;
  /** The local date ('YYYY-MM-DD', the user's time zone) the item is due. */
  plannedDate: string;
  /** The promised instant (UTC ISO) of an exact-time promise; null when no time was promised. */
  plannedAt: string | null;
  /** 'current' = an existing customer. */
  companyStatus: string | null;
  deal: ScheduleDeal | null;
}

export interface ScheduleInput<T extends ScheduleItem> {
  now: Date;
  timeZone: string;
  calendar: WorkCalendar;
  settings: ScheduleSettings;
  /** Items the user already finished today: they used part of today's capacity. */
  doneToday: number;
  /** Working days forecast after today. */
  horizon: number;
  items: readonly T[];
}

export interface PlacedItem<T extends ScheduleItem> {
  item: T;
  rule: ScheduleRule;
  block: 'promise' | 'funnel';
  /** Funnel group (null for promises). */
  group: FunnelGroup | null;
  /** The day whose list holds the item. */
  day: string;
  /** The local date the item was due. */
  dueDate: string;
  /** Days from the due date to the day of the list (0 when due that day). */
  daysOverdue: number;
  /** Moved past its due date (and past today) because the days before were full or off. */
  postponed: boolean;
}

export interface ScheduleDay<T extends ScheduleItem> {
  date: string;
  isToday: boolean;
  isWorkingDay: boolean;
  /** Items the day holds (today: the daily capacity less what was done today). */
  capacity: number;
  items: PlacedItem<T>[];
}

export interface Schedule<T extends ScheduleItem> {
  /** Today's local date and time in the user's time zone. */
  today: string;
  localTime: string;
  /** Today first, then the forecast days. */
  days: ScheduleDay<T>[];
  /** Items beyond the forecast, by due date. */
  later: T[];
}

/** The funnel group of an item without a promised time. */
export function funnelGroupOf(item: Pick<ScheduleItem, 'companyStatus' | 'deal'>, hotThreshold: number): FunnelGroup {
  const open = item.deal?.kind === 'open';
  if (open && item.deal!.probability >= hotThreshold) return 'hot';
  if (item.companyStatus === 'current') return 'customer';
  return open ? 'early' : 'new';
}

interface Promised<T> {
  item: T;
  at: number;
}
interface Funnel<T> {
  item: T;
  group: FunnelGroup;
  rank: number;
}

const byId = (a: ScheduleItem, b: ScheduleItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byDate = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byTime = (a: Promised<ScheduleItem>, b: Promised<ScheduleItem>) => a.at - b.at || byId(a.item, b.item);

function assertUniqueIds(items: readonly ScheduleItem[]): void {
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.id)) throw new Error(`schedule: duplicate item id ${it.id}`);
    seen.add(it.id);
  }
}

/** Builds today's list and the forecast. */
export function buildSchedule<T extends ScheduleItem>(input: ScheduleInput<T>): Schedule<T> {
  assertUniqueIds(input.items);
  const { date: today, time: localTime } = utcToZoned(input.now, input.timeZone);
  const nowMs = input.now.getTime();
  const { settings, calendar } = input;
  const rankOf = new Map(effectiveGroupOrder(settings).map((g, i) => [g, i]));

  const promises: Promised<T>[] = [];
  const funnel: Funnel<T>[] = [];
  for (const item of input.items) {
    if (item.plannedAt !== null) promises.push({ item, at: Date.parse(item.plannedAt) });
    else {
      const group = funnelGroupOf(item, settings.hotThreshold);
      funnel.push({ item, group, rank: rankOf.get(group)! });
    }
  }
  // The funnel order does not depend on the day: sort once, then each day takes the eligible items.
  funnel.sort(
    (a, b) =>
      a.rank - b.rank ||
      byDate(a.item.plannedDate, b.item.plannedDate) ||
      (b.item.deal?.amount ?? 0) - (a.item.deal?.amount ?? 0) ||
      byId(a.item, b.item),
  );
  // Promises by due date, so each day takes a prefix of the not yet placed ones.
  promises.sort((a, b) => byDate(a.item.plannedDate, b.item.plannedDate) || byTime(a, b));

  const forecast = nextWorkingDays(today, input.horizon, calendar);
  const last = forecast.at(-1) ?? today;
  const promiseDays = new Set(promises.map((p) => p.item.plannedDate));
  const dates = [today];
  for (let d = addDays(today, 1); d <= last; d = addDays(d, 1)) {
    if (isWorkingDay(d, calendar) || promiseDays.has(d)) dates.push(d);
  }

  const placedFunnel = new Uint8Array(funnel.length);
  let nextPromise = 0;
  const days: ScheduleDay<T>[] = [];
  for (const date of dates) {
    const isToday = date === today;
    const working = isWorkingDay(date, calendar);
    const capacity = working ? Math.max(0, settings.dailyCapacity - (isToday ? input.doneToday : 0)) : 0;
    const items: PlacedItem<T>[] = [];
    const place = (item: T, rule: ScheduleRule, group: FunnelGroup | null) => {
      const late = daysBetween(item.plannedDate, date);
      items.push({
        item,
        rule,
        block: group ? 'funnel' : 'promise',
        group,
        day: date,
        dueDate: item.plannedDate,
        daysOverdue: Math.max(0, late),
        postponed: late > 0 && date > today,
      });
    };

    let end = nextPromise;
    while (end < promises.length && promises[end]!.item.plannedDate <= date) end++;
    const due = promises.slice(nextPromise, end);
    nextPromise = end;
    const ofDay = due.filter((p) => p.item.plannedDate === date).sort(byTime);
    const upcoming = isToday ? ofDay.filter((p) => p.at > nowMs) : ofDay;
    const missed = isToday ? ofDay.filter((p) => p.at <= nowMs) : [];
    const overdue = due
      .filter((p) => p.item.plannedDate < date)
      .sort((a, b) => byDate(b.item.plannedDate, a.item.plannedDate) || byTime(a, b));
    for (const p of upcoming) place(p.item, 'promise_upcoming_today', null);
    for (const p of missed) place(p.item, 'promise_missed_today', null);
    for (const p of overdue) place(p.item, 'promise_overdue', null);

    let slots = capacity - items.length;
    for (let i = 0; i < funnel.length && slots > 0; i++) {
      const f = funnel[i]!;
      if (placedFunnel[i] || f.item.plannedDate > date) continue;
      placedFunnel[i] = 1;
      place(f.item, funnelRule[f.group], f.group);
      slots--;
    }
    days.push({ date, isToday, isWorkingDay: working, capacity, items });
  }

  const later: T[] = promises.slice(nextPromise).map((p) => p.item);
  funnel.forEach((f, i) => {
    if (!placedFunnel[i]) later.push(f.item);
  });
  later.sort((a, b) => byDate(a.plannedDate, b.plannedDate) || byId(a, b));
  return { today, localTime, days, later };
}
