import { z } from 'zod';

/** The duplicate finder: groups of companies or contacts that share an identifier or a name. */

export const duplicateEntities = ['company', 'contact'] as const;
export type DuplicateEntity = (typeof duplicateEntities)[number];

/** What makes records duplicates of each other, per entity (a company's name: its normalised form). */
export const duplicateCriteria = {
  company: ['inn', 'eik', 'phone', 'email', 'name'],
  contact: ['phone', 'email', 'name'],
} as const satisfies Record<DuplicateEntity, readonly string[]>;
export type DuplicateCriterion = (typeof duplicateCriteria)[DuplicateEntity][number];

export const duplicateQuery = z
  .object({
    entity: z.enum(duplicateEntities),
    by: z.enum(['inn', 'eik', 'phone', 'email', 'name']),
    limit: z.coerce.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
    cursor: z.string().max(2000).optional(),
  })
  .superRefine((q, ctx) => {
    if (!(duplicateCriteria[q.entity] as readonly string[]).includes(q.by)) {
      ctx.addIssue({ code: 'custom', path: ['by'], message: `is not a criterion for ${q.entity}: use ${duplicateCriteria[q.entity].join(', ')}` });
    }
  });
export type DuplicateQuery = z.infer<typeof duplicateQuery>;

export const duplicateRecord = z.object({
  id: z.string(),
  name: z.string(),
  /** companies: INN or EIK; contacts: position */
  detail: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
});
export type DuplicateRecord = z.infer<typeof duplicateRecord>;

export const duplicateGroup = z.object({
  /** the shared value: an INN, an E.164 phone, an e-mail, a (normalised) name */
  key: z.string(),
  /** oldest first */
  records: z.array(duplicateRecord),
});
export type DuplicateGroup = z.infer<typeof duplicateGroup>;

export const duplicatePage = z.object({ items: z.array(duplicateGroup), nextCursor: z.string().nullable() });
export type DuplicatePage = z.infer<typeof duplicatePage>;
