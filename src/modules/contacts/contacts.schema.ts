import { z } from 'zod';

/** Contracts of the contacts API (contact persons). Imported by the server and the UI. */

export const phoneKinds = ['work', 'mobile', 'fax', 'other'] as const;
export const emailKinds = ['work', 'personal', 'other'] as const;
export const contactSorts = ['fullName', '-fullName', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type ContactSort = (typeof contactSorts)[number];

const id = (message = 'must be a valid id') => z.uuid({ message });
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

export const phoneInput = z.strictObject({
  kind: z.enum(phoneKinds).default('work'),
  raw: requiredText(60),
});

export const emailInput = z.strictObject({
  kind: z.enum(emailKinds).default('work'),
  email: z
    .email({ message: 'must be an e-mail address' })
    .max(254)
    .transform((e) => e.toLowerCase()),
});

export const tagsInput = z
  .array(requiredText(50))
  .max(50, 'at most 50 tags')
  .transform((tags) => [...new Set(tags)]);

export const customValuesInput = z.record(z.string().max(64), z.unknown());

export const companyLinkInput = z.strictObject({
  companyId: id(),
  position: optionalText(200),
  isPrimary: z.boolean().default(false),
});

const editable = {
  firstName: requiredText(100),
  lastName: optionalText(100),
  middleName: optionalText(100),
  position: optionalText(200),
  birthday: z.iso.date({ message: 'must be a date YYYY-MM-DD' }).nullable().optional(),
  notes: optionalText(20_000),
  ownerId: id().optional(),
  phones: z.array(phoneInput).max(20, 'at most 20 phones').optional(),
  emails: z.array(emailInput).max(20, 'at most 20 e-mails').optional(),
  tags: tagsInput.optional(),
  custom: customValuesInput.optional(),
};

export const createContactRequest = z.strictObject({
  ...editable,
  companies: z.array(companyLinkInput).max(50, 'at most 50 companies').optional(),
  /** Create even though contacts with the same phone, e-mail or name at the company exist. */
  confirmDuplicate: z.boolean().optional(),
});
export type CreateContactRequest = z.input<typeof createContactRequest>;

export const updateContactRequest = z.strictObject({
  version: z.number().int().positive(),
  ...editable,
  firstName: editable.firstName.optional(),
});
export type UpdateContactRequest = z.input<typeof updateContactRequest>;

export const contactSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string().nullable(),
  middleName: z.string().nullable(),
  fullName: z.string(),
  position: z.string().nullable(),
  birthday: z.string().nullable(),
  notes: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  phones: z.array(z.object({ kind: z.enum(phoneKinds), raw: z.string(), e164: z.string().nullable(), ext: z.string().nullable() })),
  emails: z.array(z.object({ kind: z.enum(emailKinds), email: z.string() })),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  companies: z.array(z.object({ id: z.string(), name: z.string(), position: z.string().nullable(), isPrimary: z.boolean() })),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

/** List filters (the UI keeps these in saved views); limit and cursor come on top. */
export const contactFilters = z.strictObject({
  q: z.string().trim().max(200).optional(),
  ownerId: id().optional(),
  companyId: id().optional(),
  tag: z.string().trim().min(1).max(50).optional(),
  sort: z.enum(contactSorts).default('fullName'),
});
export type ContactFilters = z.infer<typeof contactFilters>;

export const contactPage = z.object({ items: z.array(contactSchema), nextCursor: z.string().nullable() });

export const duplicateQuery = z.strictObject({
  phone: z.string().trim().max(60).optional(),
  email: z.string().trim().max(254).optional(),
  name: z.string().trim().max(300).optional(),
  companyId: id().optional(),
});

export const duplicateCandidate = z.object({
  id: z.string(),
  fullName: z.string(),
  ownerName: z.string().nullable(),
  /** What matched: the same phone, e-mail, or full name (at the same company when one was given). */
  matches: z.array(z.enum(['phone', 'email', 'name'])),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidate>;
export const duplicateResponse = z.object({ candidates: z.array(duplicateCandidate) });

export const mergeRequest = z.strictObject({ sourceId: id() });

export const linkContactRequest = z.strictObject({
  contactId: id(),
  position: optionalText(200),
  isPrimary: z.boolean().default(false),
});

export const historyEntry = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
export const historyPage = z.object({ items: z.array(historyEntry), nextCursor: z.string().nullable() });
