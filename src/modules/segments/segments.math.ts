/**
 * Pure math of segmentation (definitions: shared/reference/domain.md section 8). No I/O.
 * Money values are integers (minor units); shares and coefficients are returned as basis points.
 */

export type AbcClass = 'A' | 'B' | 'C';
export type XyzClass = 'X' | 'Y' | 'Z';
export type BcgQuadrant = 'star' | 'cash_cow' | 'question' | 'dog';

export interface AbcResult {
  cls: AbcClass;
  /** cumulative share of the objects ranked before this one, basis points of the positive total */
  shareBeforeBp: number;
}

/**
 * ABC: objects ranked by value (descending, ties by id). Boundary convention (domain.md 8.1 item 4): an
 * object is A while the cumulative share of the objects BEFORE it is < `a` %, B while it is < `b` %, else C
 * (so one huge object is A, never an empty A). Shares are of the sum of the positive values; an object with
 * a value <= 0 (e.g. a negative margin) is C. Exact integer comparisons.
 */
export function abcClasses(items: { id: string; value: number }[], a: number, b: number): Map<string, AbcResult> {
  const sorted = [...items].sort((x, y) => y.value - x.value || cmp(x.id, y.id));
  const total = sorted.reduce((s, i) => s + BigInt(Math.max(0, Math.round(i.value))), 0n);
  const out = new Map<string, AbcResult>();
  let before = 0n;
  for (const item of sorted) {
    const v = BigInt(Math.round(item.value));
    const shareBeforeBp = total > 0n ? Number((before * 10000n) / total) : 0;
    let cls: AbcClass = 'C';
    if (v > 0n && total > 0n) {
      // before / total < a / 100  <=>  before * 100 * 100 < a * 100 * total (thresholds may have 2 decimals)
      if (before * 10000n < BigInt(Math.round(a * 100)) * total) cls = 'A';
      else if (before * 10000n < BigInt(Math.round(b * 100)) * total) cls = 'B';
    }
    out.set(item.id, { cls, shareBeforeBp });
    if (v > 0n) before += v;
  }
  return out;
}

/** Coefficient of variation sigma / mu with the population sigma; null when the mean is 0 (or no values). */
export function coefficientOfVariation(values: number[]): number | null {
  if (!values.length) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (mean <= 0) return null;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}

/** XYZ by the coefficient of variation (a ratio): X below `x` %, Y below `y` %, Z from `y` % on. */
export function xyzClass(cv: number, x: number, y: number): XyzClass {
  const pct = cv * 100;
  if (pct < x - 1e-9) return 'X';
  if (pct < y - 1e-9) return 'Y';
  return 'Z';
}

/**
 * NTILE(buckets) like SQL: rows ordered worst first; the first n % buckets buckets hold one row more.
 * Returns the bucket (1 = worst ... buckets = best) of each id, in the given order.
 */
export function ntile(orderedIds: string[], buckets: number): Map<string, number> {
  const n = orderedIds.length;
  const size = Math.floor(n / buckets);
  const extra = n % buckets;
  const out = new Map<string, number>();
  let i = 0;
  for (let bucket = 1; bucket <= buckets && i < n; bucket++) {
    const count = size + (bucket <= extra ? 1 : 0);
    for (let k = 0; k < count; k++) out.set(orderedIds[i++]!, bucket);
  }
  return out;
}

export interface RfmInput {
  id: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
}
export interface RfmScore {
  r: number;
  f: number;
  m: number;
}

/**
 * RFM scores by rank-based quantiles (NTILE, domain.md 8.4): R = days since the last purchase (fewer is
 * better), F = purchases in the window, M = revenue in the window (more is better). Ties are ordered by id,
 * so every bucket is filled and the result is deterministic.
 */
export function rfmScores(items: RfmInput[], buckets: number): Map<string, RfmScore> {
  const by = (key: (i: RfmInput) => number) => [...items].sort((x, y) => key(x) - key(y) || cmp(x.id, y.id)).map((i) => i.id);
  const r = ntile(by((i) => -i.recencyDays), buckets);
  const f = ntile(by((i) => i.frequency), buckets);
  const m = ntile(by((i) => i.monetary), buckets);
  return new Map(items.map((i) => [i.id, { r: r.get(i.id)!, f: f.get(i.id)!, m: m.get(i.id)! }]));
}

