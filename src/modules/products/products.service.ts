import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { searchTokens } from '../../shared/text.js';
import { groupSubtree } from './groups.service.js';
import { rowValues, stateOf, storedComponents, toProduct, type ProductState } from './products.mapper.js';
import * as repo from './products.repository.js';
import { checkProduct, checkSku } from './products.rules.js';
import type { Product, ProductInput, ProductListQuery, ProductUpdate } from './products.schema.js';

/** Products, services and bundles: CRUD with versions and audit, lists. Access is checked by the routes (resource "product"). */

const references: repo.ProductReference[] = [{ table: 'bundle_components', column: 'component_id' }];

/**
 * Lets a later module (deals, documents ...) declare a column holding product ids: deleting a product is
 * refused (409 product.in_use) while any row references it.
 */
export function registerProductReference(table: string, column: string): void {
  if (!references.some((r) => r.table === table && r.column === column)) references.push({ table, column });
}

const conflict = (current: Product) =>
  new AppError('product.version_conflict', 409, 'The product was changed by someone else; reload it', { current });

/** The product with its prices and components. */
export async function readProduct(db: Executor, id: string): Promise<Product> {
  const row = await repo.findProduct(db, id);
  if (!row) throw AppError.notFound('product');
  const [prices, components] = await Promise.all([repo.loadPrices(db, [id]), repo.loadComponents(db, [id])]);
  return toProduct(row, prices.get(id)!, components.get(id)!);
}

export async function listProducts(db: Db, q: ProductListQuery) {
  const { rows, next } = await repo.listProducts(db, {
    tokens: q.q ? searchTokens(q.q) : [],
    groupIds: q.groupId ? await groupSubtree(db, q.groupId) : undefined,
    kind: q.kind,
    abc: q.abc,
    xyz: q.xyz,
    active: q.active,
    sort: q.sort,
    cursor: q.cursor ? decodeCursor(q.cursor) : null,
    limit: q.limit,
  });
  const ids = rows.map((r) => r.id);
  const [prices, components] = await Promise.all([repo.loadPrices(db, ids), repo.loadComponents(db, ids)]);
  return { items: rows.map((r) => toProduct(r, prices.get(r.id)!, components.get(r.id)!)), nextCursor: next ? encodeCursor(next) : null };
}

export async function createProduct(db: Db, actor: Actor, input: ProductInput): Promise<Product> {
  const id = newId();
  const now = nowIso();
  const draft: ProductState = {
    kind: input.kind,
    name: input.name,
    sku: input.sku ?? null,
    description: input.description ?? null,
    groupId: input.groupId ?? null,
    unitId: input.unitId ?? null,
    vatRate: input.vatRate === undefined ? null : input.vatRate,
    purchaseCost: input.purchaseCost ?? null,
    maintenanceCost: input.maintenanceCost ?? null,
    maintenancePeriod: input.maintenancePeriod ?? null,
    costCurrency: input.costCurrency ?? null,
    leadDaysReady: input.leadDaysReady ?? null,
    leadDaysDelivery: input.leadDaysDelivery ?? null,
    isActive: input.isActive ?? true,
    bundlePriceMode: input.bundlePriceMode ?? null,
    bundleCoefficient: input.bundleCoefficient ?? null,
    prices: (input.prices ?? []).map((p) => ({ ...p, currency: p.currency ?? '' })),
    components: input.components ?? [],
    custom: input.custom ?? {},
  };
  return db.transaction().execute(async (trx) => {
    const s = await checkProduct(trx, draft, null, false);
    await checkSku(trx, s.sku, null);
    await repo.insertProduct(trx, { id, ...rowValues(s), version: 1, created_by: actor.userId, created_at: now, updated_at: now });
    await repo.replacePrices(trx, id, s.prices);
    await repo.replaceComponents(trx, id, storedComponents(s));
    await writeAudit(trx, actor, repo.ENTITY, id, 'create');
    return readProduct(trx, id);
  });
}

export async function updateProduct(db: Db, actor: Actor, id: string, input: ProductUpdate): Promise<Product> {
  return db.transaction().execute(async (trx) => {
    const before = await readProduct(trx, id);
    if (input.version !== before.version) throw conflict(before);
    const { version: _v, ...changes } = input;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<ProductState>;
    const kind = defined.kind ?? before.kind;
    const leavesBundle = before.kind === 'bundle' && kind !== 'bundle';
    const draft: ProductState = {
      ...stateOf(before),
      // Leaving "bundle" drops what only bundles have, unless the request sets it explicitly.
      ...(leavesBundle && { components: [], bundlePriceMode: null, bundleCoefficient: null }),
      ...defined,
      prices: defined.prices ? defined.prices.map((p) => ({ ...p, currency: p.currency ?? '' })) : before.prices,
    };
    const s = await checkProduct(trx, draft, id, kind !== before.kind);
    await checkSku(trx, s.sku, id);
    const changed = await repo.updateProduct(trx, id, before.version, { ...rowValues(s), version: before.version + 1, updated_at: nowIso() });
    if (!changed) throw conflict(await readProduct(trx, id));
    await repo.replacePrices(trx, id, s.prices);
    await repo.replaceComponents(trx, id, storedComponents(s));
    const after = await readProduct(trx, id);
    await writeAudit(trx, actor, repo.ENTITY, id, 'update', diff(stateOf(before), stateOf(after)));
    return after;
  });
}

/** Deletes a product unless a bundle or a registered table (deal lines ...) uses it: then 409 product.in_use (deactivate it instead). */
export async function deleteProduct(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await readProduct(trx, id);
    const usedBy = await repo.referencedBy(trx, references, id);
    if (usedBy) {
      const bundles = usedBy === 'bundle_components' ? await repo.bundlesContaining(trx, id) : [];
      throw new AppError('product.in_use', 409, `The product is still used (${usedBy}); deactivate it instead`, { table: usedBy, bundles });
    }
    await repo.deleteProduct(trx, id);
    await writeAudit(trx, actor, repo.ENTITY, id, 'delete', [{ field: 'name', old: p.name, new: null }]);
  });
}

/** The product's change history (audit rows), newest first. */
export async function productHistory(db: Db, id: string, page: { limit: number; cursor?: string }) {
  await readProduct(db, id);
  const before = page.cursor ? decodeCursor(page.cursor).id : null;
  const rows = await repo.history(db, id, page.limit + 1, before);
  const items = rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    userName: r.user_name,
    action: r.action,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ v: null, id: last.id }) : null };
}
