import type { z } from 'zod';
import type { Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/errors.js';
import { fieldIssues } from '../../platform/http/errors.js';
import { lineAmounts as computeLine, lineIssues, type LineAmounts, type LineInput } from '../../shared/line-amounts.js';
import { registerCatalogRoutes } from './catalog.routes.js';
import { registerProductRoutes } from './products.routes.js';
import { productInput, type Product } from './products.schema.js';
import { createProduct as create } from './products.service.js';

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

/** Creates a product for a system task (demo data, imports): the input is validated like the API's (422 naming fields). */
export async function createProduct(db: Db, actor: Actor, input: z.input<typeof productInput>): Promise<Product> {
  const parsed = productInput.safeParse(input);
  if (!parsed.success) throw AppError.validation(fieldIssues(parsed.error));
  return create(db, actor, parsed.data);
}

export { priceOf, splitBundleLine, type PriceOptions } from './price.service.js';
export { bundlePrice, bundleSplit, type ComponentPrice, type SplitPart } from './pricing.js';
export { convertAmount, baseCurrency, createRate } from './rates.service.js';
export { registerProductReference, readProduct, updateProduct, deleteProduct } from './products.service.js';
export { productInput, productUpdate } from './products.schema.js';
export { createGroup } from './groups.service.js';
export { listUnits } from './units.service.js';
export { listPriceTypes, createPriceType } from './pricetypes.service.js';
export { listGroups } from './groups.service.js';
export type { Product, ProductKind, PriceResult, PricedComponent } from './products.schema.js';
export type ProductInput = z.input<typeof productInput>;
