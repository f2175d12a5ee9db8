import type { CompanyDetail, CompanyInput, CompanyStatus } from '../companies.schema.js';
import type { AddressRow, EmailRow, PhoneRow } from '../../../web/components/ContactPointsEditor.js';
import type { CustomValues } from '../../../web/components/CustomFields.js';
import { remapRowErrors, withoutBlankRows } from '../../../web/components/formRows.js';
import { normalizeTaxId } from '../../../shared/taxids.js';

/** What the company form edits: strings for inputs (empty = not set), rows for repeatable parts. */
export interface CompanyValues {
  name: string;
  legalForm: string | null;
  status: CompanyStatus;
  inn: string;
  kpp: string;
  ogrn: string;
  okpo: string;
  okvedMain: string;
  okvedExtra: string[];
  eik: string;
  vatNumber: string;
  industry: string;
  activityType: string;
  directorName: string;
  directorPosition: string;
  phones: PhoneRow[];
  emails: EmailRow[];
  addresses: AddressRow[];
  website: string;
  source: string;
  ownerId: string | null;
  tags: string[];
  notes: string;
  custom: CustomValues;
}

export const emptyCompany: CompanyValues = {
  name: '',
  legalForm: null,
  status: 'potential',
  inn: '',
  kpp: '',
  ogrn: '',
  okpo: '',
  okvedMain: '',
  okvedExtra: [],
  eik: '',
  vatNumber: '',
  industry: '',
  activityType: '',
  directorName: '',
  directorPosition: '',
  phones: [{ kind: 'work', raw: '' }],
  emails: [{ kind: 'work', email: '' }],
  addresses: [],
  website: '',
  source: '',
  ownerId: null,
  tags: [],
  notes: '',
  custom: {},
};

export function valuesOf(c: CompanyDetail): CompanyValues {
  return {
    name: c.name,
    legalForm: c.legalForm,
    status: c.status,
    inn: c.inn ?? '',
    kpp: c.kpp ?? '',
    ogrn: c.ogrn ?? '',
    okpo: c.okpo ?? '',
    okvedMain: c.okvedMain ?? '',
    okvedExtra: c.okvedExtra,
    eik: c.eik ?? '',
    vatNumber: c.vatNumber ?? '',
    industry: c.industry ?? '',
    activityType: c.activityType ?? '',
    directorName: c.directorName ?? '',
    directorPosition: c.directorPosition ?? '',
    phones: c.phones.map((p) => ({ kind: p.kind, raw: p.raw })),
    emails: c.emails.map((e) => ({ kind: e.kind, email: e.email })),
    addresses: c.addresses.map((a) => ({ kind: a.kind, country: a.country ?? '', city: a.city ?? '', postalCode: a.postalCode ?? '', line: a.line ?? '' })),
    website: c.website ?? '',
    source: c.source ?? '',
    ownerId: c.ownerId,
    tags: c.tags,
    notes: c.notes ?? '',
    custom: c.custom,
  };
}

const text = (s: string) => s.trim() || null;
const taxId = (s: string) => normalizeTaxId(s) || null;

type Body = Omit<{ [K in keyof CompanyInput]: unknown }, 'confirmDuplicate'>;

/** The request body (without version) and a mapper of server field errors back to the rows the user sees. */
export function requestOf(v: CompanyValues) {
  const phones = withoutBlankRows(v.phones, (p) => !p.raw.trim());
  const emails = withoutBlankRows(v.emails, (e) => !e.email.trim());
  const addresses = withoutBlankRows(v.addresses, (a) => ![a.country, a.city, a.postalCode, a.line].some((x) => x.trim()));
  const body: Body = {
    name: v.name.trim(),
    legalForm: v.legalForm,
    status: v.status,
    inn: taxId(v.inn),
    kpp: taxId(v.kpp),
    ogrn: taxId(v.ogrn),
    okpo: taxId(v.okpo),
    okvedMain: text(v.okvedMain),
    okvedExtra: v.okvedExtra,
    eik: taxId(v.eik),
    vatNumber: taxId(v.vatNumber),
    industry: text(v.industry),
    activityType: text(v.activityType),
    directorName: text(v.directorName),
    directorPosition: text(v.directorPosition),
    phones: phones.rows.map((p) => ({ kind: p.kind, raw: p.raw.trim() })),
    emails: emails.rows.map((e) => ({ kind: e.kind, email: e.email.trim() })),
    addresses: addresses.rows.map((a) => ({ kind: a.kind, country: text(a.country), city: text(a.city), postalCode: text(a.postalCode), line: text(a.line) })),
    website: text(v.website),
    source: text(v.source),
    ownerId: v.ownerId,
    tags: v.tags,
    notes: text(v.notes),
    custom: v.custom,
  };
  const mapErrors = (errors: Record<string, string>) =>
    remapRowErrors(remapRowErrors(remapRowErrors(errors, 'phones', phones.original), 'emails', emails.original), 'addresses', addresses.original);
  return { body, mapErrors };
}

/** Fields compared when a save hits a version conflict. */
export const conflictFields = [
  'name', 'legalForm', 'status', 'inn', 'kpp', 'ogrn', 'okpo', 'okvedMain', 'okvedExtra', 'eik', 'vatNumber', 'industry', 'activityType',
  'directorName', 'directorPosition', 'phones', 'emails', 'addresses', 'website', 'source', 'ownerName', 'tags', 'notes', 'custom',
] as const;
