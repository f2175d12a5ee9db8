/**
 * Calendar arithmetic for the daily schedule: local dates and working days (local times of instants: src/shared/zoned.ts).
 * Dates are 'YYYY-MM-DD' strings of the user's local calendar; arithmetic on them is done in UTC so that
 * daylight-saving changes never shift a day. Pure functions, no I/O.
 */

/** Which days are worked: ISO weekdays (1 = Monday ... 7 = Sunday) corrected by a holiday calendar. */
export interface WorkCalendar {
  workDays: readonly number[];
  /** Days off although their weekday is worked (public holidays, vacations). */
  holidays: readonly string[];
  /** Days worked although their weekday is not (e.g. a Saturday moved by a holiday transfer). */
  workingDays: readonly string[];
}

const DAY_MS = 86_400_000;

const dayNumber = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.workingDays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  return calendar.workDays.includes(isoWeekday(date));
}

/**
 * The next `count` working days after `date` (not including it). A calendar without any working weekday
 * and without extra working days has none: the search stops after a year instead of looping forever.
 */
export function nextWorkingDays(date: string, count: number, calendar: WorkCalendar): string[] {
  const days: string[] = [];
  let d = date;
  for (let i = 0; days.length < count && i < 366 + count; i++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) days.push(d);
  }
  return days;
}
