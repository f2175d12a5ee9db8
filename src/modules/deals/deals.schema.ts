import { z } from 'zod';
import { exportShape } from '../../shared/export-query.js';

/**
 * Contracts of the deals API: deals with product lines, the kanban board, stage history.
 * Money is integer minor units (kopecks, cents) with an ISO 4217 currency code.
 * Imported by the server and by the UI.
 */

export const dealTypes = ['new', 'cross_sell', 'repeat'] as const;
export type DealType = (typeof dealTypes)[number];
/** Derived from the kind of the deal's stage. */
export const dealStatuses = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof dealStatuses)[number];
export const amountModes = ['auto', 'manual'] as const;
export type AmountMode = (typeof amountModes)[number];
export const dealSorts = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'amount', '-amount', 'expectedCloseDate', '-expectedCloseDate'] as const;
export type DealSort = (typeof dealSorts)[number];
export const boardSorts = ['-stageEnteredAt', 'stageEnteredAt', '-amount', 'expectedCloseDate', '-createdAt'] as const;
export type BoardSort = (typeof boardSorts)[number];

const id = () => z.uuid({ message: 'must be a valid id' });
const requiredText = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
/** Optional text: '' and null clear the value. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullable()
    .optional()
    .transform((s) => (s === undefined ? undefined : s || null));
export const isoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code');
/** Minor units (kopecks, cents): a whole number. */
export const money = z.number().int('must be a whole number of minor units').min(0, 'must not be negative').max(1e13, 'is too large');
const decimals = (max: number) => (v: number) => Math.abs(Math.round(v * 10 ** max) - v * 10 ** max) < 1e-6;

export const dealLineInput = z.strictObject({
  /** A catalog product or bundle; its name, price and VAT rate are the defaults of the line. */
  productId: id().nullable().optional(),
  /** Required without a product. */
  name: requiredText(500).optional(),
  quantity: z
    .number()
    .positive('must be more than 0')
    .max(1e9, 'is too large')
    .refine(decimals(3), { message: 'must have at most 3 decimals', params: { code: 'deal.quantity_precision' } }),
  /** Price of one unit; taken from the catalog when omitted for a product line. */
  unitPrice: money.optional(),
  discountPercent: z
    .number()
    .min(0, 'must not be negative')
    .max(100, 'must be at most 100')
    .refine(decimals(2), { message: 'must have at most 2 decimals', params: { code: 'deal.discount_precision' } })
    .nullable()
    .optional(),
  /** Discount on the whole line, minor units, after the percentage. */
  discountAmount: money.nullable().optional(),
  /** VAT percent (22, 20, 9.5, 0); null = not subject to VAT. Taken from the catalog when omitted for a product line. */
  vatRate: z
    .number()
    .min(0, 'must not be negative')
    .max(100, 'must be at most 100')
    .refine(decimals(2), { message: 'must have at most 2 decimals', params: { code: 'deal.vat_rate_precision' } })
    .nullable()
    .optional(),
  /** Whether unitPrice already contains VAT (RU retail style) or VAT is added on top. */
  vatIncluded: z.boolean().default(false),
});
export type DealLineInput = z.output<typeof dealLineInput>;

export const bundleComponentSchema = z.object({ productId: z.string(), name: z.string(), quantity: z.number() });

export const dealLineSchema = z.object({
  id: z.string(),
  productId: z.string().nullable(),
  name: z.string(),
  quantity: z.number(),
  unitPrice: z.number().int(),
  discountPercent: z.number().nullable(),
  discountAmount: z.number().int().nullable(),
  vatRate: z.number().nullable(),
  vatIncluded: z.boolean(),
  /** Line amounts after discounts, minor units. */
  net: z.number().int(),
  vat: z.number().int(),
  gross: z.number().int(),
  isBundle: z.boolean(),
  /** A bundle's components at the time it was added (reports can split the bundle). */
  components: z.array(bundleComponentSchema).nullable(),
});
export type DealLine = z.infer<typeof dealLineSchema>;

export const totalsSchema = z.object({ net: z.number().int(), vat: z.number().int(), gross: z.number().int() });
export type Totals = z.infer<typeof totalsSchema>;

