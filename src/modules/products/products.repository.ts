import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ProductTable } from '../../platform/db/schema.js';
import type { Cursor } from '../../platform/http/pagination.js';
import type { ProductKind, ProductSort } from './products.schema.js';

/** SQL of products, their prices and bundle components. */

export const ENTITY = 'product';

export type ProductRow = Omit<Selectable<ProductTable>, 'search_text'>;
export interface PriceRow {
  product_id: string;
  price_type_id: string;
  amount: number;
  currency: string;
}
export interface ComponentRow {
  bundle_id: string;
  component_id: string;
  quantity: number;
  name: string;
  sku: string | null;
  kind: string;
  is_active: number;
}

const columns = [
  'id', 'kind', 'name', 'name_folded', 'sku', 'description', 'group_id', 'unit_id', 'vat_rate', 'purchase_cost', 'maintenance_cost',
  'maintenance_period', 'cost_currency', 'lead_days_ready', 'lead_days_delivery', 'bundle_price_mode', 'bundle_coefficient', 'custom',
  'is_active', 'version', 'created_by', 'created_at', 'updated_at',
] as const;

export const selectProducts = (db: Executor) => db.selectFrom('products').select([...columns]);

export async function findProduct(db: Executor, id: string): Promise<ProductRow | undefined> {
  return selectProducts(db).where('id', '=', id).executeTakeFirst();
}

export async function insertProduct(db: Executor, row: Insertable<ProductTable>): Promise<void> {
  await db.insertInto('products').values(row).execute();
}

/** Optimistic update: true when the row still had `version`. */
export async function updateProduct(db: Executor, id: string, version: number, set: Updateable<ProductTable>): Promise<boolean> {
  const r = await db.updateTable('products').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteProduct(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('products').where('id', '=', id).execute();
}

export async function findSku(db: Executor, sku: string): Promise<string | undefined> {
  return (await db.selectFrom('products').select('id').where('sku', '=', sku).executeTakeFirst())?.id;
}

/** Kind and name of several products (component checks). */
export async function productsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('products').select(['id', 'kind', 'name', 'is_active']).where('id', 'in', ids).execute();
}

