import { z } from 'zod';
import { currencyCode, decimal, id, isoDate, money, optionalText, requiredText } from './catalog.schema.js';

/** Contracts of the products API (products, services, bundles, prices). Imported by the server and the UI. */

export const productKinds = ['product', 'service', 'bundle'] as const;
export type ProductKind = (typeof productKinds)[number];
export const bundlePriceModes = ['sum_coefficient', 'fixed'] as const;
export type BundlePriceMode = (typeof bundlePriceModes)[number];
export const maintenancePeriods = ['month', 'quarter', 'year'] as const;
export const productSorts = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type ProductSort = (typeof productSorts)[number];

/** VAT rates offered by the form (percent): RU 22 (from 2026) / 10 / 5 / 7, BG 20 / 9, 0; null = not subject to VAT. */
export const commonVatRates = [22, 20, 10, 9, 7, 5, 0] as const;

/** VAT percent, at most 2 decimals; null = not subject to VAT ("без НДС"). */
export const vatRate = decimal(2, 'product.vat_rate_invalid').refine((v) => v >= 0 && v <= 100, { message: 'must be 0..100', params: { code: 'product.vat_rate_invalid' } });

export const priceInput = z.strictObject({
  priceTypeId: id(),
  amount: money,
  /** defaults to the price type's currency */
  currency: currencyCode.optional(),
});
export type PriceInput = z.output<typeof priceInput>;

export const componentInput = z.strictObject({
  productId: id(),
  /** decimal > 0, at most 3 decimals */
  quantity: decimal(3, 'product.quantity_precision').refine((q) => q > 0 && q <= 1e9, { message: 'must be greater than 0', params: { code: 'product.quantity_invalid' } }),
});
export type ComponentInput = z.output<typeof componentInput>;

const coefficient = decimal(4, 'product.coefficient_precision').refine((c) => c > 0 && c <= 1000, { message: 'must be greater than 0', params: { code: 'product.coefficient_invalid' } });
const days = z.number().int('must be a whole number of days').min(0, 'must not be negative').max(3650, 'must be at most 3650');

const editable = {
  kind: z.enum(productKinds),
  name: requiredText(300),
  /** article / SKU, unique when set */
  sku: optionalText(64),
  description: optionalText(5000),
  groupId: id().nullable().optional(),
  unitId: id().nullable().optional(),
  vatRate: vatRate.nullable().optional(),
  purchaseCost: money.nullable().optional(),
  maintenanceCost: money.nullable().optional(),
  maintenancePeriod: z.enum(maintenancePeriods).nullable().optional(),
  /** currency of purchaseCost and maintenanceCost */
  costCurrency: currencyCode.nullable().optional(),
  leadDaysReady: days.nullable().optional(),
  leadDaysDelivery: days.nullable().optional(),
  isActive: z.boolean().optional(),
  /** bundles only: price = sum of components x coefficient, or the bundle's own (fixed) prices */
  bundlePriceMode: z.enum(bundlePriceModes).nullable().optional(),
  /** bundles priced sum_coefficient: 0.9 lowers by 10 %, 1.15 raises by 15 % (at most 4 decimals) */
  bundleCoefficient: coefficient.nullable().optional(),
  /** one per price type; a sum_coefficient bundle has none (its price is computed) */
  prices: z.array(priceInput).max(50, 'at most 50 prices').optional(),
  /** bundles only: products or services (not bundles) with quantities */
  components: z.array(componentInput).max(100, 'at most 100 components').optional(),
  /** values of the admin-defined product attributes (custom fields of entity "product") */
  custom: z.record(z.string().max(64), z.unknown()).optional(),
};

export const productInput = z.strictObject({ ...editable, kind: editable.kind.default('product') });
export type ProductInput = z.output<typeof productInput>;

export const productUpdate = z.strictObject({
  version: z.number().int().positive(),
  ...editable,
  kind: editable.kind.optional(),
  name: editable.name.optional(),
});
export type ProductUpdate = z.output<typeof productUpdate>;