const editable = {
  title: requiredText(300),
  companyId: id(),
  contactIds: z.array(id()).max(50, 'at most 50 contacts').transform((xs) => [...new Set(xs)]).optional(),
  ownerId: id().optional(),
  type: z.enum(dealTypes).optional(),
  sourceChannel: optionalText(200),
  sourceCampaign: optionalText(200),
  currency: currencyCode.optional(),
  /** auto: the amount is the gross total of the lines; manual: the amount is entered. */
  amountMode: z.enum(amountModes).optional(),
  /** Only with amountMode manual (or without amountMode, which then means manual). */
  amount: money.optional(),
  expectedCloseDate: isoDate.nullable().optional(),
  /** Win probability, percent; null = the stage's. */
  probability: z.number().int('must be a whole number').min(0).max(100, 'must be at most 100').nullable().optional(),
  lines: z.array(dealLineInput).max(200, 'at most 200 lines').optional(),
};

export const dealInput = z.strictObject({
  ...editable,
  /** Default: the default pipeline (or the stage's pipeline). */
  pipelineId: id().optional(),
  /** Default: the first open stage of the pipeline. */
  stageId: id().optional(),
  /** Required when the stage is a lost one. */
  lostReasonId: id().optional(),
  lostComment: optionalText(2000),
});
export type DealInput = z.output<typeof dealInput>;

export const dealUpdate = z.strictObject({
  /** The version read; a stale one gets 409 deal.version_conflict with details.current and details.changedFields. */
  version: z.number().int().positive(),
  ...editable,
  title: editable.title.optional(),
  companyId: editable.companyId.optional(),
  /** Only while the deal is lost. */
  lostReasonId: id().optional(),
  lostComment: optionalText(2000),
});
export type DealUpdate = z.output<typeof dealUpdate>;

/**
 * Moves a deal to a stage (of its pipeline or another one). Lost stages need lostReasonId. The deal's own
 * probability is dropped: the new stage's applies.
 */
export const stageMove = z.strictObject({
  stageId: id(),
  version: z.number().int().positive(),
  lostReasonId: id().optional(),
  lostComment: optionalText(2000),
});
export type StageMove = z.output<typeof stageMove>;

