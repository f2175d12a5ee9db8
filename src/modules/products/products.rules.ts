import type { Executor } from '../../platform/db/database.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { validateCustomValues } from '../customfields/index.js';
import * as catalog from './catalog.repository.js';
import type { ProductState } from './products.mapper.js';
import * as repo from './products.repository.js';

/** Rules of a complete product state that need the database; every problem is reported at once (one 422). */

const issue = (field: string, code: string, message: string): FieldIssue => ({ field, code, message });

/** Bundle fields follow the kind: non-bundles have none, bundles default to sum x 1. */
function bundleIssues(s: ProductState, issues: FieldIssue[]): ProductState {
  if (s.kind !== 'bundle') {
    if (s.components.length) issues.push(issue('components', 'product.components_not_bundle', 'only bundles have components'));
    if (s.bundlePriceMode !== null) issues.push(issue('bundlePriceMode', 'product.bundle_only', 'only bundles have a price mode'));
    if (s.bundleCoefficient !== null) issues.push(issue('bundleCoefficient', 'product.bundle_only', 'only bundles have a coefficient'));
    return s;
  }
  const mode = s.bundlePriceMode ?? 'sum_coefficient';
  if (!s.components.length) issues.push(issue('components', 'product.bundle_empty', 'a bundle needs at least one component'));
  if (mode === 'sum_coefficient' && s.prices.length) {
    issues.push(issue('prices', 'product.bundle_prices_computed', 'the price of a "sum x coefficient" bundle is computed from its components'));
  }
  return { ...s, bundlePriceMode: mode, bundleCoefficient: mode === 'fixed' ? null : (s.bundleCoefficient ?? 1) };
}

async function componentIssues(db: Executor, s: ProductState, selfId: string | null, issues: FieldIssue[]): Promise<void> {
  const found = new Map((await repo.productsByIds(db, s.components.map((c) => c.productId))).map((p) => [p.id, p]));
  const seen = new Set<string>();
  s.components.forEach((c, i) => {
    const field = `components.${i}.productId`;
    if (c.productId === selfId) issues.push(issue(field, 'product.component_self', 'a bundle cannot contain itself'));
    else if (seen.has(c.productId)) issues.push(issue(field, 'product.component_duplicate', 'is already a component; change its quantity instead'));
    else if (!found.has(c.productId)) issues.push(issue(field, 'product.component_unknown', 'no such product'));
    else if (found.get(c.productId)!.kind === 'bundle') issues.push(issue(field, 'product.component_is_bundle', 'a bundle cannot contain another bundle'));
    seen.add(c.productId);
  });
}

async function priceIssues(db: Executor, s: ProductState, issues: FieldIssue[]): Promise<ProductState['prices']> {
  const types = new Map((await catalog.listPriceTypes(db)).map((t) => [t.id, t]));
  const seen = new Set<string>();
  return s.prices.map((p, i) => {
    const type = types.get(p.priceTypeId);
    if (!type) issues.push(issue(`prices.${i}.priceTypeId`, 'product.price_type_unknown', 'no such price type'));
    else if (seen.has(p.priceTypeId)) issues.push(issue(`prices.${i}.priceTypeId`, 'product.price_duplicate', 'the product already has a price of this type'));
    seen.add(p.priceTypeId);
    return { ...p, currency: p.currency || type?.currency || '' };
  });
}

/**
 * Checks and completes a product state: group, unit, prices (currency defaults to the price type's),
 * bundle components (exist, not bundles, not the bundle itself, no repeats), bundle defaults, costs
 * (currency defaults to the base currency), attributes. `selfId` is the product being edited.
 */
export async function checkProduct(db: Executor, input: ProductState, selfId: string | null, kindChanged: boolean): Promise<ProductState> {
  const issues: FieldIssue[] = [];
  let s = bundleIssues(input, issues);
  if (s.groupId && !(await catalog.findGroup(db, s.groupId))) issues.push(issue('groupId', 'product.group_unknown', 'no such group'));
  if (s.unitId && !(await catalog.findUnit(db, s.unitId))) issues.push(issue('unitId', 'product.unit_unknown', 'no such unit'));
  s = { ...s, prices: await priceIssues(db, s, issues) };
  if (s.kind === 'bundle') await componentIssues(db, s, selfId, issues);
  if (selfId && kindChanged && s.kind === 'bundle' && (await repo.bundlesContaining(db, selfId)).length) {
    issues.push(issue('kind', 'product.used_as_component', 'the product is a component of a bundle; a bundle cannot contain another bundle'));
  }
  if (s.maintenanceCost !== null && s.maintenancePeriod === null) {
    issues.push(issue('maintenancePeriod', 'product.maintenance_period_required', 'say per which period the maintenance cost is'));
  }
  const hasCost = s.purchaseCost !== null || s.maintenanceCost !== null;
  s = { ...s, costCurrency: hasCost ? (s.costCurrency ?? (await catalog.baseCurrency(db))) : s.costCurrency };
  try {
    s = { ...s, custom: await validateCustomValues(db, 'product', s.custom) };
  } catch (err) {
    if (!(err instanceof AppError) || !err.details?.fields) throw err;
    issues.push(...err.details.fields);
  }
  if (issues.length) throw AppError.validation(issues);
  return s;
}

/** 409 product.sku_taken naming the field when another product has the SKU. */
export async function checkSku(db: Executor, sku: string | null, selfId: string | null): Promise<void> {
  if (!sku) return;
  const owner = await repo.findSku(db, sku);
  if (owner && owner !== selfId) {
    throw new AppError('product.sku_taken', 409, 'Another product has this SKU', {
      productId: owner,
      fields: [{ field: 'sku', code: 'product.sku_taken', message: 'is already used by another product' }],
    });
  }
}
