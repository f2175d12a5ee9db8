import type { ScheduleInput, ScheduleItem } from '../src/modules/schedule/schedule.algorithm.js';
import type { WorkCalendar } from '../src/modules/schedule/schedule.calendar.js';
import { defaultScheduleSettings } from '../src/modules/schedule/schedule.rules.js';

/** Builders for the schedule algorithm's unit and property tests. */

export const weekdays: WorkCalendar = { workDays: [1, 2, 3, 4, 5], holidays: [], workingDays: [] };

let seq = 0;

/** A funnel item (no promised time) due on the date. */
export function task(plannedDate: string, extra: Partial<ScheduleItem> = {}): ScheduleItem {
  seq += 1;
  return { id: `t${String(seq).padStart(5, '0')}`, plannedDate, plannedAt: null, companyStatus: 'potential', deal: null, ...extra };
}

/** An exact-time promise; `time` is UTC wall time (the tests use the UTC time zone unless they say otherwise). */
export function promise(plannedDate: string, time: string, extra: Partial<ScheduleItem> = {}): ScheduleItem {
  return task(plannedDate, { plannedAt: `${plannedDate}T${time}:00.000Z`, ...extra });
}

export const openDeal = (probability: number, amount = 0) => ({ kind: 'open' as const, probability, amount });

export function input(now: string, items: ScheduleItem[], over: Partial<ScheduleInput<ScheduleItem>> = {}): ScheduleInput<ScheduleItem> {
  return {
    now: new Date(now),
    timeZone: 'UTC',
    calendar: weekdays,
    settings: defaultScheduleSettings,
    doneToday: 0,
    horizon: 5,
    items,
    ...over,
  };
}
