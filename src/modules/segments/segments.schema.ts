import { z } from 'zod';

export const abcClasses = ['A', 'B', 'C'] as const;
export const xyzClasses = ['X', 'Y', 'Z'] as const;
export const bcgQuadrants = ['star', 'cash_cow', 'question', 'dog'] as const;
export const segmentMetrics = ['revenue', 'margin'] as const;

const months = z.number().int().min(1, 'must be at least 1').max(36, 'must be at most 36');
const percent = z.number().gt(0, 'must be above 0').lt(100, 'must be below 100');

const settingsShape = {
  /** what ABC ranks by: deal revenue, or margin (line net minus the product's cost where known) */
  metric: z.enum(segmentMetrics),
  /** cumulative share (%) up to which objects are A, and B */
  abcA: percent,
  abcB: percent,
  abcMonths: months,
  /** coefficient of variation (%) below which an object is X, and Y */
  xyzX: z.number().gt(0, 'must be above 0').max(1000, 'must be at most 1000'),
  xyzY: z.number().gt(0, 'must be above 0').max(1000, 'must be at most 1000'),
  xyzMonths: z.number().int().min(3, 'must be at least 3').max(36, 'must be at most 36'),
  rfmMonths: months,
  rfmBuckets: z.union([z.literal(3), z.literal(5)]),
  bcgMonths: months,
  /** relative share from which a product has a high share (1 = as much as the largest rival) */
  bcgShare: z.number().gt(0, 'must be above 0').max(100, 'must be at most 100'),
  /** growth (%) from which a product has high growth; null = the company's average growth */
  bcgGrowth: z.number().min(-100, 'must be at least -100').max(10000, 'must be at most 10000').nullable(),
  /** a client churns after this many usual intervals without a purchase */
  churnFactor: z.number().min(1, 'must be at least 1').max(20, 'must be at most 20'),
  /** the job recomputes the classes this often */
  refreshHours: z.number().int().min(1, 'must be at least 1').max(24 * 31, 'must be at most 744'),
};

const ordered = (s: { abcA: number; abcB: number; xyzX: number; xyzY: number }, ctx: z.RefinementCtx) => {
  if (s.abcB <= s.abcA) ctx.addIssue({ code: 'custom', path: ['abcB'], message: 'must be above abcA', params: { code: 'segments.thresholds_order' } });
  if (s.xyzY <= s.xyzX) ctx.addIssue({ code: 'custom', path: ['xyzY'], message: 'must be above xyzX', params: { code: 'segments.thresholds_order' } });
};

export const segmentSettingsSchema = z.object(settingsShape);
export type SegmentSettings = z.infer<typeof segmentSettingsSchema>;
/** Stored settings are checked with the same rules as the API's. */
export const segmentSettingsStored = z.object(settingsShape).superRefine(ordered);
export const segmentSettingsUpdate = z.strictObject(settingsShape).partial();

export const defaultSegmentSettings: SegmentSettings = {
  metric: 'revenue',
  abcA: 80,
  abcB: 95,
  abcMonths: 12,
  xyzX: 10,
  xyzY: 25,
  xyzMonths: 12,
  rfmMonths: 12,
  rfmBuckets: 5,
  bcgMonths: 12,
  bcgShare: 1,
  bcgGrowth: null,
  churnFactor: 2,
  refreshHours: 24,
};

export const jobStatusSchema = z.object({
  status: z.enum(['ok', 'failed']).nullable(),
  running: z.boolean(),
  trigger: z.enum(['schedule', 'manual']).nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** the analysis date: classes are as of the start of this day's month (the windows are whole months before it) */
  asOf: z.string().nullable(),
  error: z.string().nullable(),
  companies: z.number(),
  products: z.number(),
  /** currencies left out for want of an exchange rate */
  unconverted: z.array(z.string()),
  nextRunAt: z.string().nullable(),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const recalculateInput = z.strictObject({
  /** analysis date YYYY-MM-DD (default today) */
  asOf: z.iso.date().optional(),
});

export const companyClassesQuery = z.object({
  abc: z.enum(abcClasses).optional(),
  xyz: z.enum(xyzClasses).optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type CompanyClassesQuery = z.infer<typeof companyClassesQuery>;

export const companyClassSchema = z.object({
  companyId: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  abc: z.enum(abcClasses).nullable(),
  xyz: z.enum(xyzClasses).nullable(),
  isNew: z.boolean(),
  /** ABC metric in minor units of the base currency */
  metricValue: z.number(),
  /** coefficient of variation, % */
  cv: z.number().nullable(),
  rfm: z.string().nullable(),
  recencyDays: z.number().nullable(),
  frequency: z.number(),
  monetary: z.number(),
});
export type CompanyClass = z.infer<typeof companyClassSchema>;
export const companyClassPage = z.object({ items: z.array(companyClassSchema), nextCursor: z.string().nullable(), currency: z.string() });

export const matrixSchema = z.object({
  /** counts by ABC class then XYZ class; '-' = no XYZ class (new or not enough data) */
  cells: z.array(z.object({ abc: z.enum(abcClasses), xyz: z.enum([...xyzClasses, '-']), count: z.number(), value: z.number() })),
  rfm: z.array(z.object({ code: z.string(), count: z.number() })),
  currency: z.string(),
  job: jobStatusSchema,
});
export type SegmentMatrix = z.infer<typeof matrixSchema>;

export const productClassesQuery = z.object({
  abc: z.enum(abcClasses).optional(),
  xyz: z.enum(xyzClasses).optional(),
  bcg: z.enum(bcgQuadrants).optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
  cursor: z.string().max(2000).optional(),
});
export type ProductClassesQuery = z.infer<typeof productClassesQuery>;

export const productClassSchema = z.object({
  productId: z.string(),
  name: z.string(),
  groupName: z.string().nullable(),
  abc: z.enum(abcClasses).nullable(),
  xyz: z.enum(xyzClasses).nullable(),
  isNew: z.boolean(),
  /** money is null for users who may not read all deals */
  metricValue: z.number().nullable(),
  cv: z.number().nullable(),
  bcg: z.enum(bcgQuadrants).nullable(),
  revenue: z.number().nullable(),
  revenuePrev: z.number().nullable(),
  /** % */
  growth: z.number().nullable(),
  relativeShare: z.number().nullable(),
});
export type ProductClass = z.infer<typeof productClassSchema>;
export const productClassPage = z.object({ items: z.array(productClassSchema), nextCursor: z.string().nullable(), currency: z.string() });

export const churnQuery = z.object({
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
  cursor: z.string().max(2000).optional(),
});
export const churnItemSchema = z.object({
  companyId: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  purchases: z.number(),
  lastPurchase: z.string(),
  usualIntervalDays: z.number(),
  daysSinceLast: z.number(),
  daysOverdue: z.number(),
  /** the task made for this churn episode, if any */
  taskId: z.string().nullable(),
});
export type ChurnItem = z.infer<typeof churnItemSchema>;
export const churnPage = z.object({ items: z.array(churnItemSchema), nextCursor: z.string().nullable(), factor: z.number() });
export const churnTaskResult = z.object({ taskId: z.string().nullable(), created: z.boolean() });
