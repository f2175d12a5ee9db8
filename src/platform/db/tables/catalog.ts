/** The catalog: products, groups, units, prices, bundles, exchange rates. Conventions: see ../schema.ts. */

export interface ProductGroupTable {
  id: string;
  parent_id: string | null;
  name: string;
  sort: number;
  created_at: string;
  updated_at: string;
}

export interface UnitTable {
  id: string;
  key: string;
  /** OKEI (ОКЕИ) code, e.g. '796' for pieces */
  okei: string | null;
  /** JSON { en?, ru?, bg? } full names */
  names: string;
  /** JSON { en?, ru?, bg? } short names */
  shorts: string;
  sort: number;
  created_at: string;
  updated_at: string;
}

export interface PriceTypeTable {
  id: string;
  key: string;
  name: string;
  currency: string;
  is_default: number;
  sort: number;
  created_at: string;
  updated_at: string;
}

export interface ProductTable {
  id: string;
  /** product | service | bundle */
  kind: string;
  name: string;
  name_folded: string;
  sku: string | null;
  description: string | null;
  group_id: string | null;
  unit_id: string | null;
  /** basis points (2200 = 22 %); null = not subject to VAT */
  vat_rate: number | null;
  /** minor units of cost_currency */
  purchase_cost: number | null;
  maintenance_cost: number | null;
  /** month | quarter | year */
  maintenance_period: string | null;
  cost_currency: string | null;
  lead_days_ready: number | null;
  lead_days_delivery: number | null;
  /** bundles: sum_coefficient | fixed */
  bundle_price_mode: string | null;
  /** bundles: per 10 000 (9000 = 0.9) */
  bundle_coefficient: number | null;
  /** JSON object of custom field (attribute) values by key */
  custom: string;
  is_active: number;
  search_text: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProductPriceTable {
  product_id: string;
  price_type_id: string;
  /** minor units */
  amount: number;
  currency: string;
}

export interface BundleComponentTable {
  bundle_id: string;
  component_id: string;
  /** thousandths (1500 = 1.5) */
  quantity: number;
  sort: number;
}

export interface ExchangeRateTable {
  id: string;
  /** YYYY-MM-DD: valid from this day until the next rate of the currency */
  date: string;
  currency: string;
  /** units of the base currency per 1 unit of `currency`, in millionths */
  rate: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
