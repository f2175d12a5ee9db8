import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { baseCurrency, convertAmount } from '../products/index.js';

/**
 * Sums in several currencies as one amount of the base currency, by the rates in force on `date`; a currency
 * without a rate is left out of the total and reported as unconverted.
 */
export interface BaseConverter {
  base: string;
  /** the amount in the base currency, or null when the currency has no rate */
  convert(amount: number, currency: string): Promise<number | null>;
}

export async function baseConverter(db: Executor, date: string): Promise<BaseConverter> {
  const base = await baseCurrency(db);
  const cache = new Map<string, boolean>();
  return {
    base,
    async convert(amount, currency) {
      if (currency === base) return amount;
      if (cache.get(currency) === false) return null;
      try {
        const v = await convertAmount(db, amount, currency, base, date);
        cache.set(currency, true);
        return v;
      } catch (err) {
        if (err instanceof AppError && err.code === 'exchange_rate.missing') {
          cache.set(currency, false);
          return null;
        }
        throw err;
      }
    },
  };
}

/** Total in the base currency and the unconvertible remainders, of amounts by currency. */
export async function sumInBase(conv: BaseConverter, parts: readonly { currency: string; amount: number }[]) {
  const byCurrency = new Map<string, number>();
  for (const p of parts) byCurrency.set(p.currency, (byCurrency.get(p.currency) ?? 0) + p.amount);
  let total = 0;
  const unconverted: { currency: string; amount: number }[] = [];
  for (const [currency, amount] of byCurrency) {
    const v = await conv.convert(amount, currency);
    if (v === null) unconverted.push({ currency, amount });
    else total += v;
  }
  return { total, unconverted };
}

/** The day rates are read on for a period [from, to) (days or instants): its last day, or today while it lasts. */
export function rateDay(to: string, now: Date): string {
  const today = now.toISOString().slice(0, 10);
  const last = new Date(Date.parse(to.length === 10 ? `${to}T00:00:00Z` : to) - 1).toISOString().slice(0, 10);
  return last < today ? last : today;
}
