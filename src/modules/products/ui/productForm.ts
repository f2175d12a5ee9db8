import type { CustomValues } from '../../../web/components/CustomFields.js';
import type { PriceType } from '../catalog.schema.js';
import type { BundlePriceMode, Product, ProductKind } from '../products.schema.js';
import { toMajor, toMinor } from './catalog.js';

/** What the product form edits: inputs hold major units ('' = not set); prices by price type id. */
export interface ComponentRow {
  productId: string;
  name: string;
  quantity: number | '';
}

export interface ProductValues {
  kind: ProductKind;
  name: string;
  sku: string;
  description: string;
  groupId: string | null;
  unitId: string | null;
  /** a percent as text, or 'none' (not subject to VAT) */
  vat: string;
  isActive: boolean;
  prices: Record<string, { amount: number | ''; currency: string }>;
  purchaseCost: number | '';
  maintenanceCost: number | '';
  maintenancePeriod: string | null;
  costCurrency: string;
  leadDaysReady: number | '';
  leadDaysDelivery: number | '';
  bundlePriceMode: BundlePriceMode;
  bundleCoefficient: number | '';
  components: ComponentRow[];
  custom: CustomValues;
}

export const NO_VAT = 'none';

export function emptyProduct(baseCurrency: string, groupId: string | null): ProductValues {
  return {
    kind: 'product',
    name: '',
    sku: '',
    description: '',
    groupId,
    unitId: null,
    vat: baseCurrency === 'RUB' ? '22' : '20',
    isActive: true,
    prices: {},
    purchaseCost: '',
    maintenanceCost: '',
    maintenancePeriod: null,
    costCurrency: baseCurrency,
    leadDaysReady: '',
    leadDaysDelivery: '',
    bundlePriceMode: 'sum_coefficient',
    bundleCoefficient: 1,
    components: [],
    custom: {},
  };
}

export function valuesOf(p: Product, baseCurrency: string): ProductValues {
  const costCurrency = p.costCurrency ?? baseCurrency;
  return {
    kind: p.kind,
    name: p.name,
    sku: p.sku ?? '',
    description: p.description ?? '',
    groupId: p.groupId,
    unitId: p.unitId,
    vat: p.vatRate === null ? NO_VAT : String(p.vatRate),
    isActive: p.isActive,
    prices: Object.fromEntries(p.prices.map((x) => [x.priceTypeId, { amount: toMajor(x.amount, x.currency), currency: x.currency }])),
    purchaseCost: toMajor(p.purchaseCost, costCurrency),
    maintenanceCost: toMajor(p.maintenanceCost, costCurrency),
    maintenancePeriod: p.maintenancePeriod,
    costCurrency,
    leadDaysReady: p.leadDaysReady ?? '',
    leadDaysDelivery: p.leadDaysDelivery ?? '',
    bundlePriceMode: p.bundlePriceMode ?? 'sum_coefficient',
    bundleCoefficient: p.bundleCoefficient ?? 1,
    components: p.components.map((c) => ({ productId: c.productId, name: c.name, quantity: c.quantity })),
    custom: p.custom,
  };
}

const num = (v: number | '') => (v === '' ? null : v);

/** The request body (without version) and a mapper of server field errors back to the inputs. */
export function requestOf(v: ProductValues, types: PriceType[]) {
  const bundle = v.kind === 'bundle';
  const computed = bundle && v.bundlePriceMode === 'sum_coefficient';
  const sent = computed ? [] : types.filter((t) => v.prices[t.id] && v.prices[t.id]!.amount !== '');
  const body = {
    kind: v.kind,
    name: v.name.trim(),
    sku: v.sku.trim() || null,
    description: v.description.trim() || null,
    groupId: v.groupId,
    unitId: v.unitId,
    vatRate: v.vat === NO_VAT ? null : Number(v.vat),
    isActive: v.isActive,
    prices: sent.map((t) => {
      const p = v.prices[t.id]!;
      return { priceTypeId: t.id, amount: toMinor(p.amount, p.currency), currency: p.currency };
    }),
    purchaseCost: toMinor(v.purchaseCost, v.costCurrency),
    maintenanceCost: toMinor(v.maintenanceCost, v.costCurrency),
    maintenancePeriod: v.maintenanceCost === '' ? null : v.maintenancePeriod,
    costCurrency: v.purchaseCost === '' && v.maintenanceCost === '' ? null : v.costCurrency,
    leadDaysReady: num(v.leadDaysReady),
    leadDaysDelivery: num(v.leadDaysDelivery),
    bundlePriceMode: bundle ? v.bundlePriceMode : null,
    bundleCoefficient: computed ? num(v.bundleCoefficient) : null,
    components: bundle ? v.components.map((c) => ({ productId: c.productId, quantity: c.quantity === '' ? 0 : c.quantity })) : [],
    custom: v.custom,
  };
  /** `prices.<sent index>.x` -> `prices.<price type id>` */
  const mapErrors = (errors: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(errors).map(([k, msg]) => {
        const m = /^prices\.(\d+)/.exec(k);
        return [m && sent[Number(m[1])] ? `prices.${sent[Number(m[1])]!.id}` : k, msg];
      }),
    );
  return { body, mapErrors };
}

/** Fields compared when a save hits a version conflict. */
export const conflictFields = [
  'kind', 'name', 'sku', 'description', 'groupId', 'unitId', 'vatRate', 'isActive', 'prices', 'purchaseCost', 'maintenanceCost', 'maintenancePeriod',
  'costCurrency', 'leadDaysReady', 'leadDaysDelivery', 'bundlePriceMode', 'bundleCoefficient', 'components', 'custom',
] as const;
