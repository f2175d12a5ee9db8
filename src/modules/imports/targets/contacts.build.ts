import { ownerAllowed, scopeOf, type Principal } from '../../../platform/access/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { fieldIssues } from '../../../platform/http/errors.js';
import { normalizeCompanyName } from '../../../shared/legal-forms.js';
import { normalizeTaxId } from '../../../shared/taxids.js';
import { createContactRequest, normalizeContactPhones } from '../../contacts/index.js';
import type { ImportField, ImportKey, RowError } from '../imports.schema.js';
import type { MappedRow } from '../engine/target.js';
import { parseDate } from '../engine/values.js';
import { idsByChild, type EmailValue, type PhoneValue } from './bulk.repository.js';

/** A file row as contact data (validated with the API's schema and phone rules) and its company link. */

const text = (key: string, required = false): ImportField => ({ key, label: null, type: 'text', required, multiple: false });
const list = (key: string): ImportField => ({ key, label: null, type: 'list', required: false, multiple: true });

export const contactFields: ImportField[] = [
  text('fullName'),
  text('firstName'),
  text('lastName'),
  text('middleName'),
  text('position'),
  { key: 'birthday', label: null, type: 'date', required: false, multiple: false },
  list('phones'),
  list('mobilePhones'),
  list('emails'),
  list('tags'),
  text('owner'),
  text('notes'),
  text('externalId'),
  text('companyInn'),
  text('companyEik'),
  text('companyExternalId'),
  text('companyName'),
];

export interface ContactPatch {
  firstName?: string;
  lastName?: string | null;
  middleName?: string | null;
  position?: string | null;
  birthday?: string | null;
  notes?: string | null;
  phones?: PhoneValue[];
  emails?: EmailValue[];
  tags?: string[];
}

export interface ContactDraft {
  r: MappedRow;
  patch: ContactPatch;
  externalId: string | null;
  /** how the row names its company */
  company: CompanyRef | null;
}

const partialInput = createContactRequest.partial();

/** "Иванов Иван Иванович" -> last, first, middle; one word is a first name. */
function splitFullName(full: string): Pick<ContactPatch, 'firstName' | 'lastName' | 'middleName'> {
  const w = full.split(/\s+/).filter(Boolean);
  if (w.length === 1) return { firstName: w[0] };
  return { lastName: w[0], firstName: w[1], middleName: w.slice(2).join(' ') || null };
}

export function buildContact(r: MappedRow, country: 'RU' | 'BG'): { draft: ContactDraft } | { errors: RowError[] } {
  const o: Record<string, unknown> = {};
  const full = r.text('fullName');
  if (full && !r.text('firstName')) Object.assign(o, splitFullName(full));
  for (const k of ['firstName', 'lastName', 'middleName', 'position', 'notes']) if (r.text(k) !== undefined) o[k] = r.text(k);
  const birthday = r.text('birthday');
  if (birthday !== undefined) {
    const d = parseDate(birthday);
    if (!d) return { errors: [r.error('birthday', 'validation.invalid_format', 'must be a date (YYYY-MM-DD or DD.MM.YYYY)')] };
    o.birthday = d;
  }
  const emails = r.list('emails');
  if (emails.length) o.emails = emails.map((x) => ({ kind: 'work', email: x.text }));
  const tags = r.list('tags');
  if (tags.length) o.tags = tags.map((x) => x.text);
  const columnOf = (field: string) => {
    const m = /^(emails|tags)\.(\d+)/.exec(field);
    return m ? ((m[1] === 'emails' ? emails : tags)[Number(m[2])]?.column ?? null) : null;
  };
  const parsed = partialInput.safeParse(o);
  if (!parsed.success) return { errors: r.errors(fieldIssues(parsed.error), columnOf) };
  const { companies: _c, confirmDuplicate: _d, ownerId: _o, custom: _cu, phones: _p, ...patch } = parsed.data;
  const typed = [...r.list('phones').map((x) => ({ kind: 'work', raw: x.text, column: x.column })), ...r.list('mobilePhones').map((x) => ({ kind: 'mobile', raw: x.text, column: x.column }))];
  const out: ContactPatch = { ...patch };
  if (typed.length) {
    try {
      out.phones = normalizeContactPhones(typed, country);
    } catch (err) {
      if (!(err instanceof AppError) || !err.details?.fields) throw err;
      return { errors: r.errors(err.details.fields, (f) => typed[Number(/^phones\.(\d+)/.exec(f)?.[1])]?.column ?? null) };
    }
  }
  return { draft: { r, patch: out, externalId: r.text('externalId') ?? null, company: companyRefOf(r) } };
}