export async function loadPrices(db: Executor, ids: string[]): Promise<Map<string, PriceRow[]>> {
  const out = new Map<string, PriceRow[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('product_prices as pp')
    .innerJoin('price_types as pt', 'pt.id', 'pp.price_type_id')
    .select(['pp.product_id', 'pp.price_type_id', 'pp.amount', 'pp.currency'])
    .where('pp.product_id', 'in', ids)
    .orderBy('pp.product_id')
    .orderBy('pt.sort')
    .orderBy('pt.key')
    .execute();
  for (const r of rows) out.get(r.product_id)?.push({ ...r, amount: Number(r.amount) });
  return out;
}

export async function loadComponents(db: Executor, ids: string[]): Promise<Map<string, ComponentRow[]>> {
  const out = new Map<string, ComponentRow[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('bundle_components as bc')
    .innerJoin('products as p', 'p.id', 'bc.component_id')
    .select(['bc.bundle_id', 'bc.component_id', 'bc.quantity', 'p.name', 'p.sku', 'p.kind', 'p.is_active'])
    .where('bc.bundle_id', 'in', ids)
    .orderBy('bc.bundle_id')
    .orderBy('bc.sort')
    .execute();
  for (const r of rows) out.get(r.bundle_id)?.push({ ...r, quantity: Number(r.quantity) });
  return out;
}

export async function replacePrices(db: Executor, productId: string, prices: { priceTypeId: string; amount: number; currency: string }[]): Promise<void> {
  await db.deleteFrom('product_prices').where('product_id', '=', productId).execute();
  if (!prices.length) return;
  await db
    .insertInto('product_prices')
    .values(prices.map((p) => ({ product_id: productId, price_type_id: p.priceTypeId, amount: p.amount, currency: p.currency })))
    .execute();
}

/** Components with quantities in thousandths. */
export async function replaceComponents(db: Executor, bundleId: string, components: { productId: string; quantity: number }[]): Promise<void> {
  await db.deleteFrom('bundle_components').where('bundle_id', '=', bundleId).execute();
  if (!components.length) return;
  await db
    .insertInto('bundle_components')
    .values(components.map((c, i) => ({ bundle_id: bundleId, component_id: c.productId, quantity: c.quantity, sort: i })))
    .execute();
}

/** Bundles that contain the product. */
export async function bundlesContaining(db: Executor, productId: string): Promise<string[]> {
  const rows = await db.selectFrom('bundle_components').select('bundle_id').where('component_id', '=', productId).limit(20).execute();
  return rows.map((r) => r.bundle_id);
}

export interface ProductReference {
  table: string;
  column: string;
}

/** The first registered table that still holds the product id, or null. */
export async function referencedBy(db: Executor, refs: readonly ProductReference[], id: string): Promise<string | null> {
  for (const r of refs) {
    const hit = await sql<{ one: number }>`SELECT 1 AS one FROM ${sql.table(r.table)} WHERE ${sql.ref(r.column)} = ${id} LIMIT 1`.execute(db);
    if (hit.rows.length) return r.table;
  }
  return null;
}

export interface ProductListSpec {
  /** folded words; every one must occur in the name or SKU */
  tokens: string[];
  /** the group and its subgroups */
  groupIds?: string[];
  kind?: ProductKind;
  active?: boolean;
  /** stored classes of the segments module (its product_segments table) */
  abc?: string;
  xyz?: string;
  sort: ProductSort;
  cursor: Cursor | null;
  limit: number;
}

const sortColumns = { name: 'name_folded', createdAt: 'created_at', updatedAt: 'updated_at' } as const;
const likePattern = (token: string) => `%${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One keyset page of products; limit + 1 rows are read to know whether another page follows. */
export async function listProducts(db: Executor, spec: ProductListSpec): Promise<{ rows: ProductRow[]; next: Cursor | null }> {
  const desc = spec.sort.startsWith('-');
  const key = (desc ? spec.sort.slice(1) : spec.sort) as keyof typeof sortColumns;
  const column = sortColumns[key];
  let q = selectProducts(db);
  for (const t of spec.tokens) q = q.where(sql<SqlBool>`search_text LIKE ${likePattern(t)} ESCAPE '\\'`);
  if (spec.groupIds) q = q.where('group_id', 'in', spec.groupIds);
  if (spec.kind) q = q.where('kind', '=', spec.kind);
  if (spec.active !== undefined) q = q.where('is_active', '=', spec.active ? 1 : 0);
  for (const column of ['abc', 'xyz'] as const) {
    const cls = spec[column];
    if (cls) q = q.where('id', 'in', (eb) => eb.selectFrom('product_segments').select('product_id').where(column, '=', cls));
  }
  if (spec.cursor) {
    const { v, id } = spec.cursor;
    q = q.where((eb) => eb(eb.refTuple(column, 'id'), desc ? '<' : '>', eb.tuple(String(v), id)));
  }
  const dir = desc ? 'desc' : 'asc';
  const rows = await q.orderBy(column, dir).orderBy('id', dir).limit(spec.limit + 1).execute();
  const page = rows.slice(0, spec.limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > spec.limit && last ? { v: last[column], id: last.id } : null };
}

/** Audit rows of a product, newest first (keyset on the audit id). */
export async function history(db: Executor, id: string, limit: number, before: string | null) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.at', 'a.user_id', 'u.name as user_name', 'a.action', 'a.field', 'a.old_value', 'a.new_value'])
    .where('a.entity', '=', ENTITY)
    .where('a.entity_id', '=', id);
  if (before) q = q.where('a.id', '<', before);
  return q.orderBy('a.id', 'desc').limit(limit).execute();
}
