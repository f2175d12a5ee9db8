import { utcToZoned } from '../../../shared/zoned.js';

/**
 * Calendar arithmetic on local dates 'YYYY-MM-DD' (no time zone: a date is a day on the wall calendar)
 * and the current day and time in the user's zone.
 */

const DAY_MS = 86_400_000;
const toMs = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (ymd: string, days: number) => fromMs(toMs(ymd) + days * DAY_MS);

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export const isoWeekday = (ymd: string) => ((new Date(toMs(ymd)).getUTCDay() + 6) % 7) + 1;

/** The Monday of the date's week. */
export const weekStart = (ymd: string) => addDays(ymd, 1 - isoWeekday(ymd));

export const monthStart = (ymd: string) => `${ymd.slice(0, 7)}-01`;

export function addMonths(ymd: string, months: number): string {
  const d = new Date(toMs(monthStart(ymd)));
  d.setUTCMonth(d.getUTCMonth() + months);
  return fromMs(d.getTime());
}

/** The 42 days (6 weeks from a Monday) of the month view around the date's month. */
export function monthGrid(ymd: string): string[] {
  const first = weekStart(monthStart(ymd));
  return Array.from({ length: 42 }, (_, i) => addDays(first, i));
}

export const daysBetween = (from: string, to: string) => Math.round((toMs(to) - toMs(from)) / DAY_MS);

/** Today's date and the current time HH:MM in a time zone. */
export function nowIn(timeZone: string, now: Date = new Date()): { date: string; time: string } {
  try {
    return utcToZoned(now, timeZone);
  } catch {
    return utcToZoned(now, 'UTC');
  }
}

/** Minutes since midnight of 'HH:MM'. */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const timeOf = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Formats a local date in the UI language (no zone shift). */
export function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): (ymd: string) => string {
  const f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  return (ymd) => f.format(new Date(toMs(ymd)));
}
