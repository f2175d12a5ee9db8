import { zonedReader, zonedToUtc } from '../../shared/zoned.js';
import type { CalendarItem } from './calendar.schema.js';
import type { ActivityRow, KeyRange, TaskRow } from './calendar.repository.js';

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
 * Plan keys to read for a range of the viewer's dates: owners in other zones plan a moment up to
 * 26 hours apart, so two days more on each side; the exact cut is made on the UTC moment.
 */
export function keyRangeOf(from: string, to: string): KeyRange {
  return { lo: addDays(from, -2), hi: addDays(to, 3) };
}

const defaultMinutes = (type: string | null) => (type === 'meeting' ? 60 : 30);

export interface ItemWindow {
  /** Viewer's dates, inclusive. */
  from: string;
  to: string;
  timeZone: string;
  now: number;
  names: Map<string, string>;
}

/** Calendar items of the rows that fall into the window (timed: by UTC moment; all day: by date), sorted. */
export function toItems(activities: ActivityRow[], tasks: TaskRow[], w: ItemWindow): CalendarItem[] {
  const local = zonedReader(w.timeZone);
  const startMs = Date.parse(zonedToUtc(w.from, '00:00', w.timeZone));
  const endMs = Date.parse(zonedToUtc(addDays(w.to, 1), '00:00', w.timeZone));
  const today = local(w.now).date;
  const out: CalendarItem[] = [];
  const add = (kind: 'activity' | 'task', r: ActivityRow | TaskRow, extra: Pick<CalendarItem, 'type' | 'title' | 'priority'>, minutes: number) => {
    const base = {
      key: `${kind}:${r.id}`,
      kind,
      id: r.id,
      ...extra,
      status: r.status === 'done' ? ('done' as const) : ('open' as const),
      userId: r.user_id,
      userName: w.names.get(r.user_id) ?? null,
      companyId: r.company_id,
      companyName: r.company_name,
      dealId: r.deal_id,
      version: r.version,
    };
    if (r.at) {
      const ms = Date.parse(r.at);
      if (ms < startMs || ms >= endMs) return;
      const l = local(ms);
      const endAt = new Date(ms + minutes * MINUTE_MS).toISOString();
      out.push({ ...base, allDay: false, date: l.date, time: l.time, startAt: r.at, endAt, overdue: base.status === 'open' && ms < w.now });
    } else if (r.date && r.date >= w.from && r.date <= w.to) {
      out.push({ ...base, allDay: true, date: r.date, time: null, startAt: null, endAt: null, overdue: base.status === 'open' && r.date < today });
    }
  };
  for (const a of activities) {
    const minutes = a.duration_sec ? Math.max(1, Math.round(a.duration_sec / 60)) : defaultMinutes(a.type);
    add('activity', a, { type: a.type, title: a.subject, priority: null }, minutes);
  }
  for (const t of tasks) add('task', t, { type: null, title: t.title, priority: t.priority }, defaultMinutes(null));
  const keyed = out.map((i) => [sortKey(i), i] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keyed.map(([, i]) => i);
}

const sortKey = (i: CalendarItem) => `${i.date}${i.allDay ? ' ' : `T${i.time}`}${i.userName ?? ''}\u0000${i.key}`;
