/**
 * Exact money arithmetic shared by the server and the UI. Money is an integer count of minor units
 * (kopecks, stotinki, cents) plus an ISO 4217 code. Decimal inputs (quantities, percents, coefficients,
 * exchange rates) are JS numbers with a bounded number of decimals; they are turned into scaled integers
 * first and every product/quotient is computed with BigInt, so no float rounding error reaches an amount.
 * Rounding is half away from zero ("half-up" for the usual non-negative amounts), to the minor unit.
 */

/** Scales of the decimal inputs: how many units make 1. */
export const SCALE = {
  /** percents (VAT, discounts) in basis points: 22 % = 2200 */
  percent: 100,
  /** quantities in thousandths: 1.5 = 1500 */
  quantity: 1000,
  /** bundle coefficients per 10 000: 0.9 = 9000 */
  coefficient: 10_000,
  /** exchange rates in millionths: 95.123456 = 95123456 */
  rate: 1_000_000,
} as const;

/** `value` as an integer count of 1/scale units, or null when it has more decimals than the scale holds. */
export function toScaled(value: number, scale: number): number | null {
  if (!Number.isFinite(value)) return null;
  const n = Math.round(value * scale);
  return Number.isSafeInteger(n) && n / scale === value ? n : null;
}

export const fromScaled = (n: number, scale: number): number => n / scale;

/** n / d rounded half away from zero. */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d < 0n) return roundDiv(-n, -d);
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** A BigInt result as a number; out of the safe integer range is a RangeError. */
export const safe = (n: bigint): number => {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError('amount out of range');
  return Number(n);
};

let currencies: Set<string> | null = null;

/** A three-letter ISO 4217 code the runtime knows. */
export function isCurrencyCode(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return /^[A-Z]{3}$/.test(code) && currencies.has(code);
}

/** Decimal places of the currency's minor unit (RUB 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units as a decimal string for display or export: 12345 RUB -> "123.45". */
export function formatMinor(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const s = String(Math.abs(amount)).padStart(digits + 1, '0');
  return digits ? `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}` : `${sign}${s}`;
}

/** A typed decimal amount ("1 234,5") as minor units of the currency; null when it is not a valid amount. */
export function parseMinor(text: string, currency: string): number | null {
  const clean = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(clean)) return null;
  return toScaled(Number(clean), 10 ** minorDigits(currency));
}

/**
 * Converts minor units between currencies given both rates to the base currency (in millionths of the
 * base currency per unit): amount * rateFrom / rateTo, adjusted for the currencies' minor digits, rounded once.
 */
export function convertMinor(amount: number, from: { digits: number; rate: number }, to: { digits: number; rate: number }): number {
  const n = BigInt(amount) * BigInt(from.rate) * 10n ** BigInt(to.digits);
  const d = BigInt(to.rate) * 10n ** BigInt(from.digits);
  return safe(roundDiv(n, d));
}

/**
 * Splits an amount into parts proportional to weights; the parts add up exactly to the amount
 * (largest remainder: the units left after rounding down go to the largest fractions, ties to the earlier part).
 * All-zero weights split evenly.
 */
export function splitByWeights(amount: number, weights: readonly number[]): number[] {
  if (!weights.length) return [];
  const w = weights.map((x) => BigInt(Math.max(0, x)));
  const total = w.reduce((a, b) => a + b, 0n);
  const ws = total === 0n ? w.map(() => 1n) : w;
  const sum = total === 0n ? BigInt(ws.length) : total;
  const abs = BigInt(Math.abs(amount));
  const base = ws.map((x) => (abs * x) / sum);
  let left = abs - base.reduce((a, b) => a + b, 0n);
  const order = ws.map((x, i) => ({ i, frac: (abs * x) % sum })).sort((a, b) => (a.frac === b.frac ? a.i - b.i : a.frac > b.frac ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    base[i] = base[i]! + 1n;
    left -= 1n;
  }
  return base.map((x) => safe(amount < 0 ? -x : x));
}
