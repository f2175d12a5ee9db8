import type { Insertable } from 'kysely';
import type { ProductTable } from '../../platform/db/schema.js';
import { fromScaled, SCALE, toScaled } from '../../shared/money.js';
import { foldText } from '../../shared/text.js';
import type { ComponentRow, PriceRow, ProductRow } from './products.repository.js';
import type { BundlePriceMode, Product, ProductKind } from './products.schema.js';

/** Rows <-> API objects. Storage keeps scaled integers (VAT in basis points, coefficient per 10 000, quantity in thousandths). */

/** Everything a product form edits: the API shape, decimals as numbers. */
export type ProductState = {
  kind: ProductKind;
  name: string;
  sku: string | null;
  description: string | null;
  groupId: string | null;
  unitId: string | null;
  vatRate: number | null;
  purchaseCost: number | null;
  maintenanceCost: number | null;
  maintenancePeriod: Product['maintenancePeriod'];
  costCurrency: string | null;
  leadDaysReady: number | null;
  leadDaysDelivery: number | null;
  isActive: boolean;
  bundlePriceMode: BundlePriceMode | null;
  bundleCoefficient: number | null;
  prices: { priceTypeId: string; amount: number; currency: string }[];
  components: { productId: string; quantity: number }[];
  custom: Record<string, unknown>;
};

const scaledOrNull = (v: number | null, scale: number) => (v === null ? null : toScaled(v, scale));
const decimalOrNull = (v: number | null, scale: number) => (v === null ? null : fromScaled(v, scale));

export function toProduct(r: ProductRow, prices: PriceRow[], components: ComponentRow[]): Product {
  return {
    id: r.id,
    kind: r.kind as ProductKind,
    name: r.name,
    sku: r.sku,
    description: r.description,
    groupId: r.group_id,
    unitId: r.unit_id,
    vatRate: decimalOrNull(r.vat_rate, SCALE.percent),
    purchaseCost: r.purchase_cost === null ? null : Number(r.purchase_cost),
    maintenanceCost: r.maintenance_cost === null ? null : Number(r.maintenance_cost),
    maintenancePeriod: r.maintenance_period as Product['maintenancePeriod'],
    costCurrency: r.cost_currency,
    leadDaysReady: r.lead_days_ready,
    leadDaysDelivery: r.lead_days_delivery,
    isActive: r.is_active === 1,
    bundlePriceMode: r.bundle_price_mode as BundlePriceMode | null,
    bundleCoefficient: decimalOrNull(r.bundle_coefficient, SCALE.coefficient),
    prices: prices.map((p) => ({ priceTypeId: p.price_type_id, amount: p.amount, currency: p.currency })),
    components: components.map((c) => ({
      productId: c.component_id,
      name: c.name,
      sku: c.sku,
      kind: c.kind as ProductKind,
      isActive: c.is_active === 1,
      quantity: fromScaled(c.quantity, SCALE.quantity),
    })),
    custom: JSON.parse(r.custom) as Record<string, unknown>,
    version: r.version,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The editable state of a stored product (for updates and audit diffs). */
export function stateOf(p: Product): ProductState {
  return {
    kind: p.kind,
    name: p.name,
    sku: p.sku,
    description: p.description,
    groupId: p.groupId,
    unitId: p.unitId,
    vatRate: p.vatRate,
    purchaseCost: p.purchaseCost,
    maintenanceCost: p.maintenanceCost,
    maintenancePeriod: p.maintenancePeriod,
    costCurrency: p.costCurrency,
    leadDaysReady: p.leadDaysReady,
    leadDaysDelivery: p.leadDaysDelivery,
    isActive: p.isActive,
    bundlePriceMode: p.bundlePriceMode,
    bundleCoefficient: p.bundleCoefficient,
    prices: p.prices,
    components: p.components.map((c) => ({ productId: c.productId, quantity: c.quantity })),
    custom: p.custom,
  };
}

/** Column values of a product row (without id, version and timestamps). */
export function rowValues(s: ProductState): Omit<Insertable<ProductTable>, 'id' | 'version' | 'created_by' | 'created_at' | 'updated_at'> {
  return {
    kind: s.kind,
    name: s.name,
    name_folded: foldText(s.name),
    sku: s.sku,
    description: s.description,
    group_id: s.groupId,
    unit_id: s.unitId,
    vat_rate: scaledOrNull(s.vatRate, SCALE.percent),
    purchase_cost: s.purchaseCost,
    maintenance_cost: s.maintenanceCost,
    maintenance_period: s.maintenancePeriod,
    cost_currency: s.costCurrency,
    lead_days_ready: s.leadDaysReady,
    lead_days_delivery: s.leadDaysDelivery,
    bundle_price_mode: s.bundlePriceMode,
    bundle_coefficient: scaledOrNull(s.bundleCoefficient, SCALE.coefficient),
    custom: JSON.stringify(s.custom),
    is_active: s.isActive ? 1 : 0,
    search_text: foldText([s.name, s.sku].filter(Boolean).join(' ')),
  };
}

/** Components in storage units (quantity in thousandths). */
export const storedComponents = (s: ProductState) => s.components.map((c) => ({ productId: c.productId, quantity: toScaled(c.quantity, SCALE.quantity)! }));
