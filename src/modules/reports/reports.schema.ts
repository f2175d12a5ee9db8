import { z } from 'zod';
import { periodKey } from '../../shared/periods.js';
import { exportFormats } from '../../shared/export-query.js';

/**
 * Contracts of the report constructor, shared by the server and the UI. A report is a definition: an entity,
 * up to three dimensions, measures and filters, each from the whitelist of its entity below (the server builds
 * the SQL from these names only; nothing the client sends becomes SQL text).
 */

export const reportEntities = ['deals', 'activities', 'companies', 'deal_lines'] as const;
export type ReportEntity = (typeof reportEntities)[number];

export const periodUnits = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodUnit = (typeof periodUnits)[number];

/** Dimensions that are not periods. A period dimension is written `period` with `unit` and `field`. */
export const plainDimensions = [
  'manager',
  'department',
  'pipeline',
  'stage',
  'status',
  'deal_type',
  'source_channel',
  'source_campaign',
  'currency',
  'company_status',
  'activity_type',
  'product',
  'product_group',
] as const;
export type PlainDimension = (typeof plainDimensions)[number];

export const measures = ['count', 'sum', 'avg', 'conversion'] as const;
export type Measure = (typeof measures)[number];

export const chartKinds = ['bar', 'line', 'pie'] as const;
export type ChartKind = (typeof chartKinds)[number];

