import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { roundDiv, safe } from '../../shared/money.js';
import { baseCurrency, convertAmount } from '../products/index.js';

/**
 * Sums over deals in several currencies: reported in the single currency when all deals share one, else in
 * the base currency by today's exchange rates. Currencies without a rate are left out and listed.
 */
export class Totalizer {
  readonly unconverted = new Set<string>();

  private constructor(
    private readonly db: Executor,
    readonly currency: string,
  ) {}

  static async for(db: Executor, currencies: Iterable<string>): Promise<Totalizer> {
    const distinct = [...new Set(currencies)];
    return new Totalizer(db, distinct.length === 1 ? distinct[0]! : await baseCurrency(db));
  }

  /** The amount in the report currency, or null (and the currency listed) without a rate. */
  async convert(amount: number, from: string): Promise<number | null> {
    if (from === this.currency) return amount;
    if (this.unconverted.has(from)) return null;
    try {
      return await convertAmount(this.db, amount, from, this.currency);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'exchange_rate.missing') throw err;
      this.unconverted.add(from);
      return null;
    }
  }

  list(): string[] {
    return [...this.unconverted].sort();
  }
}

/** Weighted amount of deals in one stage: (amount x own probability + amount following the stage x stage probability) / 100. */
export const weighted = (manualWeighted: number, autoAmount: number, stageProbability: number): number =>
  safe(roundDiv(BigInt(Math.round(manualWeighted)) + BigInt(Math.round(autoAmount)) * BigInt(stageProbability), 100n));
