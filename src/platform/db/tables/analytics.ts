/** Analytics: plans, KPIs, reports, dashboards, segments, advertising costs. Conventions: see ../schema.ts. */

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
