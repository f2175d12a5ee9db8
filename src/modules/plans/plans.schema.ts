import { z } from 'zod';
import { periodKey, periodKinds } from '../../shared/periods.js';

/** Contracts of sales plans, plan vs actual, the reverse conversion planner and the forecasts (shared with the UI). */

export const targetKinds = ['user', 'department', 'company'] as const;
export type TargetKind = (typeof targetKinds)[number];

/** The planned measures; each is optional (null: not planned). Revenue is in minor units of the base currency. */
export const measureKeys = ['revenue', 'deals', 'calls', 'meetings', 'proposals'] as const;
export type MeasureKey = (typeof measureKeys)[number];

const count = z.number().int('must be a whole number').min(0, 'must not be negative').max(1_000_000_000, 'is too large');
const revenue = z.number().int('must be whole minor units').min(0, 'must not be negative').max(Number.MAX_SAFE_INTEGER, 'is too large');
const id = () => z.uuid({ message: 'must be a valid id' });

const measures = {
  revenue: revenue.nullable().optional(),
  deals: count.nullable().optional(),
  calls: count.nullable().optional(),
  meetings: count.nullable().optional(),
  proposals: count.nullable().optional(),
  note: z.string().trim().max(2000, 'at most 2000 characters').nullable().optional(),
};

/** A plan: the company's needs no targetId; a user's or department's names it. */
export const planInput = z.strictObject({
  targetKind: z.enum(targetKinds),
  targetId: id().nullable().optional(),
  period: periodKey,
  ...measures,
});
export type PlanInput = z.output<typeof planInput>;

export const planUpdate = z.strictObject({ version: z.number().int().positive(), ...measures });
export type PlanUpdate = z.output<typeof planUpdate>;

export const planValues = z.object({
  revenue: z.number().nullable(),
  deals: z.number().nullable(),
  calls: z.number().nullable(),
  meetings: z.number().nullable(),
  proposals: z.number().nullable(),
});
export type PlanValues = z.infer<typeof planValues>;

export const targetSchema = z.object({ kind: z.enum(targetKinds), id: z.string().nullable(), name: z.string().nullable() });
export type Target = z.infer<typeof targetSchema>;

export const planSchema = planValues.extend({
  id: z.string(),
  target: targetSchema,
  period: z.string(),
  periodKind: z.enum(periodKinds),
  note: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Plan = z.infer<typeof planSchema>;

export const planListQuery = z.strictObject({
  period: periodKey.optional(),
  periodKind: z.enum(periodKinds).optional(),
  targetKind: z.enum(targetKinds).optional(),
  targetId: id().optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
  cursor: z.string().max(2000).optional(),
});
export type PlanListQuery = z.output<typeof planListQuery>;
export const planList = z.object({ items: z.array(planSchema), nextCursor: z.string().nullable() });

/** An amount in a currency that has no exchange rate to the base currency (left out of the totals). */
export const unconvertedSchema = z.object({ currency: z.string(), amount: z.number() });

export const actualValues = planValues.extend({ unconverted: z.array(unconvertedSchema) });
export type ActualValues = z.infer<typeof actualValues>;

export const progressRow = z.object({
  target: targetSchema,
  period: z.string(),
  /** the plan's id; null when the plan is the sum of the months' plans */
  planId: z.string().nullable(),
  /** true when no plan is set for the period itself and the plan is the sum of its months' plans */
  derived: z.boolean(),
  plan: planValues,
  actual: actualValues,
  /** actual / plan x 100, one decimal; null where nothing is planned */
  percent: planValues,
});
export type ProgressRow = z.infer<typeof progressRow>;

export const progressQuery = z.strictObject({
  period: periodKey,
  targetKind: z.enum(targetKinds).optional(),
  targetId: id().optional(),
});
export const progressResponse = z.object({ baseCurrency: z.string(), items: z.array(progressRow) });
export type ProgressResponse = z.infer<typeof progressResponse>;

const targetQuery = {
  targetKind: z.enum(targetKinds).default('user'),
  targetId: id().optional(),
};

export const plannerQuery = z.strictObject({
  ...targetQuery,
  period: periodKey,
  /** a revenue target in minor units of the base currency; default: the plan's revenue */
  revenue: z.coerce.number().int('must be whole minor units').min(1, 'must be positive').max(Number.MAX_SAFE_INTEGER).optional(),
  historyMonths: z.coerce.number().int().min(1, 'must be at least 1').max(36, 'must be at most 36').default(6),
});
export type PlannerQuery = z.output<typeof plannerQuery>;

const stepSchema = z.object({
  key: z.enum(['deals', 'proposals', 'meetings', 'calls']),
  /** how many the target needs in the period; null when history gives no rate to plan with */
  needed: z.number().nullable(),
  perWorkingDay: z.number().nullable(),
  done: z.number(),
  /** open activities planned in the period (deals: open deals expected to close in it) */
  scheduled: z.number(),
  /** still needed after what is done and scheduled (never negative) */
  gap: z.number().nullable(),
  /** needed minus done, per remaining working day */
  perRemainingDay: z.number().nullable(),
});

export const plannerResponse = z.object({
  target: targetSchema,
  period: z.string(),
  baseCurrency: z.string(),
  revenue: z.number().nullable(),
  revenueSource: z.enum(['input', 'plan', 'none']),
  history: z.object({
    from: z.string(),
    to: z.string(),
    won: z.number(),
    wonRevenue: z.number(),
    proposals: z.number(),
    meetings: z.number(),
    calls: z.number(),
    averageDeal: z.number().nullable(),
    proposalToWon: z.number().nullable(),
    meetingToProposal: z.number().nullable(),
    callToMeeting: z.number().nullable(),
  }),
  workingDays: z.number(),
  remainingWorkingDays: z.number(),
  steps: z.array(stepSchema),
});
export type PlannerResponse = z.infer<typeof plannerResponse>;

export const forecastQuery = z.strictObject({
  ...targetQuery,
  targetKind: z.enum(targetKinds).default('company'),
  period: periodKey,
  historyMonths: z.coerce.number().int().min(1, 'must be at least 1').max(60, 'must be at most 60').default(12),
});
export type ForecastQuery = z.output<typeof forecastQuery>;

export const forecastDeal = z.object({
  id: z.string(),
  title: z.string(),
  stageId: z.string(),
  stageName: z.string(),
  amount: z.number().nullable(),
  probability: z.number(),
  weighted: z.number().nullable(),
  winRate: z.number().nullable(),
  historical: z.number().nullable(),
  expectedClose: z.string().nullable(),
  historicalClose: z.string().nullable(),
});

export const forecastResponse = z.object({
  target: targetSchema,
  period: z.string(),
  baseCurrency: z.string(),
  months: z.array(
    z.object({ month: z.string(), plan: z.number().nullable(), actual: z.number(), weighted: z.number(), historical: z.number() }),
  ),
  stages: z.array(z.object({ stageId: z.string(), name: z.string(), entered: z.number(), won: z.number(), winRate: z.number().nullable(), remainingDays: z.number().nullable() })),
  deals: z.array(forecastDeal),
  unconverted: z.array(unconvertedSchema),
});
export type ForecastResponse = z.infer<typeof forecastResponse>;
