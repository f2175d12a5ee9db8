import { z } from 'zod';
import { dealLineInput, dealLineSchema, isoDate, totalsSchema } from './deals.schema.js';

/**
 * Commercial proposals (КП) and orders attached to a deal. Numbers run per kind and calendar year of
 * the document date ("КП-2026-0001", "ЗК-2026-0001"), without gaps, assigned when the document is created.
 */

export const documentKinds = ['proposal', 'order'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentStatuses = ['draft', 'sent', 'accepted', 'rejected'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/** Allowed status changes: a sent document can be recalled to draft; a rejected one reworked as a draft. */
export const documentTransitions: Record<DocumentStatus, readonly DocumentStatus[]> = {
  draft: ['sent'],
  sent: ['draft', 'accepted', 'rejected'],
  accepted: [],
  rejected: ['draft'],
};

const note = z
  .string()
  .trim()
  .max(5000, 'must be at most 5000 characters')
  .nullable()
  .optional()
  .transform((s) => (s === undefined ? undefined : s || null));

export const documentCreate = z.strictObject({
  kind: z.enum(documentKinds),
  /** Default: today (UTC). The year of the date picks the number series. */
  date: isoDate.optional(),
  validUntil: isoDate.nullable().optional(),
  note,
  /** Default: a copy of the deal's lines. */
  lines: z.array(dealLineInput).max(200, 'at most 200 lines').optional(),
});
export type DocumentCreate = z.output<typeof documentCreate>;

/** Date, validity, note and lines change only while the document is a draft. */
export const documentUpdate = z.strictObject({
  version: z.number().int().positive(),
  status: z.enum(documentStatuses).optional(),
  date: isoDate.optional(),
  validUntil: isoDate.nullable().optional(),
  note,
  lines: z.array(dealLineInput).max(200, 'at most 200 lines').optional(),
});
export type DocumentUpdate = z.output<typeof documentUpdate>;

export const documentSchema = z.object({
  id: z.string(),
  dealId: z.string(),
  kind: z.enum(documentKinds),
  number: z.string(),
  status: z.enum(documentStatuses),
  date: z.string(),
  validUntil: z.string().nullable(),
  note: z.string().nullable(),
  currency: z.string(),
  lines: z.array(dealLineSchema),
  totals: totalsSchema,
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DealDocument = z.infer<typeof documentSchema>;
export const documentList = z.object({ items: z.array(documentSchema) });

export const documentParams = z.object({
  id: z.uuid({ message: 'must be a valid id' }),
  documentId: z.uuid({ message: 'must be a valid id' }),
});
