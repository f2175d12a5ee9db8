import { z } from 'zod';
import { periodKey } from '../../shared/periods.js';

/** Contracts of the funnel reports (imported by the UI too). Days are UTC calendar days. */

const id = () => z.uuid({ message: 'must be a valid id' });
const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** The period: a key ('2026-Q4') or a custom range of days, `to` exclusive. */
const periodShape = {
  period: periodKey.optional(),
  from: day().optional(),
  to: day().optional(),
};

/** Which deals: one manager, a department with its sub-departments, a client, a product or a product group. */
const dealFilterShape = {
  ownerId: id().optional(),
  departmentId: id().optional(),
  companyId: id().optional(),
  productId: id().optional(),
  productGroupId: id().optional(),
};

export const funnelGroupings = ['owner', 'department', 'none'] as const;
export type FunnelGrouping = (typeof funnelGroupings)[number];

export const funnelQuery = z.strictObject({
  ...periodShape,
  ...dealFilterShape,
  pipelineId: id(),
  groupBy: z.enum(funnelGroupings).default('owner'),
});
export type FunnelQuery = z.infer<typeof funnelQuery>;

const reasonCount = z.object({ reasonId: z.string().nullable(), name: z.string().nullable(), count: z.number().int() });

export const funnelStageNumbers = z.object({
  stageId: z.string(),
  /** deals that entered (or passed) the stage in the period; for won/lost stages: won/lost in the period */
  entered: z.number().int(),
  /** open stages: deals lost at this stage in the period */
  lost: z.number().int(),
  lostReasons: z.array(reasonCount),
  /** open stages: entered the next open stage (the last open one: won) / entered this one */
  conversion: z.number().nullable(),
  /** average seconds in the stage of the deals counted here that left it at least once (skipped ones aside) */
  avgSeconds: z.number().nullable(),
});

export const funnelNumbers = z.object({
  stages: z.array(funnelStageNumbers),
  /** deals entering the first open stage */
  entered: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  /** won / entered; null without entries */
  conversion: z.number().nullable(),
});
export type FunnelNumbers = z.infer<typeof funnelNumbers>;

export const funnelStage = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['open', 'won', 'lost']),
  plannedDays: z.number().int().nullable(),
});

export const funnelReport = z.object({
  pipeline: z.object({ id: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  stages: z.array(funnelStage),
  total: funnelNumbers,
  groups: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), numbers: funnelNumbers })),
});
export type FunnelReport = z.infer<typeof funnelReport>;

export const drillMeasures = ['entered', 'lost'] as const;

export const funnelDealsQuery = z.strictObject({
  ...periodShape,
  ...dealFilterShape,
  pipelineId: id(),
  stageId: id(),
  /** entered: deals counted in `entered` of the stage; lost: deals lost at the stage */
  measure: z.enum(drillMeasures).default('entered'),
  /** lost only: one reason ('none': without a reason) */
  lostReasonId: z.union([id(), z.literal('none')]).optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type FunnelDealsQuery = z.infer<typeof funnelDealsQuery>;

export const funnelDeal = z.object({
  id: z.string(),
  title: z.string(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  amount: z.number().int(),
  currency: z.string(),
  stageId: z.string(),
  stageName: z.string(),
  status: z.enum(['open', 'won', 'lost']),
  /** when the deal entered the drilled stage (or was lost) */
  enteredAt: z.string(),
});
export const funnelDealPage = z.object({ items: z.array(funnelDeal), nextCursor: z.string().nullable() });
export type FunnelDeal = z.infer<typeof funnelDeal>;

export const activityFunnelQuery = z.strictObject({
  ...periodShape,
  ownerId: id().optional(),
  departmentId: id().optional(),
});

const activityNumbers = z.object({
  calls: z.number().int(),
  meetings: z.number().int(),
  proposals: z.number().int(),
  deals: z.number().int(),
  won: z.number().int(),
});
export type ActivityNumbers = z.infer<typeof activityNumbers>;
export const activitySteps = ['calls', 'meetings', 'proposals', 'deals', 'won'] as const;

export const activityFunnel = z.object({
  from: z.string(),
  to: z.string(),
  total: activityNumbers,
  managers: z.array(z.object({ id: z.string(), name: z.string(), numbers: activityNumbers })),
});
export type ActivityFunnel = z.infer<typeof activityFunnel>;

export const rejectionGroupings = ['owner', 'product', 'stage'] as const;

export const rejectionsQuery = z.strictObject({
  ...periodShape,
  ...dealFilterShape,
  pipelineId: id().optional(),
  by: z.enum(rejectionGroupings).default('owner'),
});
export type RejectionsQuery = z.infer<typeof rejectionsQuery>;

export const rejections = z.object({
  from: z.string(),
  to: z.string(),
  reasons: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable() })),
  rows: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), counts: z.array(reasonCount), total: z.number().int() })),
  total: z.number().int(),
});
export type Rejections = z.infer<typeof rejections>;
