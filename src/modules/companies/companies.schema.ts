import { z } from 'zod';
import { isLegalForm } from '../../shared/legal-forms.js';
import {
  normalizeTaxId,
  validateBgVat,
  validateEik,
  validateInn,
  validateKpp,
  validateOgrn,
  validateOgrnip,
  validateOkpo,
  validateOkved,
  type TaxIdError,
} from '../../shared/taxids.js';
import { exportShape } from '../../shared/export-query.js';

/** Contracts of the companies API. Imported by the server and by the UI (which validates forms with them). */

export const companyStatuses = ['potential', 'current', 'lost'] as const;
export type CompanyStatus = (typeof companyStatuses)[number];
export const phoneKinds = ['work', 'mobile', 'fax', 'other'] as const;
export const emailKinds = ['work', 'personal', 'other'] as const;
export const addressKinds = ['legal', 'actual', 'postal'] as const;
export const companySorts = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type CompanySort = (typeof companySorts)[number];
export const duplicateReasons = ['inn', 'eik', 'phone', 'email', 'name'] as const;
export type DuplicateReason = (typeof duplicateReasons)[number];

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

const taxMessages: Record<string, string> = {
  format: 'contains characters that are not allowed',
  length: 'has the wrong number of digits',
  checksum: 'has a wrong check digit',
  prefix: 'starts with a digit that is not allowed',
};
const messageOf = (e: TaxIdError) => taxMessages[e.slice(e.lastIndexOf('_') + 1)] ?? 'is not valid';

/** A tax id: normalised (spaces removed), checked with its algorithm, '' and null clear it. */
const taxId = (check: (v: string) => TaxIdError | null, code: string) =>
  z
    .string()
    .max(40, 'must be at most 40 characters')
    .nullable()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      const v = s === null ? '' : normalizeTaxId(s);
      if (!v) return null;
      const error = check(v);
      if (error) {
        ctx.addIssue({ code: 'custom', message: messageOf(error), params: { code, reason: error } });
        return z.NEVER;
      }
      return v;
    });

/** OGRN (13 digits) or OGRNIP (15 digits) in one field. */
const checkOgrn = (v: string): TaxIdError | null => (v.length === 15 ? validateOgrnip(v) : validateOgrn(v));

/** BG VAT numbers are checked; other EU VAT ids (two letters + 2-13 characters) are only shape-checked. */
const checkVat = (v: string): TaxIdError | null =>
  v.startsWith('BG') ? validateBgVat(v) : /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v) ? null : 'vat_format';

const okvedCode = z
  .string()
  .trim()
  .refine((v) => validateOkved(v) === null, { message: 'must be an OKVED code like 62.01', params: { code: 'company.okved_invalid' } });

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

export const addressInput = z.strictObject({
  kind: z.enum(addressKinds),
  country: optionalText(60).transform((v) => v ?? null),
  city: optionalText(100).transform((v) => v ?? null),
  postalCode: optionalText(20).transform((v) => v ?? null),
  line: optionalText(500).transform((v) => v ?? null),
});

export const tagsInput = z
  .array(requiredText(50))
  .max(50, 'at most 50 tags')
  .transform((tags) => [...new Set(tags)]);

const editable = {
  name: requiredText(300),
  legalForm: z
    .string()
    .max(40)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null))
    .refine((v) => v == null || isLegalForm(v), { message: 'is not a known legal form', params: { code: 'company.legal_form_unknown' } }),
  inn: taxId(validateInn, 'company.inn_invalid'),
  kpp: taxId(validateKpp, 'company.kpp_invalid'),
  ogrn: taxId(checkOgrn, 'company.ogrn_invalid'),
  okpo: taxId(validateOkpo, 'company.okpo_invalid'),
  okvedMain: okvedCode.nullable().optional().transform((v) => (v === undefined ? undefined : v || null)),
  okvedExtra: z
    .array(okvedCode)
    .max(100, 'at most 100 codes')
    .transform((xs) => [...new Set(xs)])
    .optional(),
  eik: taxId(validateEik, 'company.eik_invalid'),
  vatNumber: taxId(checkVat, 'company.vat_invalid'),
  industry: optionalText(200),
  activityType: optionalText(200),
  status: z.enum(companyStatuses).optional(),
  directorName: optionalText(200),
  directorPosition: optionalText(200),
  phones: z.array(phoneInput).max(20, 'at most 20 phones').optional(),
  emails: z.array(emailInput).max(20, 'at most 20 e-mails').optional(),
  addresses: z.array(addressInput).max(10, 'at most 10 addresses').optional(),
  website: optionalText(500),
  source: optionalText(200),
  ownerId: id().nullable().optional(),
  tags: tagsInput.optional(),
  notes: optionalText(20_000),
  custom: z.record(z.string().max(64), z.unknown()).optional(),
};

