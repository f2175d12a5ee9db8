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

/**
 * entered: deals that entered a stage; lost: deals lost (at an open stage); created: deals created; won: deals won
 * (entries of won stages). The activity funnel's deals and won cells drill with created and won.
 */
export const drillMeasures = ['entered', 'lost', 'created', 'won'] as const;

const issue = (ctx: z.RefinementCtx, path: string, code: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message, params: { code } });

export const funnelDealsQuery = z
  .strictObject({
    ...periodShape,
    ...dealFilterShape,
    /** a manager ('none': deals without a manager, seen with the all scope only) */
    ownerId: z.union([id(), z.literal('none')]).optional(),
    /** entered: required; otherwise optional (absent: every pipeline) */
    pipelineId: id().optional(),
    /** entered: the stage (required); lost: the open stage the deals were lost at (absent: any); not with created or won */
    stageId: id().optional(),
    measure: z.enum(drillMeasures).default('entered'),
    /** lost only: one reason ('none': without a reason) */
    lostReasonId: z.union([id(), z.literal('none')]).optional(),
    /** deals with a line of this product, besides productId (a rejections row by product) */
    lineProductId: id().optional(),
    limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
    cursor: z.string().max(2000).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.measure === 'entered' && !q.pipelineId) issue(ctx, 'pipelineId', 'funnel.pipeline_required', 'required with measure entered');
    if (q.measure === 'entered' && !q.stageId) issue(ctx, 'stageId', 'funnel.stage_required', 'required with measure entered');
    if ((q.measure === 'created' || q.measure === 'won') && q.stageId) issue(ctx, 'stageId', 'funnel.stage_not_allowed', 'not with measure created or won');
    if (q.lostReasonId && q.measure !== 'lost') issue(ctx, 'lostReasonId', 'funnel.reason_needs_lost', 'only with measure lost');
  });
export type FunnelDealsQuery = z.output<typeof funnelDealsQuery>;

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
  /** when the deal entered the drilled stage (lost, won: when it was lost or won; created: when it was created) */
  enteredAt: z.string(),
});
export const funnelDealPage = z.object({ items: z.array(funnelDeal), nextCursor: z.string().nullable() });
export type FunnelDeal = z.infer<typeof funnelDeal>;

export const activityFunnelQuery = z.strictObject({
  ...periodShape,
  ownerId: id().optional(),
  departmentId: id().optional(),
});

/** The activity funnel's steps that are activities, and their activity types. */
export const activityDrillTypes = ['call', 'meeting', 'proposal'] as const;

export const funnelActivitiesQuery = z.strictObject({
  ...periodShape,
  ownerId: id().optional(),
  departmentId: id().optional(),
  type: z.enum(activityDrillTypes),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type FunnelActivitiesQuery = z.output<typeof funnelActivitiesQuery>;

export const funnelActivity = z.object({
  id: z.string(),
  type: z.enum(activityDrillTypes),
  /** calls: incoming or outgoing */
  direction: z.enum(['in', 'out']).nullable(),
  doneAt: z.string(),
  subject: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  result: z.string().nullable(),
  /** calls: answered | no_answer | busy | failed | voicemail | wrong_number */
  callResult: z.string().nullable(),
});
export const funnelActivityPage = z.object({ items: z.array(funnelActivity), nextCursor: z.string().nullable() });
export type FunnelActivity = z.infer<typeof funnelActivity>;

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
