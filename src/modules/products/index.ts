import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/errors.js';
import { lineAmounts as computeLine, lineIssues, type LineAmounts, type LineInput } from '../../shared/line-amounts.js';
import { registerCatalogRoutes } from './catalog.routes.js';
import { registerProductRoutes } from './products.routes.js';

/** Routes of the catalog: products, groups, units, price types, exchange rates, base currency. */
export function registerProductsRoutes(api: App, ctx: AppContext): void {
  registerCatalogRoutes(api, ctx);
  registerProductRoutes(api, ctx);
}

/**
 * Amounts of one priced line (see src/shared/line-amounts.ts for the rounding rules); bad input is a 422
 * naming `${fieldPrefix}quantity`, `${fieldPrefix}discountAmount` ... (e.g. fieldPrefix 'lines.2.').
 */
export function lineAmounts(input: LineInput, fieldPrefix = ''): LineAmounts {
  const issues = lineIssues(input);
  if (issues.length) throw AppError.validation(issues.map((i) => ({ ...i, field: `${fieldPrefix}${i.field}` })));
  return computeLine(input);
}
export type { LineAmounts, LineInput };

export { priceOf, splitBundleLine, type PriceOptions } from './price.service.js';
export { bundlePrice, bundleSplit, type ComponentPrice, type SplitPart } from './pricing.js';
export { convertAmount, baseCurrency } from './rates.service.js';
export { registerProductReference, readProduct, createProduct } from './products.service.js';
export { createGroup } from './groups.service.js';
export type { Product, ProductKind, PriceResult, PricedComponent, ProductInput } from './products.schema.js';