export const periodPresets = ['this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_year', 'last_12_months', 'last_30_days'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** What each entity offers. `status` means the deal's stage kind, the activity's status or the company's status. */
export const entityCatalog: Record<ReportEntity, {
  dimensions: readonly PlainDimension[];
  dateFields: readonly string[];
  measures: readonly Measure[];
  filters: readonly string[];
  statuses: readonly string[];
}> = {
  deals: {
    dimensions: ['manager', 'department', 'pipeline', 'stage', 'status', 'deal_type', 'source_channel', 'source_campaign', 'currency', 'company_status'],
    dateFields: ['created_at', 'closed_at', 'expected_close_date'],
    measures: ['count', 'sum', 'avg', 'conversion'],
    filters: ['ownerId', 'departmentId', 'pipelineId', 'stageId', 'status', 'dealType', 'sourceChannel', 'companyStatus'],
    statuses: ['open', 'won', 'lost'],
  },
  deal_lines: {
    dimensions: ['manager', 'department', 'pipeline', 'stage', 'status', 'source_channel', 'currency', 'product', 'product_group'],
    dateFields: ['created_at', 'closed_at'],
    measures: ['count', 'sum', 'avg', 'conversion'],
    filters: ['ownerId', 'departmentId', 'pipelineId', 'stageId', 'status', 'sourceChannel', 'productId', 'productGroupId'],
    statuses: ['open', 'won', 'lost'],
  },
  activities: {
    dimensions: ['manager', 'department', 'activity_type', 'status', 'company_status'],
    dateFields: ['planned_date', 'done_at', 'created_at'],
    measures: ['count', 'conversion'],
    filters: ['ownerId', 'departmentId', 'status', 'activityType', 'companyStatus'],
    statuses: ['open', 'done'],
  },
  companies: {
    dimensions: ['manager', 'department', 'company_status', 'source_channel'],
    dateFields: ['created_at', 'status_changed_at'],
    measures: ['count', 'conversion'],
    filters: ['ownerId', 'departmentId', 'companyStatus', 'sourceChannel'],
    statuses: ['potential', 'current', 'lost'],
  },
};

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const id = z.uuid({ message: 'must be a valid id' });
const text = z.string().trim().min(1).max(200);

export const dimensionSchema = z.union([
  z.strictObject({ key: z.literal('period'), unit: z.enum(periodUnits), field: z.string() }),
  z.strictObject({ key: z.string() }),
]);
export type Dimension = { key: PlainDimension } | { key: 'period'; unit: PeriodUnit; field: string };

export const periodFilter = z
  .strictObject({
    field: z.string(),
    preset: z.enum(periodPresets).optional(),
    /** a period key: '2026-11', '2026-Q4', '2026-H2', '2026' */
    key: periodKey.optional(),
    /** first and last day, both included */
    from: day.optional(),
    to: day.optional(),
  })
  .refine((p) => [p.preset, p.key, p.from ?? p.to].filter((x) => x !== undefined).length === 1, {
    message: 'give one of preset, key or from/to',
  });

export const reportFilters = z.strictObject({
  period: periodFilter.optional(),
  ownerId: id.optional(),
  departmentId: id.optional(),
  pipelineId: id.optional(),
  stageId: id.optional(),
  status: z.string().optional(),
  dealType: z.enum(['new', 'cross_sell', 'repeat']).optional(),
  sourceChannel: text.optional(),
  companyStatus: z.enum(['potential', 'current', 'lost']).optional(),
  activityType: z.enum(['call', 'meeting', 'email', 'letter', 'proposal', 'mailing', 'claim', 'note']).optional(),
  productId: id.optional(),
  productGroupId: id.optional(),
});
export type ReportFilters = z.infer<typeof reportFilters>;

/** The definition as sent; the server then checks each name against the entity's whitelist (422 naming the field). */
export const reportDefinition = z.strictObject({
  entity: z.enum(reportEntities),
  dimensions: z.array(dimensionSchema).max(3).default([]),
  measures: z.array(z.string()).min(1).max(4),
  filters: reportFilters.default({}),
  chart: z.enum(chartKinds).default('bar'),
});
export type ReportDefinitionInput = z.input<typeof reportDefinition>;
export interface ReportDefinition {
  entity: ReportEntity;
  dimensions: Dimension[];
  measures: Measure[];
  filters: ReportFilters;
  chart: ChartKind;
}

export const dimensionValue = z.object({ key: z.string(), label: z.string() });
export type DimensionValue = z.infer<typeof dimensionValue>;

/**
 * Values of the requested measures: count, sum and avg in minor units of the result's currency (money is in the
 * base currency by today's rates, unless a dimension is the currency: then each group keeps its own and totals
 * over several currencies carry no sum), conversion in percent with one decimal.
 */
export const measureValues = z.object({
  count: z.number().optional(),
  sum: z.number().optional(),
  avg: z.number().nullable().optional(),
  conversion: z.number().nullable().optional(),
});
export type MeasureValues = z.infer<typeof measureValues>;

export const reportResult = z.object({
  definition: z.unknown(),
  /** currency of sum/avg; null when a dimension is the currency or no money measure was asked */
  currency: z.string().nullable(),
  /** currencies left out of the sums for want of an exchange rate */
  unconverted: z.array(z.string()),
  /** first and last day of the period filter, if any */
  range: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** every dimension's values, in display order */
  axes: z.array(z.array(dimensionValue)),
  /** one row per combination of dimension values that has data */
  rows: z.array(z.object({ keys: z.array(z.string()), values: measureValues })),
  /** the pivot: rows = the first dimension(s), columns = the last one when there are two or more */
  pivot: z.object({
    rows: z.array(z.object({ keys: z.array(z.string()), labels: z.array(z.string()), cells: z.array(measureValues.nullable()), total: measureValues })),
    columns: z.array(dimensionValue),
    columnTotals: z.array(measureValues),
    total: measureValues,
  }),
});
export type ReportResult = z.infer<typeof reportResult>;

// Saved reports

export const reportSchema = z.object({
  id: z.string(),
  name: z.string(),
  definition: z.unknown(),
  isShared: z.boolean(),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  isMine: z.boolean(),
  canEdit: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedReport = Omit<z.infer<typeof reportSchema>, 'definition'> & { definition: ReportDefinition };

export const reportInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  definition: reportDefinition,
  isShared: z.boolean().default(false),
});
export const reportUpdate = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  definition: reportDefinition.optional(),
  isShared: z.boolean().optional(),
});

export const reportListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});
export const reportPage = z.object({ items: z.array(reportSchema), nextCursor: z.string().nullable() });

export const exportOptions = {
  format: z.enum(exportFormats).default('xlsx'),
  delimiter: z.enum([';', ',']).default(';'),
};
export const reportExportQuery = z.object(exportOptions);
export const reportExportRequest = z.strictObject({ definition: reportDefinition, name: z.string().trim().max(200).optional(), ...exportOptions });
