/**
 * Reporting periods: a month ('2026-11'), quarter ('2026-Q4'), half-year ('2026-H2') or year ('2026'),
 * each a range of calendar days [from, to) as 'YYYY-MM-DD'. Shared by the server and the UI.
 */
import { z } from 'zod';

export const periodKinds = ['month', 'quarter', 'half', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

const patterns: Record<PeriodKind, RegExp> = {
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  half: /^(\d{4})-H([12])$/,
  year: /^(\d{4})$/,
};

/** Months in a period of each kind. */
const monthsIn: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

export interface PeriodRange {
  /** first day, inclusive */
  from: string;
  /** the day after the last one (exclusive) */
  to: string;
}

/** The kind of a period key, or null when it is not one. */
export function periodKindOf(key: string): PeriodKind | null {
  for (const kind of periodKinds) if (patterns[kind].test(key)) return kind;
  return null;
}

export const periodKey = z.string().refine((v) => periodKindOf(v) !== null, {
  message: "Expected a period: '2026-11', '2026-Q4', '2026-H2' or '2026'",
});

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (year: number, month0: number) => {
  const y = year + Math.floor(month0 / 12);
  return `${y}-${pad((((month0 % 12) + 12) % 12) + 1)}-01`;
};

/** First month (0-based) and year of a period key. */
function start(key: string): { kind: PeriodKind; year: number; month0: number } {
  const kind = periodKindOf(key);
  if (!kind) throw new Error(`Not a period: ${key}`);
  const m = patterns[kind].exec(key)!;
  const year = Number(m[1]);
  const index = m[2] ? Number(m[2]) - 1 : 0;
  return { kind, year, month0: index * monthsIn[kind] };
}

export function periodRange(key: string): PeriodRange {
  const { kind, year, month0 } = start(key);
  return { from: monthStart(year, month0), to: monthStart(year, month0 + monthsIn[kind]) };
}

/** The period of a kind that contains a day ('YYYY-MM-DD'). */
export function periodOf(kind: PeriodKind, day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (kind === 'month') return day.slice(0, 7);
  if (kind === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  if (kind === 'half') return `${year}-H${month <= 6 ? 1 : 2}`;
  return String(year);
}

/** The period `steps` periods after (negative: before) the given one, of the same kind. */
export function shiftPeriod(key: string, steps: number): string {
  const { kind, year, month0 } = start(key);
  const first = monthStart(year, month0 + steps * monthsIn[kind]);
  return periodOf(kind, first);
}

/** The months ('YYYY-MM') of a period, in order. */
export function monthsOf(key: string): string[] {
  const { kind, year, month0 } = start(key);
  return Array.from({ length: monthsIn[kind] }, (_, i) => monthStart(year, month0 + i).slice(0, 7));
}