export type CompanyRef = ['inn' | 'eik' | 'externalId' | 'name', string];

/** How a row names a company (contacts, deals): INN, EIK, external id or name, the first one it has. */
export function companyRefOf(r: MappedRow): CompanyRef | null {
  const inn = r.text('companyInn');
  const eik = r.text('companyEik');
  const ext = r.text('companyExternalId');
  const name = r.text('companyName');
  return inn ? ['inn', normalizeTaxId(inn)] : eik ? ['eik', normalizeTaxId(eik)] : ext ? ['externalId', ext] : name ? ['name', normalizeCompanyName(name)] : null;
}

const companyColumn = { inn: 'inn', eik: 'eik', externalId: 'external_id', name: 'name_normalized' } as const;
const companyField = { inn: 'companyInn', eik: 'companyEik', externalId: 'companyExternalId', name: 'companyName' } as const;

/** The companies the rows name, resolved to one visible company the importer may link contacts to. */
export async function resolveCompanies<D extends { r: MappedRow; company: CompanyRef | null }>(db: Executor, p: Principal, drafts: D[]): Promise<Map<D, { id: string } | { error: RowError }>> {
  const out = new Map<D, { id: string } | { error: RowError }>();
  for (const kind of ['inn', 'eik', 'externalId', 'name'] as const) {
    const mine = drafts.filter((d) => d.company?.[0] === kind);
    if (!mine.length) continue;
    const column = companyColumn[kind];
    const rows = await db.selectFrom('companies').select(['id', 'owner_id', `${column} as value`]).where(column, 'in', [...new Set(mine.map((d) => d.company![1]))]).execute();
    for (const d of mine) {
      const hits = rows.filter((x) => x.value === d.company![1]);
      const field = companyField[kind];
      const visible = hits.filter((h) => ownerAllowed(p, scopeOf(p, 'company', 'read'), h.owner_id));
      if (!visible.length) out.set(d, { error: d.r.error(field, 'import.company_not_found', 'no company matches') });
      else if (visible.length > 1) out.set(d, { error: d.r.error(field, 'import.company_ambiguous', `${visible.length} companies match`) });
      else if (!ownerAllowed(p, scopeOf(p, 'company', 'update'), visible[0]!.owner_id)) out.set(d, { error: d.r.error(field, 'import.company_forbidden', 'you may not link contacts to this company') });
      else out.set(d, { id: visible[0]!.id });
    }
  }
  return out;
}

export const contactKeyField = (key: ImportKey | null) => (key === 'email' ? 'emails' : key === 'phone' ? 'phones' : (key ?? 'firstName'));

export function contactKeyOf(key: ImportKey | null, d: ContactDraft): string | null {
  if (key === 'email') return d.patch.emails?.[0]?.email ?? null;
  if (key === 'phone') return d.patch.phones?.find((x) => x.e164)?.e164 ?? null;
  if (key === 'externalId') return d.externalId;
  return null;
}

/** Contacts matching the rows' keys: key value -> ids. */
export async function findContactKeys(db: Executor, key: ImportKey | null, values: string[]): Promise<Map<string, string[]>> {
  const unique = [...new Set(values)];
  if (!key || !unique.length) return new Map();
  if (key === 'email' || key === 'phone') return idsByChild(db, 'contact', key, unique);
  const rows = await db.selectFrom('contacts').select(['id', 'external_id']).where('external_id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.external_id!, [r.id]]));
}