export const productPriceSchema = z.object({ priceTypeId: z.string(), amount: z.number().int(), currency: z.string() });
export type ProductPriceDto = z.infer<typeof productPriceSchema>;
export const componentSchema = z.object({
  productId: z.string(),
  name: z.string(),
  sku: z.string().nullable(),
  kind: z.enum(productKinds),
  isActive: z.boolean(),
  quantity: z.number(),
});
export type Component = z.infer<typeof componentSchema>;

export const productSchema = z.object({
  id: z.string(),
  kind: z.enum(productKinds),
  name: z.string(),
  sku: z.string().nullable(),
  description: z.string().nullable(),
  groupId: z.string().nullable(),
  unitId: z.string().nullable(),
  /** percent; null = not subject to VAT */
  vatRate: z.number().nullable(),
  purchaseCost: z.number().int().nullable(),
  maintenanceCost: z.number().int().nullable(),
  maintenancePeriod: z.enum(maintenancePeriods).nullable(),
  costCurrency: z.string().nullable(),
  leadDaysReady: z.number().int().nullable(),
  leadDaysDelivery: z.number().int().nullable(),
  isActive: z.boolean(),
  bundlePriceMode: z.enum(bundlePriceModes).nullable(),
  bundleCoefficient: z.number().nullable(),
  prices: z.array(productPriceSchema),
  components: z.array(componentSchema),
  custom: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const productListQuery = z.strictObject({
  /** words of the name or the SKU (substrings, case- and ё-insensitive) */
  q: z.string().trim().max(200).optional(),
  /** the group and its subgroups */
  groupId: id().optional(),
  kind: z.enum(productKinds).optional(),
  active: boolParam.optional(),
  /** stored ABC / XYZ class of the product (src/modules/segments) */
  abc: z.enum(['A', 'B', 'C']).optional(),
  xyz: z.enum(['X', 'Y', 'Z']).optional(),
  sort: z.enum(productSorts).default('name'),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type ProductListQuery = z.output<typeof productListQuery>;
export const productPage = z.object({ items: z.array(productSchema), nextCursor: z.string().nullable() });

export const priceQuery = z.strictObject({
  /** price type id or key; the default price type when omitted */
  priceType: z.string().trim().min(1).max(100).optional(),
  /** convert into this currency by the exchange rates of `date` */
  currency: currencyCode.optional(),
  /** YYYY-MM-DD; today (UTC) when omitted */
  date: isoDate.optional(),
});
export type PriceQuery = z.output<typeof priceQuery>;

export const pricedComponentSchema = z.object({
  productId: z.string(),
  name: z.string(),
  quantity: z.number(),
  /** in the result's currency; null when the component has no price of the price type */
  unitPrice: z.number().int().nullable(),
});
export type PricedComponent = z.infer<typeof pricedComponentSchema>;

export const priceResultSchema = z.object({
  productId: z.string(),
  name: z.string(),
  kind: z.enum(productKinds),
  priceTypeId: z.string(),
  /** minor units of `currency` */
  unitPrice: z.number().int(),
  currency: z.string(),
  /** percent; null = not subject to VAT */
  vatRate: z.number().nullable(),
  unitId: z.string().nullable(),
  components: z.array(pricedComponentSchema).optional(),
});
export type PriceResult = z.infer<typeof priceResultSchema>;

/** The live price of a bundle being edited (sum of components x coefficient). */
export const bundlePreviewInput = z.strictObject({
  components: z.array(componentInput).min(1, 'add at least one component').max(100),
  bundleCoefficient: coefficient.default(1),
  priceTypeId: id().optional(),
  currency: currencyCode.optional(),
  date: isoDate.optional(),
});
export type BundlePreviewInput = z.output<typeof bundlePreviewInput>;
export const bundlePreviewSchema = z.object({
  priceTypeId: z.string(),
  unitPrice: z.number().int(),
  currency: z.string(),
  components: z.array(pricedComponentSchema),
  /** components without a price of the price type (counted as 0) */
  missingPrices: z.array(z.string()),
});
export type BundlePreview = z.infer<typeof bundlePreviewSchema>;

export const historyQuery = z.strictObject({
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export const historyPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      userId: z.string().nullable(),
      userName: z.string().nullable(),
      action: z.string(),
      field: z.string().nullable(),
      oldValue: z.string().nullable(),
      newValue: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
