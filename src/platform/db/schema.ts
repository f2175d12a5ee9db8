import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Conventions shared by both engines:
 * ids are UUIDv7 text, times are ISO-8601 UTC text, booleans are 0/1 integers,
 * JSON documents are text, money is integer minor units.
 */

export interface DepartmentTable {
  id: string;
  name: string;
  parent_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleTable {
  id: string;
  key: string;
  name: string;
  /** JSON: Record<resource, Record<action, 'none' | 'own' | 'department' | 'all'>> */
  permissions: string;
  is_system: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role_id: string;
  department_id: string | null;
  locale: string;
  theme: string;
  accent_color: string;
  time_zone: string;
  is_active: number;
  created_at: string;
  updated_at: string;
  /** folded name + e-mail for search */
  search_text: string;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptTable {
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface AuditTable {
  id: string;
  at: string;
  user_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  request_id: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface CustomFieldTable {
  id: string;
  entity: string;
  key: string;
  label: string;
  type: string;
  /** JSON array of option strings for select / multiselect */
  options: string;
  required: number;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface CompanyTable {
  id: string;
  name: string;
  name_normalized: string;
  legal_form: string | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  okpo: string | null;
  okved_main: string | null;
  /** JSON array of codes */
  okved_extra: string;
  eik: string | null;
  vat_number: string | null;
  industry: string | null;
  activity_type: string | null;
  status: string;
  status_changed_at: string;
  director_name: string | null;
  director_position: string | null;
  website: string | null;
  source: string | null;
  owner_id: string | null;
  /** JSON array of { kind, country, city, postalCode, line } */
  addresses: string;
  city: string | null;
  notes: string | null;
  /** JSON object of custom field values by key */
  custom: string;
  /** the record's id in the system it was imported from (unique when set; optional so row types that predate it need not carry it) */
  external_id?: string | null;
  search_text: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactTable {
  id: string;
  first_name: string;
  last_name: string | null;
  middle_name: string | null;
  full_name: string;
  position: string | null;
  birthday: string | null;
  notes: string | null;
  owner_id: string | null;
  custom: string;
  /** the record's id in the system it was imported from (unique when set; optional so row types that predate it need not carry it) */
  external_id?: string | null;
  search_text: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CompanyContactTable {
  company_id: string;
  contact_id: string;
  position: string | null;
  is_primary: number;
}

export interface PhoneTable {
  id: string;
  entity: string;
  entity_id: string;
  kind: string;
  raw: string;
  e164: string | null;
  ext: string | null;
  sort: number;
}

export interface EmailTable {
  id: string;
  entity: string;
  entity_id: string;
  kind: string;
  email: string;
  sort: number;
}

export interface TagTable {
  entity: string;
  entity_id: string;
  tag: string;
}

export interface AttachmentTable {
  id: string;
  entity: string;
  entity_id: string;
  file_name: string;
  mime: string;
  size: number;
  storage_key: string;
  created_by: string | null;
  created_at: string;
}

export interface SavedViewTable {
  id: string;
  user_id: string;
  entity: string;
  name: string;
  /** JSON of the list query (filters, sort) */
  query: string;
  is_shared: number;
  created_at: string;
}

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

export interface ActivityTable {
  id: string;
  /** call | meeting | email | letter | proposal | mailing | claim | note */
  type: string;
  /** calls: in | out */
  direction: string | null;
  /** open | done */
  status: string;
  company_id: string | null;
  deal_id: string | null;
  owner_id: string;
  /** YYYY-MM-DD in the owner's time zone (for logged activities: the day it happened) */
  planned_date: string;
  /** HH:MM in the owner's time zone: an exact time is a promise */
  planned_time: string | null;
  /** UTC ISO moment of planned_date + planned_time; null without a time */
  planned_at: string | null;
  /** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM': sort key of the plan (a day's untimed items first) */
  planned_key: string;
  done_at: string | null;
  result: string | null;
  /** answered | no_answer | busy | failed | voicemail | wrong_number */
  call_result: string | null;
  duration_sec: number | null;
  /** claims: open | resolved */
  claim_status: string | null;
  subject: string | null;
  notes: string | null;
  /** completed with an explicit "no next step" */
  next_step_declined: number;
  next_step_reason: string | null;
  /** the activity whose completion planned this one */
  previous_id: string | null;
  /** where the activity sits on timelines: done_at, else created_at */
  timeline_at: string;
  search_text: string;
  /** JSON { field: version that last changed it } (default '{}') */
  field_versions: Generated<string>;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityContactTable {
  activity_id: string;
  contact_id: string;
  sort: number;
}

export interface TaskTable {
  id: string;
  title: string;
  description: string | null;
  assignee_id: string;
  /** the delegator */
  created_by: string | null;
  due_date: string | null;
  due_time: string | null;
  /** UTC ISO moment of due_date + due_time in the assignee's time zone */
  due_at: string | null;
  /** 'YYYY-MM-DD[ HH:MM]', '9999-12-31' without a due date */
  due_key: string;
  /** low | normal | high */
  priority: string;
  /** 0 low, 1 normal, 2 high */
  priority_rank: number;
  /** open | done */
  status: string;
  done_at: string | null;
  /** JSON [{ id, text, done }] */
  checklist: string;
  company_id: string | null;
  contact_id: string | null;
  deal_id: string | null;
  /** JSON { field: version that last changed it } (default '{}') */
  field_versions: Generated<string>;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Reminder jobs: claimed by one app node with an atomic UPDATE, fired once. */
export interface ReminderTable {
  id: string;
  user_id: string;
  /** activity | task */
  entity: string;
  entity_id: string;
  fire_at: string;
  /** in_app | email */
  channel: string;
  /** what the notification and the e-mail say */
  title: string;
  body: string | null;
  /** SPA path, e.g. /activities/{id} */
  link: string | null;
  fired_at: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  attempts: number;
  last_error: string | null;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  /** reminder.activity | reminder.task | task.assigned ... */
  kind: string;
  title: string;
  body: string | null;
  /** SPA path, e.g. /activities/{id} */
  link: string | null;
  entity: string | null;
  entity_id: string | null;
  read_at: string | null;
  created_at: string;
}

/** Working calendar of a user (the time zone is users.time_zone). */
export interface UserWorkSettingsTable {
  user_id: string;
  /** JSON array of ISO weekdays, 1 = Monday ... 7 = Sunday */
  work_days: string;
  /** HH:MM */
  work_start: string;
  work_end: string;
  /** contacts per day the schedule plans */
  daily_capacity: number;
  /** minutes before a promise or a timed task the reminder fires */
  reminder_minutes: number;
  /** also send reminders by e-mail */
  email_reminders: number;
  /** holidays of this country apply (null: the instance's default country) */
  holiday_country: string | null;
  updated_at: string;
}

export interface HolidayTable {
  id: string;
  /** RU | BG ... */
  country: string;
  /** YYYY-MM-DD */
  date: string;
  name: string;
  /** 1: a working day moved to a weekend (RU transfers), 0: a day off */
  is_workday: number;
  created_at: string;
}

/** Private iCal feed tokens (SHA-256 hashes). */
export interface CalendarFeedTable {
  user_id: string;
  token_hash: string;
  created_at: string;
}

export interface ImportUploadTable {
  id: string;
  file_name: string;
  /** <dataDir>/imports/<storage_key> */
  storage_key: string;
  size: number;
  /** csv | xlsx */
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  /** JSON array of column headers */
  headers: string;
  /** JSON array of the first rows */
  preview: string;
  created_by: string | null;
  created_at: string;
}

/** An import job: batches commit together with `checkpoint` (the last data row done). */
export interface ImportTable {
  id: string;
  upload_id: string;
  entity: string;
  file_name: string;
  /** JSON [{ column, field }] */
  mapping: string;
  key: string | null;
  mode: string;
  dry_run: number;
  /** queued | running | done | failed | cancelled | undoing | undone */
  status: string;
  rows_total: number | null;
  rows_done: number;
  rows_errors: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  /** undo: records deleted or restored, and records kept (changed since, or in use) */
  reverted_count: number;
  kept_count: number;
  checkpoint: number;
  failure: string | null;
  cancel_requested: number;
  /** the app node running it */
  node_id: string | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** A record an import created or updated (undo deletes or restores it). */
export interface ImportRowTable {
  import_id: string;
  entity: string;
  entity_id: string;
  /** created | updated */
  action: string;
  row: number;
  /** JSON of the record before the update */
  before: string | null;
  after_version: number;
}

export interface ImportErrorTable {
  import_id: string;
  row: number;
  seq: number;
  column: string | null;
  field: string | null;
  code: string;
  message: string;
}

export interface ImportTemplateTable {
  id: string;
  name: string;
  entity: string;
  /** JSON [{ column, field }] */
  mapping: string;
  key: string | null;
  mode: string;
  created_by: string | null;
  created_at: string;
}

/** A sales plan of a user, a department or the whole company for a period. */
export interface SalesPlanTable {
  id: string;
  /** user | department | company */
  target_kind: string;
  /** the user's or department's id; '' for the company */
  target_id: string;
  /** period key: '2026-11', '2026-Q4', '2026-H2', '2026' */
  period: string;
  /** month | quarter | half | year */
  period_kind: string;
  /** minor units of the base currency; null = not planned */
  revenue: number | null;
  deals: number | null;
  calls: number | null;
  meetings: number | null;
  proposals: number | null;
  note: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A KPI defined by an administrator as a formula over the built-in measures. */
export interface KpiFormulaTable {
  id: string;
  key: string;
  name: string;
  formula: string;
  /** number | percent | money | days */
  unit: string;
  sort: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A saved report of the report constructor: its definition (JSON), private or shared with everyone. */
export interface ReportTable {
  id: string;
  owner_id: string;
  name: string;
  /** JSON of the report definition (src/modules/reports/reports.schema.ts) */
  definition: string;
  is_shared: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A user's dashboard. */
export interface DashboardTable {
  id: string;
  user_id: string;
  name: string;
  sort: number;
  created_at: string;
  updated_at: string;
}

/** A saved report placed on a dashboard. */
export interface DashboardWidgetTable {
  id: string;
  dashboard_id: string;
  report_id: string;
  /** chart | table */
  display: string;
  /** sm | md | lg */
  size: string;
  position: number;
  created_at: string;
}

/** Users whose ready-made dashboards were created (manager | head | owner). */
export interface DashboardDefaultTable {
  user_id: string;
  kind: string;
  created_at: string;
}

/** Stored classes of a client (src/modules/segments), refreshed by its job. */
export interface CompanySegmentTable {
  company_id: string;
  /** A | B | C; null = no sales in the ABC window */
  abc: string | null;
  /** X | Y | Z; null = no sales in the XYZ window or too young (is_new) */
  xyz: string | null;
  is_new: number;
  /** the ABC metric (revenue or margin) in minor units of the base currency */
  metric_value: number;
  /** cumulative share of the objects before this one, basis points */
  share_before_bp: number | null;
  /** coefficient of variation of the monthly sales, basis points (1000 = 10 %) */
  cv_bp: number | null;
  rfm_r: number | null;
  rfm_f: number | null;
  rfm_m: number | null;
  recency_days: number | null;
  frequency: number;
  monetary: number;
  computed_at: string;
}

/** Stored classes of a product (src/modules/segments). */
export interface ProductSegmentTable {
  product_id: string;
  abc: string | null;
  xyz: string | null;
  is_new: number;
  metric_value: number;
  share_before_bp: number | null;
  cv_bp: number | null;
  /** star | cash_cow | question | dog; null = no sales in either BCG window */
  bcg: string | null;
  revenue: number;
  revenue_prev: number;
  growth_bp: number | null;
  rel_share_bp: number | null;
  computed_at: string;
}

/** Lease and last run of a segmentation job (one row per job name). */
export interface SegmentJobTable {
  name: string;
  locked_by: string | null;
  locked_until: string | null;
  requested_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  /** ok | failed */
  status: string | null;
  /** schedule | manual */
  trigger: string | null;
  as_of: string | null;
  error: string | null;
  companies: number;
  products: number;
  /** JSON array of currencies left out for want of an exchange rate */
  unconverted: string | null;
}

/** The task made for a churn episode (a company and its last purchase). */
export interface ChurnTaskTable {
  company_id: string;
  last_purchase_at: string;
  task_id: string | null;
  created_by: string | null;
  created_at: string;
}

/** Advertising cost of a source channel / campaign ('' = the whole channel) in a month (src/modules/sources). */
export interface AdCostTable {
  id: string;
  channel: string;
  campaign: string;
  /** YYYY-MM */
  month: string;
  /** minor units of currency */
  amount: number;
  currency: string;
  note: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DB {
  departments: DepartmentTable;
  roles: RoleTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditTable;
  settings: SettingTable;
  custom_fields: CustomFieldTable;
  companies: CompanyTable;
  contacts: ContactTable;
  company_contacts: CompanyContactTable;
  phones: PhoneTable;
  emails: EmailTable;
  tags: TagTable;
  attachments: AttachmentTable;
  saved_views: SavedViewTable;
  product_groups: ProductGroupTable;
  units: UnitTable;
  price_types: PriceTypeTable;
  products: ProductTable;
  product_prices: ProductPriceTable;
  bundle_components: BundleComponentTable;
  exchange_rates: ExchangeRateTable;
  pipelines: PipelineTable;
  stages: StageTable;
  lost_reasons: LostReasonTable;
  deals: DealTable;
  deal_stage_totals: DealStageTotalTable;
  deal_contacts: DealContactTable;
  deal_lines: DealLineTable;
  deal_stage_history: DealStageHistoryTable;
  deal_funnel_entries: DealFunnelEntryTable;
  deal_funnel_days: DealFunnelDayTable;
  deal_documents: DealDocumentTable;
  deal_document_lines: DealDocumentLineTable;
  document_counters: DocumentCounterTable;
  activities: ActivityTable;
  activity_contacts: ActivityContactTable;
  tasks: TaskTable;
  reminders: ReminderTable;
  notifications: NotificationTable;
  user_work_settings: UserWorkSettingsTable;
  holidays: HolidayTable;
  calendar_feeds: CalendarFeedTable;
  import_uploads: ImportUploadTable;
  imports: ImportTable;
  import_rows: ImportRowTable;
  import_errors: ImportErrorTable;
  import_templates: ImportTemplateTable;
  sales_plans: SalesPlanTable;
  kpi_formulas: KpiFormulaTable;
  reports: ReportTable;
  dashboards: DashboardTable;
  dashboard_widgets: DashboardWidgetTable;
  dashboard_defaults: DashboardDefaultTable;
  company_segments: CompanySegmentTable;
  product_segments: ProductSegmentTable;
  segment_jobs: SegmentJobTable;
  churn_tasks: ChurnTaskTable;
  ad_costs: AdCostTable;
  kysely_migration: { name: string; timestamp: Generated<string> };
}
