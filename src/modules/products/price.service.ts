import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import * as catalog from './catalog.repository.js';
import { bundlePrice, bundleSplit, type SplitPart } from './pricing.js';
import * as repo from './products.repository.js';
import type { BundlePreview, BundlePreviewInput, PricedComponent, PriceResult, Product } from './products.schema.js';
import { readProduct } from './products.service.js';
import { convertAmount, todayUtc } from './rates.service.js';

/** Prices of products and bundles for a price type, currency and date (what deal lines start from). */

export interface PriceOptions {
  /** price type id or key; the default price type when omitted */
  priceTypeId?: string;
  /** convert into this currency (ISO 4217) by the rates of `date`; the price's own currency when omitted */
  currency?: string;
  /** YYYY-MM-DD for exchange rates; today (UTC) when omitted */
  date?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function resolvePriceType(db: Executor, ref: string | undefined): Promise<catalog.PriceTypeRow> {
  const type = ref === undefined ? await catalog.defaultPriceType(db) : await catalog.findPriceType(db, ref, UUID.test(ref) ? 'id' : 'key');
  if (!type) throw AppError.validation([{ field: 'priceType', code: 'product.price_type_unknown', message: 'no such price type' }]);
  return type;
}

const priceMissing = (productId: string, priceTypeId: string) =>
  new AppError('product.price_missing', 422, 'The product has no price of this price type', { productId, priceTypeId });

/** Unit prices of components in `currency` (null where a component has no price of the type). */
async function priceComponents(
  db: Executor,
  components: { productId: string; name: string; quantity: number }[],
  priceTypeId: string,
  currency: string,
  date: string,
): Promise<PricedComponent[]> {
  const prices = await repo.loadPrices(db, components.map((c) => c.productId));
  const out: PricedComponent[] = [];
  for (const c of components) {
    const p = prices.get(c.productId)?.find((x) => x.price_type_id === priceTypeId);
    const unitPrice = p ? await convertAmount(db, p.amount, p.currency, currency, date) : null;
    out.push({ productId: c.productId, name: c.name, quantity: c.quantity, unitPrice });
  }
  return out;
}

/**
 * The unit price of a product, service or bundle: its price of the price type, converted when another
 * currency is asked for; a "sum x coefficient" bundle adds up its components' prices (converted to the
 * currency of the price type, or the asked one) and applies the coefficient. Bundles list their components
 * with unit prices. Errors: 404 product.not_found, 422 product.inactive, product.price_missing
 * (details.productId names the product or component without a price), product.price_type_unknown,
 * exchange_rate.missing.
 */
export async function priceOf(db: Executor, productId: string, opts: PriceOptions = {}): Promise<PriceResult> {
  const product = await readProduct(db, productId);
  if (!product.isActive) throw new AppError('product.inactive', 422, 'The product is deactivated', { productId });
  return priceProduct(db, product, opts, true);
}

async function priceProduct(db: Executor, product: Product, opts: PriceOptions, strict: boolean): Promise<PriceResult> {
  const type = await resolvePriceType(db, opts.priceTypeId);
  const date = opts.date ?? todayUtc();
  const head = { productId: product.id, name: product.name, kind: product.kind, priceTypeId: type.id, vatRate: product.vatRate, unitId: product.unitId };
  if (product.kind === 'bundle' && product.bundlePriceMode === 'sum_coefficient') {
    const currency = opts.currency ?? type.currency;
    const components = await priceComponents(db, product.components, type.id, currency, date);
    const missing = components.find((c) => c.unitPrice === null);
    if (missing && strict) throw priceMissing(missing.productId, type.id);
    return { ...head, unitPrice: bundlePrice(components, product.bundleCoefficient ?? 1), currency, components };
  }
  const own = product.prices.find((p) => p.priceTypeId === type.id);
  if (!own && strict) throw priceMissing(product.id, type.id);
  const currency = opts.currency ?? own?.currency ?? type.currency;
  const unitPrice = own ? await convertAmount(db, own.amount, own.currency, currency, date) : 0;
  if (product.kind !== 'bundle') return { ...head, unitPrice, currency };
  return { ...head, unitPrice, currency, components: await priceComponents(db, product.components, type.id, currency, date) };
}

/** The live price of a bundle being edited: components must exist and not be bundles; missing prices count as 0 and are listed. */
export async function bundlePreview(db: Executor, input: BundlePreviewInput): Promise<BundlePreview> {
  const found = new Map((await repo.productsByIds(db, input.components.map((c) => c.productId))).map((p) => [p.id, p]));
  const issues = input.components.flatMap((c, i) => {
    const p = found.get(c.productId);
    if (!p) return [{ field: `components.${i}.productId`, code: 'product.component_unknown', message: 'no such product' }];
    if (p.kind === 'bundle') return [{ field: `components.${i}.productId`, code: 'product.component_is_bundle', message: 'a bundle cannot contain another bundle' }];
    return [];
  });
  if (issues.length) throw AppError.validation(issues);
  const type = await resolvePriceType(db, input.priceTypeId);
  const currency = input.currency ?? type.currency;
  const named = input.components.map((c) => ({ ...c, name: found.get(c.productId)!.name }));
  const components = await priceComponents(db, named, type.id, currency, input.date ?? todayUtc());
  return {
    priceTypeId: type.id,
    unitPrice: bundlePrice(components, input.bundleCoefficient),
    currency,
    components,
    missingPrices: components.filter((c) => c.unitPrice === null).map((c) => c.productId),
  };
}

/**
 * A deal line of a bundle split into its components for reports: amounts proportional to the components'
 * current prices (of the price type, in the line's currency), adding up exactly to `lineAmount`. Works for
 * deactivated bundles too; components without a price weigh 0 (all without: split by quantity).
 */
export async function splitBundleLine(
  db: Executor,
  bundleId: string,
  lineAmount: number,
  opts: PriceOptions & { lineQuantity?: number } = {},
): Promise<SplitPart<PricedComponent>[]> {
  const product = await readProduct(db, bundleId);
  if (product.kind !== 'bundle') throw new AppError('product.not_bundle', 422, 'The product is not a bundle', { productId: bundleId });
  const priced = await priceProduct(db, product, opts, false);
  return bundleSplit(lineAmount, priced.components ?? [], opts.lineQuantity ?? 1);
}
