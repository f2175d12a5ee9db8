import { z } from 'zod';
import { periodKey } from '../../shared/periods.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month like '2026-03'");
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code');

const editable = {
  /** the source channel as deals name it (deals.source_channel) */
  channel: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  /** a campaign of the channel (deals.source_campaign); empty = the channel as a whole */
  campaign: z.string().trim().max(200, 'must be at most 200 characters').default(''),
  month,
  /** minor units of currency */
  amount: z.number().int('must be whole minor units').min(0, 'must not be negative').max(1e13, 'is too large'),
  currency,
  note: z.string().trim().max(1000, 'must be at most 1000 characters').nullable().optional(),
};

export const adCostInput = z.strictObject(editable);
export type AdCostInput = z.infer<typeof adCostInput>;
export const adCostUpdate = z.strictObject({
  /** the version read; a stale one gets 409 ad_cost.version_conflict */
  version: z.number().int().positive(),
  channel: editable.channel.optional(),
  campaign: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  month: month.optional(),
  amount: editable.amount.optional(),
  currency: currency.optional(),
  note: editable.note,
});
export type AdCostUpdate = z.infer<typeof adCostUpdate>;

export const adCostSchema = z.object({
  id: z.string(),
  channel: z.string(),
  campaign: z.string(),
  month: z.string(),
  amount: z.number(),
  currency: z.string(),
  note: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdCost = z.infer<typeof adCostSchema>;

export const adCostListQuery = z.object({
  month: month.optional(),
  channel: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type AdCostListQuery = z.infer<typeof adCostListQuery>;
export const adCostPage = z.object({ items: z.array(adCostSchema), nextCursor: z.string().nullable() });

export const roiGroupings = ['channel', 'campaign'] as const;
export const roiQuery = z.object({
  period: periodKey,
  by: z.enum(roiGroupings).default('campaign'),
});
export type RoiQuery = z.infer<typeof roiQuery>;

export const roiRowSchema = z.object({
  /** null = deals without a source */
  channel: z.string().nullable(),
  /** by campaign: '' = without a campaign (and channel-wide costs); by channel: null */
  campaign: z.string().nullable(),
  /** deals created in the period with this source (the user's deal read scope) */
  leads: z.number(),
  /** companies created in the period with this source (by channel only; the user's company read scope) */
  newCompanies: z.number().nullable(),
  /** deals won in the period */
  won: z.number(),
  /** amounts of the deals won in the period, minor units of the base currency */
  revenue: z.number(),
  /** costs of the period's months, minor units of the base currency */
  cost: z.number(),
  costPerLead: z.number().nullable(),
  costPerSale: z.number().nullable(),
  /** (revenue - cost) / cost; null without costs */
  roi: z.number().nullable(),
});
export type RoiRow = z.infer<typeof roiRowSchema>;
export const roiReport = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  rows: z.array(roiRowSchema),
  total: roiRowSchema,
  /** currencies left out for want of an exchange rate */
  unconverted: z.array(z.string()),
});
export type RoiReport = z.infer<typeof roiReport>;

export const channelsResponse = z.object({ channels: z.array(z.object({ channel: z.string(), campaigns: z.array(z.string()) })) });
