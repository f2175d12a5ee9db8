import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { newId } from '../../ids.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

const ts = (c: ColumnDefinitionBuilder) => c.notNull();

/** Units shipped with the catalog: key, OKEI code (ОКЕИ), names and short names per language. */
const units = [
  ['pcs', '796', ['piece', 'pcs'], ['штука', 'шт'], ['брой', 'бр.']],
  ['service', '876', ['service unit', 'svc'], ['условная единица', 'усл. ед.'], ['услуга', 'усл.']],
  ['hour', '356', ['hour', 'h'], ['час', 'ч'], ['час', 'ч']],
  ['day', '359', ['day', 'd'], ['сутки', 'сут'], ['ден', 'дн.']],
  ['month', '362', ['month', 'mo'], ['месяц', 'мес'], ['месец', 'мес.']],
  ['year', '366', ['year', 'yr'], ['год', 'г'], ['година', 'г.']],
  ['kg', '166', ['kilogram', 'kg'], ['килограмм', 'кг'], ['килограм', 'кг']],
  ['m', '006', ['metre', 'm'], ['метр', 'м'], ['метър', 'м']],
  ['m2', '055', ['square metre', 'm²'], ['квадратный метр', 'м²'], ['квадратен метър', 'кв.м']],
  ['l', '112', ['litre', 'l'], ['литр', 'л'], ['литър', 'л']],
  ['set', '839', ['set', 'set'], ['комплект', 'компл'], ['комплект', 'компл.']],
  ['pack', '778', ['package', 'pack'], ['упаковка', 'упак'], ['опаковка', 'оп.']],
  ['license', null, ['licence', 'lic.'], ['лицензия', 'лиц.'], ['лиценз', 'лиц.']],
] as const;

/**
 * The catalog: product groups (a tree), units (OKEI), price types, products and services with prices per
 * price type, bundles with components, and dated exchange rates to the base currency (setting base_currency).
 * Scaled integers, never floats: money in minor units, VAT in basis points (2200 = 22 %), bundle
 * coefficients per 10 000 (9000 = 0.9), quantities in thousandths, exchange rates in millionths.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('product_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('product_groups.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();
  await db.schema.createIndex('product_groups_parent_idx').on('product_groups').column('parent_id').execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('okei', 'text')
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('shorts', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();

  await db.schema
    .createTable('price_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.unique())
    .addColumn('description', 'text')
    .addColumn('group_id', 'text', (c) => c.references('product_groups.id').onDelete('restrict'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id').onDelete('restrict'))
    .addColumn('vat_rate', 'integer')
    .addColumn('purchase_cost', 'bigint')
    .addColumn('maintenance_cost', 'bigint')
    .addColumn('maintenance_period', 'text')
    .addColumn('cost_currency', 'text')
    .addColumn('lead_days_ready', 'integer')
    .addColumn('lead_days_delivery', 'integer')
    .addColumn('bundle_price_mode', 'text')
    .addColumn('bundle_coefficient', 'integer')
    .addColumn('custom', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();
  for (const [name, cols] of [
    ['products_name_idx', ['name_folded', 'id']],
    ['products_group_idx', ['group_id', 'name_folded', 'id']],
    ['products_created_idx', ['created_at', 'id']],
    ['products_updated_idx', ['updated_at', 'id']],
    ['products_unit_idx', ['unit_id']],
  ] as const) {
    await db.schema.createIndex(name).on('products').columns([...cols]).execute();
  }

  await db.schema
    .createTable('product_prices')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('price_type_id', 'text', (c) => c.notNull().references('price_types.id').onDelete('cascade'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_prices_pk', ['product_id', 'price_type_id'])
    .execute();
  await db.schema.createIndex('product_prices_type_idx').on('product_prices').column('price_type_id').execute();

  await db.schema
    .createTable('bundle_components')
    .addColumn('bundle_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('component_id', 'text', (c) => c.notNull().references('products.id').onDelete('restrict'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('bundle_components_pk', ['bundle_id', 'component_id'])
    .execute();
  await db.schema.createIndex('bundle_components_component_idx').on('bundle_components').column('component_id').execute();

  await db.schema
    .createTable('exchange_rates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('rate', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .addUniqueConstraint('exchange_rates_currency_date_uq', ['currency', 'date'])
    .execute();
  await db.schema.createIndex('exchange_rates_date_idx').on('exchange_rates').columns(['date', 'id']).execute();

  const now = new Date().toISOString();
  await db
    .insertInto('units')
    .values(
      units.map(([key, okei, en, ru, bg], i) => ({
        id: newId(),
        key,
        okei,
        names: JSON.stringify({ en: en[0], ru: ru[0], bg: bg[0] }),
        shorts: JSON.stringify({ en: en[1], ru: ru[1], bg: bg[1] }),
        sort: i,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const base = await db.selectFrom('settings').select('value').where('key', '=', 'base_currency').executeTakeFirst();
  if (!base) await db.insertInto('settings').values({ key: 'base_currency', value: 'RUB' }).execute();
  await db
    .insertInto('price_types')
    .values({ id: newId(), key: 'retail', name: 'Retail', currency: base?.value ?? 'RUB', is_default: 1, sort: 0, created_at: now, updated_at: now })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['exchange_rates', 'bundle_components', 'product_prices', 'products', 'price_types', 'units', 'product_groups']) {
    await db.schema.dropTable(t).execute();
  }
  await db.deleteFrom('settings').where('key', '=', 'base_currency').execute();
}
