import { isTimeZone, utcToZoned, zonedReader, zonedToUtc } from '../../shared/zoned.js';
import type { CalendarItem } from './calendar.schema.js';
import type { ActivityRow, ItemRange, TaskRow } from './calendar.repository.js';

/** Dates and times of calendar ranges, and activity/task rows turned into calendar items in the viewer's zone. */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The day, the Monday-to-Sunday week or the calendar month containing `date`. */
export function viewRange(view: 'day' | 'week' | 'month', date: string): { from: string; to: string } {
  if (view === 'day') return { from: date, to: date };
  if (view === 'week') {
    const monday = addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
    return { from: monday, to: addDays(monday, 6) };
  }
  const first = `${date.slice(0, 7)}-01`;
  return { from: first, to: addDays(addDays(first, 31).slice(0, 7) + '-01', -1) };
}

/**
 * What to read for a range of the viewer's dates: timed items by their UTC moment, all-day items by date.
 * Plan keys are in each owner's zone: the keys scanned cover the range's moments in every owner zone given
 * (an unknown zone widens them by the 26 hours zones can lie apart).
 */
export function itemRange(from: string, to: string, timeZone: string, ownerZones: Iterable<string>): ItemRange {
  const startAt = zonedToUtc(from, '00:00', timeZone);
  const endAt = zonedToUtc(addDays(to, 1), '00:00', timeZone);
  let lo = from;
  let hi = addDays(to, 1);
  for (const zone of new Set(ownerZones)) {
    const first = isTimeZone(zone) ? utcToZoned(startAt, zone).date : addDays(from, -2);
    const last = isTimeZone(zone) ? utcToZoned(new Date(Date.parse(endAt) - 1), zone).date : addDays(to, 2);
    if (first < lo) lo = first;
    if (addDays(last, 1) > hi) hi = addDays(last, 1);
  }
  return { startAt, endAt, from, to, lo, hi };
}

const defaultMinutes = (type: string | null) => (type === 'meeting' ? 60 : 30);

export interface ItemContext {
  timeZone: string;
  now: number;
  names: Map<string, string>;
}

/** Calendar items of rows read for an ItemRange, in the viewer's zone, sorted. */
export function toItems(activities: ActivityRow[], tasks: TaskRow[], w: ItemContext): CalendarItem[] {
  const local = zonedReader(w.timeZone);
  const today = local(w.now).date;
  const out: CalendarItem[] = [];
  const add = (kind: 'activity' | 'task', r: ActivityRow | TaskRow, extra: Pick<CalendarItem, 'type' | 'title' | 'priority'>, minutes: number) => {
    const ms = r.at ? Date.parse(r.at) : null;
    const l = ms === null ? null : local(ms);
    const status = r.status === 'done' ? 'done' : 'open';
    out.push({
      key: `${kind}:${r.id}`,
      kind,
      id: r.id,
      type: extra.type,
      title: extra.title,
      status,
      userId: r.user_id,
      userName: w.names.get(r.user_id) ?? null,
      companyId: r.company_id,
      companyName: r.company_name,
      dealId: r.deal_id,
      allDay: ms === null,
      date: l ? l.date : r.date!,
      time: l ? l.time : null,
      startAt: r.at,
      endAt: ms === null ? null : new Date(ms + minutes * MINUTE_MS).toISOString(),
      overdue: status === 'open' && (ms === null ? r.date! < today : ms < w.now),
      priority: extra.priority,
      version: r.version,
    });
  };
  for (const a of activities) {
    const minutes = a.duration_sec ? Math.max(1, Math.round(a.duration_sec / 60)) : defaultMinutes(a.type);
    add('activity', a, { type: a.type, title: a.subject, priority: null }, minutes);
  }
  for (const t of tasks) add('task', t, { type: null, title: t.title, priority: t.priority }, defaultMinutes(null));
  return out.sort(byPlace);
}

const order = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

/** By date, all-day items first, then time, user name and key. */
const byPlace = (a: CalendarItem, b: CalendarItem) =>
  order(a.date, b.date) || order(a.time, b.time) || order(a.userName, b.userName) || order(a.key, b.key);
