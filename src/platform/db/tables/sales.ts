/** Pipelines, deals with their lines, stage history, funnel facts and documents. Conventions: see ../schema.ts. */

export interface PipelineTable {
  id: string;
  name: string;
  sort: number;
  is_active: number;
  is_default: number;
  created_at: string;
  updated_at: string;
}

export interface StageTable {
  id: string;
  pipeline_id: string;
  name: string;
  sort: number;
  /** percent 0..100 */
  probability: number;
  planned_days: number | null;
  /** open | won | lost */
  kind: string;
  /** set when the stage was deleted (kept for the stage history of deals) */
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface LostReasonTable {
  id: string;
  name: string;
  sort: number;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface DealTable {
  id: string;
  title: string;
  company_id: string | null;
  pipeline_id: string;
  stage_id: string;
  owner_id: string | null;
  /** new | cross_sell | repeat */
  type: string;
  source_channel: string | null;
  source_campaign: string | null;
  /** minor units of `currency` */
  amount: number;
  /** auto (sum of the lines) | manual */
  amount_mode: string;
  currency: string;
  /** YYYY-MM-DD */
  expected_close_date: string | null;
  /** percent set on the deal; null = the stage's */
  probability: number | null;
  lost_reason_id: string | null;
  lost_comment: string | null;
  /** when the deal was won or lost */
  closed_at: string | null;
  stage_entered_at: string;
  /** JSON { field: version at which it last changed } (for version-conflict answers) */
  field_versions: string;
  /** the record's id in the system it was imported from (unique when set; optional so row types that predate it need not carry it) */
  external_id?: string | null;
  search_text: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Board column totals kept up to date with every deal write. */
export interface DealStageTotalTable {
  stage_id: string;
  /** owner id, '' for none */
  owner_key: string;
  currency: string;
  count: number;
  amount_sum: number;
  /** amounts of the deals that follow the stage's probability */
  auto_amount_sum: number;
  /** sum of amount x probability (percent) of the deals with their own probability */
  manual_weighted_sum: number;
}

export interface DealContactTable {
  deal_id: string;
  contact_id: string;
  sort: number;
}

/** A priced line: scaled integers as in the catalog. */
export interface LineColumns {
  id: string;
  sort: number;
  product_id: string | null;
  name: string;
  /** thousandths (1500 = 1.5) */
  quantity: number;
  /** minor units */
  unit_price: number;
  /** basis points (1250 = 12.5 %) */
  discount_percent: number | null;
  /** minor units */
  discount_amount: number | null;
  /** basis points (2200 = 22 %); null = not subject to VAT */
  vat_rate: number | null;
  vat_included: number;
  net: number;
  vat: number;
  gross: number;
  is_bundle: number;
  /** JSON [{ productId, name, quantity }] of a bundle at the time it was added */
  components: string | null;
}

export interface DealLineTable extends LineColumns {
  deal_id: string;
}

export interface DealStageHistoryTable {
  id: string;
  deal_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  at: string;
  user_id: string | null;
  seconds_in_from_stage: number | null;
}

/** Funnel facts: a deal's first entry into each stage it passed (kept with every stage change). */
export interface DealFunnelEntryTable {
  deal_id: string;
  stage_id: string;
  pipeline_id: string;
  /** the deal's current owner */
  owner_id: string | null;
  entered_at: string;
  /** 1: an earlier open stage the deal skipped (passed without sitting there) */
  implied: number;
  /** lost stages: the open stage the deal was lost at */
  from_stage_id: string | null;
  /** seconds spent in the stage over the stays that ended; null while never left */
  seconds: number | null;
  /** lost stages: the deal's current lost reason (kept with every change of it); optional for rows written before it existed */
  lost_reason_id?: string | null;
}

/** Funnel facts added up per pipeline, day entered (UTC), owner ('' none) and stage. */
export interface DealFunnelDayTable {
  pipeline_id: string;
  day: string;
  owner_key: string;
  stage_id: string;
  entered: number;
  /** entries not skipped that were left at least once */
  stays: number;
  /** their seconds in the stage */
  seconds: number;
}

export interface DealDocumentTable {
  id: string;
  deal_id: string;
  /** proposal | order */
  kind: string;
  year: number;
  seq: number;
  number: string;
  /** draft | sent | accepted | rejected */
  status: string;
  date: string;
  valid_until: string | null;
  note: string | null;
  currency: string;
  net: number;
  vat: number;
  gross: number;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DealDocumentLineTable extends LineColumns {
  document_id: string;
}

/** Last number given per document kind and year. */
export interface DocumentCounterTable {
  kind: string;
  year: number;
  last: number;
}
