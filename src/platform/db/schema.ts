/**
 * Table types for Kysely. Conventions shared by both engines:
 * ids are UUIDv7 text, times are ISO-8601 UTC text, booleans are 0/1 integers,
 * JSON documents are text, money is integer minor units.
 * The tables are described by area in ./tables/; DB lists them all.
 */
import type { Generated } from 'kysely';
import type {
  DepartmentTable,
  RoleTable,
  UserTable,
  SessionTable,
  ApiTokenTable,
  LoginAttemptTable,
  AuditTable,
  SettingTable,
  CustomFieldTable,
  CompanyTable,
  ContactTable,
  CompanyContactTable,
  PhoneTable,
  EmailTable,
  TagTable,
  AttachmentTable,
  SavedViewTable,
} from './tables/directory.js';
import type {
  ProductGroupTable,
  UnitTable,
  PriceTypeTable,
  ProductTable,
  ProductPriceTable,
  BundleComponentTable,
  ExchangeRateTable,
} from './tables/catalog.js';
import type {
  PipelineTable,
  StageTable,
  LostReasonTable,
  DealTable,
  DealStageTotalTable,
  DealContactTable,
  DealLineTable,
  DealStageHistoryTable,
  DealFunnelEntryTable,
  DealFunnelDayTable,
  DealDocumentTable,
  DealDocumentLineTable,
  DocumentCounterTable,
} from './tables/sales.js';
import type {
  ActivityDayCountTable,
  ActivityDoneCountTable,
  ActivityTable,
  ActivityContactTable,
  TaskTable,
  ReminderTable,
  NotificationTable,
  UserWorkSettingsTable,
  HolidayTable,
  CalendarFeedTable,
} from './tables/work.js';
import type {
  ImportUploadTable,
  ImportTable,
  ImportRowTable,
  ImportErrorTable,
  ImportTemplateTable,
} from './tables/imports.js';
import type {
  SalesPlanTable,
  KpiFormulaTable,
  ReportTable,
  DashboardTable,
  DashboardWidgetTable,
  DashboardDefaultTable,
  CompanySegmentTable,
  ProductSegmentTable,
  SegmentJobTable,
  ChurnTaskTable,
  AdCostTable,
} from './tables/analytics.js';

export * from './tables/directory.js';
export * from './tables/catalog.js';
export * from './tables/sales.js';
export * from './tables/work.js';
export * from './tables/imports.js';
export * from './tables/analytics.js';

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
  activity_day_counts: ActivityDayCountTable;
  activity_done_counts: ActivityDoneCountTable;
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
