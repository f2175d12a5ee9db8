import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { convertMinor, fromScaled, minorDigits, SCALE, toScaled } from '../../shared/money.js';
import * as repo from './catalog.repository.js';
import type { ExchangeRate, ExchangeRateInput, ExchangeRateListQuery, ExchangeRateUpdate } from './catalog.schema.js';

/**
 * Exchange rates entered by hand: units of the base currency for one unit of a currency, valid from their
 * date until the next rate of that currency. Amounts are converted through the base currency.
 */

const ENTITY = 'exchange_rate';

const toRate = (r: repo.RateRow): ExchangeRate => ({
  id: r.id,
  date: r.date,
  currency: r.currency,
  rate: fromScaled(Number(r.rate), SCALE.rate),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const audited = (r: ExchangeRate) => ({ date: r.date, currency: r.currency, rate: r.rate });

async function getRate(db: Executor, id: string): Promise<ExchangeRate> {
  const row = await repo.findRate(db, id);
  if (!row) throw AppError.notFound(ENTITY);
  return toRate(row);
}

const duplicate = () =>
  new AppError('exchange_rate.duplicate', 409, 'This currency already has a rate on this date; edit it instead', {
    fields: [{ field: 'date', code: 'exchange_rate.duplicate', message: 'the currency already has a rate on this date' }],
  });

async function checkCurrency(db: Executor, currency: string): Promise<void> {
  if (currency === (await repo.baseCurrency(db))) {
    throw AppError.validation([{ field: 'currency', code: 'exchange_rate.base_currency', message: 'is the base currency (its rate is always 1)' }]);
  }
}

export const baseCurrency = (db: Executor): Promise<string> => repo.baseCurrency(db);

/** Changing the base currency would silently change the meaning of every stored rate, so it is refused once rates exist. */
export async function setBaseCurrency(db: Db, actor: Actor, currency: string): Promise<{ baseCurrency: string }> {
  return db.transaction().execute(async (trx) => {
    const before = await repo.baseCurrency(trx);
    if (before === currency) return { baseCurrency: currency };
    const rates = await repo.countRates(trx);
    if (rates > 0) {
      throw new AppError('catalog.base_currency_locked', 409, 'Exchange rates to the current base currency exist; delete them first', { rates });
    }
    await repo.setBaseCurrency(trx, currency);
    await writeAudit(trx, actor, 'setting', 'base_currency', 'update', [{ field: 'value', old: before, new: currency }]);
    return { baseCurrency: currency };
  });
}

export async function listRates(db: Db, q: ExchangeRateListQuery) {
  const { rows, next } = await repo.listRates(db, { ...q, cursor: q.cursor ? decodeCursor(q.cursor) : null });
  return { items: rows.map(toRate), nextCursor: next ? encodeCursor(next) : null, baseCurrency: await repo.baseCurrency(db) };
}

export async function createRate(db: Db, actor: Actor, input: ExchangeRateInput): Promise<ExchangeRate> {
  const id = newId();
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    await checkCurrency(trx, input.currency);
    if (await repo.rateExists(trx, input.currency, input.date, null)) throw duplicate();
    await repo.insertRate(trx, { id, date: input.date, currency: input.currency, rate: toScaled(input.rate, SCALE.rate)!, created_by: actor.userId, created_at: now, updated_at: now });
    const created = await getRate(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'create', diff({}, audited(created)));
    return created;
  });
}

export async function updateRate(db: Db, actor: Actor, id: string, input: ExchangeRateUpdate): Promise<ExchangeRate> {
  return db.transaction().execute(async (trx) => {
    const before = await getRate(trx, id);
    const next = { ...audited(before), ...input };
    if (input.currency) await checkCurrency(trx, input.currency);
    if (await repo.rateExists(trx, next.currency, next.date, id)) throw duplicate();
    await repo.updateRate(trx, id, { date: next.date, currency: next.currency, rate: toScaled(next.rate, SCALE.rate)!, updated_at: nowIso() });
    const after = await getRate(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'update', diff(audited(before), audited(after)));
    return after;
  });
}

export async function deleteRate(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await getRate(trx, id);
    await repo.deleteRate(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'delete', diff(audited(r), {}));
  });
}

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** Millionths of the base currency per unit of `currency` on `date`; 422 exchange_rate.missing when none is dated on or before it. */
async function scaledRate(db: Executor, currency: string, base: string, date: string): Promise<number> {
  if (currency === base) return SCALE.rate;
  const rate = await repo.rateOn(db, currency, date);
  if (rate === null) {
    throw new AppError('exchange_rate.missing', 422, `No exchange rate of ${currency} on or before ${date}`, {
      currency,
      date,
      fields: [{ field: 'currency', code: 'exchange_rate.missing', message: `no exchange rate of ${currency} on or before ${date}` }],
    });
  }
  return rate;
}

/**
 * `amount` (minor units of `from`) in minor units of `to`, by the rates in force on `date` (YYYY-MM-DD),
 * through the base currency, rounded once half up. Throws 422 exchange_rate.missing naming the currency.
 */
export async function convertAmount(db: Executor, amount: number, from: string, to: string, date: string = todayUtc()): Promise<number> {
  if (from === to) return amount;
  const base = await repo.baseCurrency(db);
  const [rateFrom, rateTo] = await Promise.all([scaledRate(db, from, base, date), scaledRate(db, to, base, date)]);
  return convertMinor(amount, { digits: minorDigits(from), rate: rateFrom }, { digits: minorDigits(to), rate: rateTo });
}
