import type { z } from 'zod';
import { legalForms } from '../../../shared/legal-forms.js';
import { foldText } from '../../../shared/text.js';
import { fieldIssues } from '../../../platform/http/errors.js';
import { companyInput, normalizeCompanyPhones, type CompanySnapshot } from '../../companies/index.js';
import type { ImportField, RowError } from '../imports.schema.js';
import type { CustomField } from '../../customfields/index.js';
import type { MappedRow, RowChecks } from '../engine/target.js';
import { customValuesOf } from '../engine/values.js';

/** A file row as company data: validated with the API's own schema and phone rules. */

const text = (key: string, required = false): ImportField => ({ key, label: null, type: 'text', required, multiple: false });
const list = (key: string): ImportField => ({ key, label: null, type: 'list', required: false, multiple: true });

export const companyFields: ImportField[] = [
  text('name', true),
  text('legalForm'),
  text('inn'),
  text('kpp'),
  text('ogrn'),
  text('okpo'),
  text('okvedMain'),
  list('okvedExtra'),
  text('eik'),
  text('vatNumber'),
  text('industry'),
  text('activityType'),
  text('status'),
  text('directorName'),
  text('directorPosition'),
  list('phones'),
  list('mobilePhones'),
  list('emails'),
  text('legalAddress'),
  text('actualAddress'),
  text('postalAddress'),
  text('city'),
  text('postalCode'),
  text('country'),
  text('website'),
  text('source'),
  text('owner'),
  list('tags'),
  text('notes'),
  text('externalId'),
];

const statusWords: Record<string, 'potential' | 'current' | 'lost'> = {
  potential: 'potential', prospect: 'potential', потенциальный: 'potential', потенциален: 'potential', потенциальные: 'potential',
  current: 'current', client: 'current', customer: 'current', текущий: 'current', клиент: 'current', текущ: 'current',
  lost: 'lost', потерянный: 'lost', потерян: 'lost', загубен: 'lost', бывший: 'lost',
};

const formsByWords = new Map(legalForms.flatMap((f) => [f.abbr, f.latin, f.name, f.nameEn].filter((x): x is string => !!x).map((x) => [foldText(x), f.abbr])));

/** The editable fields a row sets (partial: updates keep what the row leaves empty). */
export type CompanyPatch = Partial<Omit<CompanySnapshot, 'ownerId' | 'custom'>>;

export interface CompanyDraft {
  r: MappedRow;
  patch: CompanyPatch;
  externalId: string | null;
}

type Parsed = z.output<ReturnType<typeof companyInput.partial>>;

/**
 * companyInput reduced to the keys a row has (files map a few of its fields; the keys a row can have
 * repeat from row to row): a smaller object schema is quicker to run, and the result is the same, as
 * absent keys give nothing and inputOf writes no unknown keys.
 */
const schemas = new Map<string, z.ZodType<Parsed>>();
function schemaFor(input: Record<string, unknown>): z.ZodType<Parsed> {
  const keys = Object.keys(input).join(',');
  let schema = schemas.get(keys);
  if (!schema) {
    const pick = Object.fromEntries(Object.keys(input).map((k) => [k, true])) as Partial<Record<keyof typeof companyInput.shape, true>>;
    schema = companyInput.pick(pick).partial() as unknown as z.ZodType<Parsed>;
    if (schemas.size > 100) schemas.clear();
    schemas.set(keys, schema);
  }
  return schema;
}

/** Columns of list items: `phones.2.raw` is the third phone, which came from some column. */
function itemColumns(r: MappedRow) {
  const phones = [...r.list('phones'), ...r.list('mobilePhones')].map((x) => x.column);
  const emails = r.list('emails').map((x) => x.column);
  const tags = r.list('tags').map((x) => x.column);
  const okved = r.list('okvedExtra').map((x) => x.column);
  const by: Record<string, string[]> = { phones, emails, tags, okvedExtra: okved };
  return (field: string) => {
    const m = /^(phones|emails|tags|okvedExtra)\.(\d+)/.exec(field);
    return m ? (by[m[1]!]![Number(m[2])] ?? null) : null;
  };
}

/** The companyInput object the row describes (only the fields it has). */
function inputOf(r: MappedRow): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of ['name', 'inn', 'kpp', 'ogrn', 'okpo', 'okvedMain', 'eik', 'vatNumber', 'industry', 'activityType', 'directorName', 'directorPosition', 'website', 'source', 'notes']) {
    const v = r.text(k);
    if (v !== undefined) o[k] = v;
  }
  const form = r.text('legalForm');
  if (form !== undefined) o.legalForm = formsByWords.get(foldText(form)) ?? form;
  const status = r.text('status');
  if (status !== undefined) o.status = statusWords[foldText(status)] ?? status;
  const okved = r.list('okvedExtra');
  if (okved.length) o.okvedExtra = okved.map((x) => x.text);
  const phones = [...r.list('phones').map((x) => ({ kind: 'work', raw: x.text })), ...r.list('mobilePhones').map((x) => ({ kind: 'mobile', raw: x.text }))];
  if (phones.length) o.phones = phones;
  const emails = r.list('emails');
  if (emails.length) o.emails = emails.map((x) => ({ kind: 'work', email: x.text }));
  const tags = r.list('tags');
  if (tags.length) o.tags = tags.map((x) => x.text);
  const addresses = (['legal', 'actual', 'postal'] as const).flatMap((kind) => {
    const line = r.text(`${kind}Address`);
    const extra = kind === 'actual' ? { city: r.text('city'), postalCode: r.text('postalCode'), country: r.text('country') } : {};
    return line !== undefined || Object.values(extra).some((v) => v !== undefined) ? [{ kind, line: line ?? null, ...extra }] : [];
  });
  if (addresses.length) o.addresses = addresses;
  return o;
}

/** Validates a row like the API validates a body; normalises phones to E.164. */
export function buildCompany(r: MappedRow, country: 'RU' | 'BG'): { draft: CompanyDraft } | { errors: RowError[] } {
  const input = inputOf(r);
  const parsed = schemaFor(input).safeParse(input);
  if (!parsed.success) return { errors: r.errors(fieldIssues(parsed.error), itemColumns(r)) };
  const p: Parsed = parsed.data;
  const patch: CompanyPatch = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined && k !== 'confirmDuplicate' && k !== 'ownerId' && k !== 'custom') (patch as Record<string, unknown>)[k] = v;
  if (p.phones) {
    const n = normalizeCompanyPhones(p.phones, country);
    if (n.issues.length) return { errors: r.errors(n.issues, itemColumns(r)) };
    patch.phones = n.phones;
  }
  return { draft: { r, patch, externalId: r.text('externalId') ?? null } };
}

/** A validated row: the fields it sets and its custom-field values. */
export interface CompanyRowDraft extends CompanyDraft {
  custom: Record<string, unknown>;
}

export interface CompanyCheckSettings {
  country: 'RU' | 'BG';
  custom: CustomField[];
}

/** A batch's rows as drafts, or their errors: all an import checks without the database. */
export function validateCompanyRows(rows: MappedRow[], settings: CompanyCheckSettings): RowChecks<CompanyRowDraft> {
  const out: RowChecks<CompanyRowDraft> = { drafts: [], errors: [] };
  for (const r of rows) {
    const b = buildCompany(r, settings.country);
    const cv = customValuesOf(r, settings.custom);
    if ('errors' in b || cv.errors.length) out.errors.push(...('errors' in b ? b.errors : []), ...cv.errors);
    else out.drafts.push({ ...b.draft, custom: cv.values });
  }
  return out;
}