export const dealSchema = z.object({
  id: z.string(),
  title: z.string(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  pipelineId: z.string(),
  stageId: z.string(),
  status: z.enum(dealStatuses),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  type: z.enum(dealTypes),
  sourceChannel: z.string().nullable(),
  sourceCampaign: z.string().nullable(),
  amount: z.number().int(),
  amountMode: z.enum(amountModes),
  currency: z.string(),
  expectedCloseDate: z.string().nullable(),
  /** Effective win probability, percent. */
  probability: z.number().int(),
  /** True when the probability was entered rather than taken from the stage. */
  probabilityManual: z.boolean(),
  lostReasonId: z.string().nullable(),
  lostComment: z.string().nullable(),
  /** When the deal was won or lost; null while open. */
  closedAt: z.string().nullable(),
  stageEnteredAt: z.string(),
  /** The deal has been in its open stage longer than the stage's planned days. */
  overdue: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Deal = z.infer<typeof dealSchema>;

export const dealDetailSchema = dealSchema.extend({
  contacts: z.array(z.object({ id: z.string(), fullName: z.string() })),
  lines: z.array(dealLineSchema),
  totals: totalsSchema,
  lostReasonName: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export type DealDetail = z.infer<typeof dealDetailSchema>;

/** Filters shared by the deal list, the board and its columns. */
export const dealFilterShape = {
  q: z.string().trim().max(200).optional(),
  ownerId: id().optional(),
  /** Deals owned by members of the department or its sub-departments. */
  departmentId: id().optional(),
  companyId: id().optional(),
  /** Deals with a line of this product. */
  productId: id().optional(),
  sourceChannel: z.string().trim().min(1).max(200).optional(),
  sourceCampaign: z.string().trim().min(1).max(200).optional(),
  type: z.enum(dealTypes).optional(),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  expectedFrom: isoDate.optional(),
  expectedTo: isoDate.optional(),
};
const limit = (max: number, dflt: number) => z.coerce.number().int().min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(dflt);

export const dealListQuery = z.strictObject({
  ...dealFilterShape,
  pipelineId: id().optional(),
  stageId: id().optional(),
  status: z.enum(dealStatuses).optional(),
  sort: z.enum(dealSorts).default('-createdAt'),
  limit: limit(500, 50),
  cursor: z.string().max(2000).optional(),
});
export type DealListQuery = z.infer<typeof dealListQuery>;
/** The list's filters and sort, the file format and the columns. */
export const dealExportQuery = dealListQuery.omit({ limit: true, cursor: true }).extend(exportShape);
export type DealExportQuery = z.infer<typeof dealExportQuery>;
export type DealFilters = Omit<DealListQuery, 'sort' | 'limit' | 'cursor'>;
export const dealPage = z.object({ items: z.array(dealSchema), nextCursor: z.string().nullable() });

export const boardQuery = z.strictObject({
  ...dealFilterShape,
  sort: z.enum(boardSorts).default('-stageEnteredAt'),
  /** Deals per stage. */
  limit: limit(200, 50),
});
export type BoardQuery = z.infer<typeof boardQuery>;
export const boardColumnQuery = boardQuery.extend({ cursor: z.string().max(2000).optional() });
export type BoardColumnQuery = z.infer<typeof boardColumnQuery>;

/** Column totals in `currency` (the base currency when the deals use several currencies). */
export const columnTotalsSchema = z.object({
  count: z.number().int(),
  sum: z.number().int(),
  /** Sum of amount x probability / 100. */
  weightedSum: z.number().int(),
  currency: z.string(),
  /** Amounts in currencies without an exchange rate to `currency` were left out of the sums. */
  unconverted: z.array(z.string()),
});
export type ColumnTotals = z.infer<typeof columnTotalsSchema>;

export const boardSchema = z.object({
  pipelineId: z.string(),
  columns: z.array(
    z.object({
      stageId: z.string(),
      totals: columnTotalsSchema,
      items: z.array(dealSchema),
      /** Cursor for GET /pipelines/{id}/board/{stageId}. */
      nextCursor: z.string().nullable(),
    }),
  ),
});
export type Board = z.infer<typeof boardSchema>;

export const stageVisitSchema = z.object({
  id: z.string(),
  fromStageId: z.string().nullable(),
  toStageId: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  /** Time the deal had spent in fromStageId when it left it. */
  secondsInFromStage: z.number().int().nullable(),
});

export const dealStagesSchema = z.object({
  /** Each stage the deal has been in (in the order first entered), with the total time spent there. */
  stages: z.array(
    z.object({
      stageId: z.string(),
      name: z.string(),
      kind: z.enum(dealStatuses),
      seconds: z.number().int(),
      plannedDays: z.number().int().nullable(),
      /** The time spent (in one stay) exceeded the planned days. */
      overdue: z.boolean(),
      current: z.boolean(),
    }),
  ),
  /** Every stage change, oldest first. */
  history: z.array(stageVisitSchema),
});
export type DealStages = z.infer<typeof dealStagesSchema>;

export const companyDealsQuery = z.strictObject({
  status: z.enum(dealStatuses).optional(),
  limit: limit(500, 50),
  cursor: z.string().max(2000).optional(),
});
const sumOf = z.object({ count: z.number().int(), sum: z.number().int() });
export const companyDealsSchema = dealPage.extend({
  totals: z.object({
    currency: z.string(),
    won: sumOf,
    open: sumOf.extend({ weightedSum: z.number().int() }),
    lost: sumOf,
    unconverted: z.array(z.string()),
  }),
});

/** Product-client matrix row: what the company bought in won deals. */
export const companyProductSchema = z.object({
  productId: z.string(),
  name: z.string(),
  quantity: z.number(),
  /** Net (without VAT) amount of the lines. */
  revenue: z.number().int(),
  currency: z.string(),
  deals: z.number().int(),
  lastWonAt: z.string(),
});
export const companyProductsSchema = z.object({ items: z.array(companyProductSchema) });

export const dealHistoryQuery = z.strictObject({
  limit: limit(500, 50),
  cursor: z.string().max(2000).optional(),
});
/** One audited change of a deal (the fields of `snapshot`, with old and new values as text). */
export const dealHistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
export const dealHistoryPage = z.object({ items: z.array(dealHistoryEntry), nextCursor: z.string().nullable() });
