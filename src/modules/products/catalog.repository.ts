import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ExchangeRateTable, PriceTypeTable, ProductGroupTable, UnitTable } from '../../platform/db/schema.js';
import type { Cursor } from '../../platform/http/pagination.js';

/** SQL of the catalog reference data: product groups, units, price types, exchange rates, the base currency. */

// Product groups

export async function listGroups(db: Executor) {
  return db
    .selectFrom('product_groups as g')
    .select(['g.id', 'g.parent_id', 'g.name', 'g.sort', 'g.created_at', 'g.updated_at'])
    .select((eb) => eb.selectFrom('products').select(eb.fn.countAll<number>().as('n')).whereRef('products.group_id', '=', 'g.id').as('product_count'))
    .orderBy('g.sort')
    .orderBy('g.name')
    .execute();
}
export type GroupRow = Awaited<ReturnType<typeof listGroups>>[number];

export async function findGroup(db: Executor, id: string): Promise<GroupRow | undefined> {
  return (await listGroups(db)).find((g) => g.id === id);
}

export async function groupParents(db: Executor): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('product_groups').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function siblingNamed(db: Executor, parentId: string | null, name: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom('product_groups').select('id').where('name', '=', name);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertGroup(db: Executor, row: Insertable<ProductGroupTable>): Promise<void> {
  await db.insertInto('product_groups').values(row).execute();
}
export async function updateGroup(db: Executor, id: string, set: Updateable<ProductGroupTable>): Promise<void> {
  await db.updateTable('product_groups').set(set).where('id', '=', id).execute();
}
export async function countChildGroups(db: Executor, id: string): Promise<number> {
  const r = await db.selectFrom('product_groups').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).executeTakeFirstOrThrow();
  return Number(r.n);
}
export async function deleteGroup(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('product_groups').where('id', '=', id).execute();
}

// Units

export async function listUnits(db: Executor) {
  return db
    .selectFrom('units as u')
    .select(['u.id', 'u.key', 'u.okei', 'u.names', 'u.shorts', 'u.sort'])
    .select((eb) => eb.selectFrom('products').select(eb.fn.countAll<number>().as('n')).whereRef('products.unit_id', '=', 'u.id').as('product_count'))
    .orderBy('u.sort')
    .orderBy('u.key')
    .execute();
}
export type UnitRow = Awaited<ReturnType<typeof listUnits>>[number];

export async function findUnit(db: Executor, id: string): Promise<UnitRow | undefined> {
  return (await listUnits(db)).find((u) => u.id === id);
}
export async function unitKeyTaken(db: Executor, key: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom('units').select('id').where('key', '=', key);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}
export async function insertUnit(db: Executor, row: Insertable<UnitTable>): Promise<void> {
  await db.insertInto('units').values(row).execute();
}
export async function updateUnit(db: Executor, id: string, set: Updateable<UnitTable>): Promise<void> {
  await db.updateTable('units').set(set).where('id', '=', id).execute();
}
export async function deleteUnit(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('units').where('id', '=', id).execute();
}

// Price types

export async function listPriceTypes(db: Executor) {
  return db.selectFrom('price_types').select(['id', 'key', 'name', 'currency', 'is_default', 'sort']).orderBy('sort').orderBy('key').execute();
}
export type PriceTypeRow = Awaited<ReturnType<typeof listPriceTypes>>[number];

export async function findPriceType(db: Executor, idOrKey: string, by: 'id' | 'key' = 'id'): Promise<PriceTypeRow | undefined> {
  return db.selectFrom('price_types').select(['id', 'key', 'name', 'currency', 'is_default', 'sort']).where(by, '=', idOrKey).executeTakeFirst();
}
export async function defaultPriceType(db: Executor): Promise<PriceTypeRow | undefined> {
  return db.selectFrom('price_types').select(['id', 'key', 'name', 'currency', 'is_default', 'sort']).where('is_default', '=', 1).executeTakeFirst();
}
export async function insertPriceType(db: Executor, row: Insertable<PriceTypeTable>): Promise<void> {
  await db.insertInto('price_types').values(row).execute();
}
export async function updatePriceType(db: Executor, id: string, set: Updateable<PriceTypeTable>): Promise<void> {
  await db.updateTable('price_types').set(set).where('id', '=', id).execute();
}
export async function clearDefaultPriceType(db: Executor, exceptId: string): Promise<void> {
  await db.updateTable('price_types').set({ is_default: 0 }).where('id', '!=', exceptId).where('is_default', '=', 1).execute();
}
export async function countPrices(db: Executor, priceTypeId: string): Promise<number> {
  const r = await db.selectFrom('product_prices').select((eb) => eb.fn.countAll<number>().as('n')).where('price_type_id', '=', priceTypeId).executeTakeFirstOrThrow();
  return Number(r.n);
}
export async function deletePriceType(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('product_prices').where('price_type_id', '=', id).execute();
  await db.deleteFrom('price_types').where('id', '=', id).execute();
}

// Exchange rates

const rateColumns = ['id', 'date', 'currency', 'rate', 'created_at', 'updated_at'] as const;

export async function findRate(db: Executor, id: string) {
  return db.selectFrom('exchange_rates').select([...rateColumns]).where('id', '=', id).executeTakeFirst();
}
export type RateRow = NonNullable<Awaited<ReturnType<typeof findRate>>>;

export async function rateExists(db: Executor, currency: string, date: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom('exchange_rates').select('id').where('currency', '=', currency).where('date', '=', date);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

/** The rate in force on `date`: the latest one dated on or before it. */
export async function rateOn(db: Executor, currency: string, date: string): Promise<number | null> {
  const r = await db
    .selectFrom('exchange_rates')
    .select('rate')
    .where('currency', '=', currency)
    .where('date', '<=', date)
    .orderBy('date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? Number(r.rate) : null;
}

/** Newest first: keyset on (date, id) descending. */
export async function listRates(db: Executor, f: { currency?: string; from?: string; to?: string; cursor: Cursor | null; limit: number }) {
  let q = db.selectFrom('exchange_rates').select([...rateColumns]);
  if (f.currency) q = q.where('currency', '=', f.currency);
  if (f.from) q = q.where('date', '>=', f.from);
  if (f.to) q = q.where('date', '<=', f.to);
  if (f.cursor) {
    const { v, id } = f.cursor;
    q = q.where((eb) => eb(eb.refTuple('date', 'id'), '<', eb.tuple(String(v), id)));
  }
  const rows = await q.orderBy('date', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > f.limit && last ? { v: last.date, id: last.id } : null };
}
export async function countRates(db: Executor): Promise<number> {
  const r = await db.selectFrom('exchange_rates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
export async function insertRate(db: Executor, row: Insertable<ExchangeRateTable>): Promise<void> {
  await db.insertInto('exchange_rates').values(row).execute();
}
export async function updateRate(db: Executor, id: string, set: Updateable<ExchangeRateTable>): Promise<void> {
  await db.updateTable('exchange_rates').set(set).where('id', '=', id).execute();
}
export async function deleteRate(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('exchange_rates').where('id', '=', id).execute();
}

// Base currency (settings key base_currency)

export async function baseCurrency(db: Executor): Promise<string> {
  const r = await db.selectFrom('settings').select('value').where('key', '=', 'base_currency').executeTakeFirst();
  return r?.value ?? 'RUB';
}
export async function setBaseCurrency(db: Executor, currency: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: 'base_currency', value: currency })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: currency }))
    .execute();
}