export interface BcgInput {
  id: string;
  /** the category the product competes in (product group; null = without a group) */
  group: string | null;
  revenue: number;
  revenuePrev: number;
}
export interface BcgResult {
  quadrant: BcgQuadrant;
  /** revenue / revenue of the largest other product of the group; null = the only seller of its group */
  relativeShare: number | null;
  /** (revenue - previous) / previous; null = nothing sold in the previous window (a new product) */
  growth: number | null;
}

/**
 * BCG matrix without market data (domain.md 8.3, CRM adaptation): the "market" of a product is its product
 * group. Relative share = the product's revenue / the revenue of the largest OTHER product of the group
 * (the leader gets > 1, as in the BCG definition); growth = revenue growth over the previous window of the
 * same length. High share: >= `shareThreshold` (or the only seller of its group); high growth: >= the growth
 * threshold, which is `growthThreshold` when given, else the company's average growth (all products' revenue
 * over the previous window's); a product new in this window counts as high growth. Products that sold
 * nothing in both windows get no quadrant.
 */
export function bcgMatrix(items: BcgInput[], shareThreshold: number, growthThreshold: number | null): Map<string, BcgResult> {
  const active = items.filter((i) => i.revenue > 0 || i.revenuePrev > 0);
  const totalCur = active.reduce((s, i) => s + i.revenue, 0);
  const totalPrev = active.reduce((s, i) => s + i.revenuePrev, 0);
  const average = totalPrev > 0 ? (totalCur - totalPrev) / totalPrev : 0;
  const growthLine = growthThreshold ?? average;
  const byGroup = new Map<string | null, BcgInput[]>();
  for (const i of active) byGroup.set(i.group, [...(byGroup.get(i.group) ?? []), i]);
  const out = new Map<string, BcgResult>();
  for (const i of active) {
    const others = byGroup.get(i.group)!.filter((o) => o.id !== i.id && o.revenue > 0);
    const rival = Math.max(0, ...others.map((o) => o.revenue));
    const relativeShare = rival > 0 ? i.revenue / rival : i.revenue > 0 ? null : 0;
    const growth = i.revenuePrev > 0 ? (i.revenue - i.revenuePrev) / i.revenuePrev : null;
    const highShare = relativeShare === null || relativeShare >= shareThreshold - 1e-12;
    const highGrowth = growth === null || growth >= growthLine - 1e-12;
    const quadrant: BcgQuadrant = highShare ? (highGrowth ? 'star' : 'cash_cow') : highGrowth ? 'question' : 'dog';
    out.set(i.id, { quadrant, relativeShare, growth });
  }
  return out;
}

export interface ChurnInput {
  purchases: number;
  /** first and last purchase days, YYYY-MM-DD */
  first: string;
  last: string;
}
export interface ChurnResult {
  /** mean days between purchases: (last - first) / (purchases - 1) */
  usualIntervalDays: number;
  daysSinceLast: number;
  /** days past N x the usual interval, rounded up */
  daysOverdue: number;
}

/**
 * Churn (broken purchase rhythm): at least 2 purchases on different days, and no purchase within
 * `factor` x the usual interval since the last one (strictly more days have passed). Null otherwise.
 */
export function churnOf(input: ChurnInput, today: string, factor: number): ChurnResult | null {
  if (input.purchases < 2) return null;
  const span = daysBetween(input.first, input.last);
  if (span <= 0) return null;
  const usualIntervalDays = span / (input.purchases - 1);
  const daysSinceLast = daysBetween(input.last, today);
  const limit = factor * usualIntervalDays;
  if (daysSinceLast <= limit + 1e-9) return null;
  return { usualIntervalDays: Math.round(usualIntervalDays * 10) / 10, daysSinceLast, daysOverdue: Math.ceil(daysSinceLast - limit - 1e-9) };
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/** 'YYYY-MM' months: `count` complete months ending before the month `end` (YYYY-MM-01) starts, oldest first. */
export function monthsBefore(end: string, count: number): string[] {
  const y = Number(end.slice(0, 4));
  const m0 = Number(end.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const k = y * 12 + m0 - count + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
