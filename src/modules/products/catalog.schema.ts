import { z } from 'zod';
import { isCurrencyCode, SCALE, toScaled } from '../../shared/money.js';

/**
 * Contracts of the catalog reference data: product groups (a tree), units, price types, exchange rates,
 * the base currency. Shared building blocks (money, decimals, currency codes, dates) live here too.
 * Imported by the server and the UI.
 */

export const id = () => z.uuid({ message: 'must be a valid id' });
export const requiredText = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
/** Optional text: '' and null clear the value. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullable()
    .optional()
    .transform((s) => (s === undefined ? undefined : s || null));

/** Integer minor units (kopecks, cents), >= 0. */
export const money = z
  .number({ message: 'must be a number' })
  .int('must be a whole number of minor units (kopecks, cents)')
  .min(0, 'must not be negative')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

/** A decimal with at most `places` decimals (kept as a scaled integer by the server). */
export const decimal = (places: number, code: string) =>
  z.number({ message: 'must be a number' }).refine((v) => toScaled(v, 10 ** places) !== null, { message: `must have at most ${places} decimals`, params: { code } });

export const currencyCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isCurrencyCode, { message: 'must be an ISO 4217 currency code like RUB, EUR, BGN', params: { code: 'currency.invalid' } });

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export const isoDate = z
  .string()
  .refine((v) => DATE_RE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { message: 'must be a date YYYY-MM-DD', params: { code: 'validation.date' } });

const sort = z.number().int().min(0).max(1_000_000);
const slug = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a slug: lower-case Latin letters, digits and _, starting with a letter');

// Product groups

export const productGroupSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  sort: z.number().int(),
  /** products directly in this group */
  productCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProductGroup = z.infer<typeof productGroupSchema>;
export const productGroupInput = z.strictObject({ name: requiredText(200), parentId: id().nullable().optional(), sort: sort.optional() });
export type ProductGroupInput = z.output<typeof productGroupInput>;
export const productGroupUpdate = productGroupInput.partial();
export type ProductGroupUpdate = z.output<typeof productGroupUpdate>;
export const productGroupList = z.object({ items: z.array(productGroupSchema) });

// Units

export const locales = ['en', 'ru', 'bg'] as const;
export type Locale = (typeof locales)[number];
const localized = (max: number) =>
  z
    .strictObject({ en: optionalText(max), ru: optionalText(max), bg: optionalText(max) })
    .transform((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v)) as Partial<Record<Locale, string>>)
    .refine((o) => Object.keys(o).length > 0, { message: 'give it in at least one language', params: { code: 'unit.name_required' } });

export const unitSchema = z.object({
  id: z.string(),
  key: z.string(),
  /** OKEI (ОКЕИ) code: '796' pieces, '876' service units, '356' hours ... */
  okei: z.string().nullable(),
  names: z.partialRecord(z.enum(locales), z.string()),
  shorts: z.partialRecord(z.enum(locales), z.string()),
  sort: z.number().int(),
  productCount: z.number().int(),
});
export type Unit = z.infer<typeof unitSchema>;
export const unitInput = z.strictObject({
  key: slug,
  okei: z
    .string()
    .trim()
    .regex(/^\d{3,4}$/, 'must be an OKEI code of 3-4 digits')
    .nullable()
    .optional(),
  names: localized(100),
  shorts: localized(20),
  sort: sort.optional(),
});
export type UnitInput = z.output<typeof unitInput>;
export const unitUpdate = unitInput.partial();
export type UnitUpdate = z.output<typeof unitUpdate>;
export const unitList = z.object({ items: z.array(unitSchema) });

// Price types

export const priceTypeSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  currency: z.string(),
  isDefault: z.boolean(),
  sort: z.number().int(),
});
export type PriceType = z.infer<typeof priceTypeSchema>;
export const priceTypeInput = z.strictObject({ key: slug, name: requiredText(100), currency: currencyCode, isDefault: z.boolean().optional(), sort: sort.optional() });
export type PriceTypeInput = z.output<typeof priceTypeInput>;
export const priceTypeUpdate = priceTypeInput.partial();
export type PriceTypeUpdate = z.output<typeof priceTypeUpdate>;
export const priceTypeList = z.object({ items: z.array(priceTypeSchema) });

// Exchange rates

export const exchangeRateSchema = z.object({
  id: z.string(),
  /** valid from this day until the next rate of the currency */
  date: z.string(),
  currency: z.string(),
  /** units of the base currency for 1 unit of `currency` (at most 6 decimals) */
  rate: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ExchangeRate = z.infer<typeof exchangeRateSchema>;
const rate = decimal(6, 'exchange_rate.precision').refine((v) => v > 0 && v <= 1e9, { message: 'must be positive', params: { code: 'exchange_rate.rate_invalid' } });
export const exchangeRateInput = z.strictObject({ date: isoDate, currency: currencyCode, rate });
export type ExchangeRateInput = z.output<typeof exchangeRateInput>;
export const exchangeRateUpdate = exchangeRateInput.partial();
export type ExchangeRateUpdate = z.output<typeof exchangeRateUpdate>;
export const exchangeRateListQuery = z.strictObject({
  currency: currencyCode.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
  cursor: z.string().max(2000).optional(),
});
export type ExchangeRateListQuery = z.output<typeof exchangeRateListQuery>;
export const exchangeRatePage = z.object({ items: z.array(exchangeRateSchema), nextCursor: z.string().nullable(), baseCurrency: z.string() });

export const catalogSettings = z.object({ baseCurrency: z.string() });
export const catalogSettingsUpdate = z.strictObject({ baseCurrency: currencyCode });

export const RATE_SCALE = SCALE.rate;
