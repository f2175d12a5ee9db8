import { z } from 'zod';
import { periodKey } from '../../shared/periods.js';
import { measureKeys } from './kpi.measures.js';

/** Contracts of manager KPIs, formula KPIs, the leaderboard and "my numbers today" (shared with the UI). */

export const kpiUnits = ['number', 'percent', 'money', 'days'] as const;
export { measureKeys };

const formulaKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _ (starting with a letter), at most 40');

export const formulaInput = z.strictObject({
  key: formulaKey,
  name: z.string().trim().min(1, 'is required').max(200, 'at most 200 characters'),
  formula: z.string().trim().min(1, 'is required').max(500, 'at most 500 characters'),
  unit: z.enum(kpiUnits).default('number'),
  sort: z.number().int().min(0).max(10_000).default(0),
});
export type FormulaInput = z.output<typeof formulaInput>;

export const formulaUpdate = formulaInput.omit({ key: true }).partial().strict();
export type FormulaUpdate = z.output<typeof formulaUpdate>;

export const formulaSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  formula: z.string(),
  unit: z.enum(kpiUnits),
  sort: z.number(),
});
export type Formula = z.infer<typeof formulaSchema>;
export const formulaList = z.object({ items: z.array(formulaSchema), measures: z.array(z.enum(measureKeys)) });

export const leaderboardQuery = z.strictObject({
  period: periodKey,
  /** a measure or formula key to rank by (descending; nulls last) */
  sort: z.string().max(40).default('won_revenue'),
});
export type LeaderboardQuery = z.output<typeof leaderboardQuery>;

export const leaderboardRow = z.object({
  rank: z.number(),
  user: z.object({ id: z.string(), name: z.string(), departmentId: z.string().nullable() }),
  values: z.record(z.string(), z.number().nullable()),
});
export type LeaderboardRow = z.infer<typeof leaderboardRow>;

export const leaderboardResponse = z.object({
  period: z.string(),
  sort: z.string(),
  baseCurrency: z.string(),
  measures: z.array(z.enum(measureKeys)),
  formulas: z.array(formulaSchema),
  items: z.array(leaderboardRow),
});
export type LeaderboardResponse = z.infer<typeof leaderboardResponse>;

const countsSchema = z.object({ calls: z.number(), meetings: z.number(), proposals: z.number(), activities: z.number() });

export const todayResponse = z.object({
  date: z.string(),
  month: z.string(),
  baseCurrency: z.string(),
  done: countsSchema.extend({ won: z.number(), wonRevenue: z.number() }),
  scheduled: countsSchema,
  overdue: z.number(),
  plan: z.object({ revenue: z.number().nullable(), deals: z.number().nullable(), calls: z.number().nullable(), meetings: z.number().nullable(), proposals: z.number().nullable() }).nullable(),
  actual: z.object({ revenue: z.number(), deals: z.number(), calls: z.number(), meetings: z.number(), proposals: z.number() }),
  /** what is left of the month plan (never negative); null where nothing is planned */
  left: z.object({ revenue: z.number().nullable(), deals: z.number().nullable(), calls: z.number().nullable(), meetings: z.number().nullable(), proposals: z.number().nullable() }),
  remainingWorkingDays: z.number(),
  /** from the reverse conversion of the month's revenue plan: how many more of each are needed today */
  neededToday: z.object({ deals: z.number().nullable(), proposals: z.number().nullable(), meetings: z.number().nullable(), calls: z.number().nullable() }),
});
export type TodayResponse = z.infer<typeof todayResponse>;