export const companyInput = z.strictObject({
  ...editable,
  /** Create even though similar companies exist (after the 409 company.duplicate warning). */
  confirmDuplicate: z.boolean().optional(),
});
export type CompanyInput = z.output<typeof companyInput>;

export const companyUpdate = z.strictObject({
  version: z.number().int().positive(),
  ...editable,
  name: editable.name.optional(),
});
export type CompanyUpdate = z.output<typeof companyUpdate>;

export const phoneSchema = z.object({ kind: z.enum(phoneKinds), raw: z.string(), e164: z.string().nullable(), ext: z.string().nullable() });
export const emailSchema = z.object({ kind: z.enum(emailKinds), email: z.string() });
export const addressSchema = z.object({
  kind: z.enum(addressKinds),
  country: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  line: z.string().nullable(),
});
export type Phone = z.infer<typeof phoneSchema>;
export type Email = z.infer<typeof emailSchema>;
export type Address = z.infer<typeof addressSchema>;

export const companySchema = z.object({
  id: z.string(),
  name: z.string(),
  legalForm: z.string().nullable(),
  inn: z.string().nullable(),
  kpp: z.string().nullable(),
  ogrn: z.string().nullable(),
  okpo: z.string().nullable(),
  okvedMain: z.string().nullable(),
  okvedExtra: z.array(z.string()),
  eik: z.string().nullable(),
  vatNumber: z.string().nullable(),
  industry: z.string().nullable(),
  activityType: z.string().nullable(),
  status: z.enum(companyStatuses),
  statusChangedAt: z.string(),
  directorName: z.string().nullable(),
  directorPosition: z.string().nullable(),
  phones: z.array(phoneSchema),
  emails: z.array(emailSchema),
  addresses: z.array(addressSchema),
  /** Derived: the city of the actual address, else the legal one, else the postal one */
  city: z.string().nullable(),
  website: z.string().nullable(),
  source: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string().nullable(),
});
export type Company = z.infer<typeof companySchema>;

export const companyContactSchema = z.object({ id: z.string(), fullName: z.string(), position: z.string().nullable(), isPrimary: z.boolean() });
export const companyDetailSchema = companySchema.extend({ contacts: z.array(companyContactSchema) });
export type CompanyDetail = z.infer<typeof companyDetailSchema>;

const CF_KEY = /^cf\.[a-z][a-z0-9_]{0,62}$/;

/** List filters (also kept in saved views and used by the export). Custom fields filter as `cf.<key>=value`. */
const filterShape = {
  q: z.string().trim().max(200).optional(),
  status: z.enum(companyStatuses).optional(),
  ownerId: id().optional(),
  tag: z.string().trim().min(1).max(50).optional(),
  industry: z.string().trim().min(1).max(200).optional(),
  city: z.string().trim().min(1).max(100).optional(),
  /** stored ABC / XYZ class of the client (src/modules/segments) */
  abc: z.enum(['A', 'B', 'C']).optional(),
  xyz: z.enum(['X', 'Y', 'Z']).optional(),
  sort: z.enum(companySorts).default('name'),
};

const onlyCustomExtras = (v: Record<string, unknown>, ctx: z.RefinementCtx, known: string[]) => {
  for (const k of Object.keys(v)) {
    if (!known.includes(k) && !CF_KEY.test(k)) ctx.addIssue({ code: 'custom', path: [k], message: 'unknown field', params: { code: 'validation.unknown_field' } });
  }
};
const withCustomFilters = <S extends z.ZodRawShape>(shape: S) =>
  z
    .object(shape)
    .catchall(z.string().max(200))
    .superRefine((v, ctx) => onlyCustomExtras(v, ctx, Object.keys(shape)));

export const companyFilters = withCustomFilters(filterShape);
export type CompanyFilters = z.infer<typeof companyFilters>;

export const companyListQuery = withCustomFilters({
  ...filterShape,
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type CompanyListQuery = z.infer<typeof companyListQuery>;

export const companyExportQuery = withCustomFilters({ ...filterShape, ...exportShape });

export const companyPage = z.object({ items: z.array(companySchema), nextCursor: z.string().nullable() });

export const duplicatesQuery = z.strictObject({
  inn: z.string().trim().max(40).optional(),
  kpp: z.string().trim().max(40).optional(),
  eik: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(60).optional(),
  email: z.string().trim().max(254).optional(),
  name: z.string().trim().max(300).optional(),
});
export type DuplicatesQuery = z.infer<typeof duplicatesQuery>;

export const duplicateCandidate = z.object({
  id: z.string(),
  name: z.string(),
  inn: z.string().nullable(),
  reason: z.enum(duplicateReasons),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidate>;
export const duplicatesResponse = z.object({ candidates: z.array(duplicateCandidate) });

export const mergeInput = z.strictObject({ sourceId: id() });

export const historyQuery = z.object({
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
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
