import type { CountryCode } from 'libphonenumber-js';
import { findLegalForm } from '../../shared/legal-forms.js';
import { normalizePhone } from '../../shared/phones.js';
import { searchTokens } from '../../shared/text.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { decodeCursor } from '../../platform/http/pagination.js';
import { listCustomFields, parseCustomFilterValue } from '../customfields/index.js';
import type { Snapshot } from './companies.mapper.js';
import type { CustomFilter, ListSpec } from './companies.query.js';
import type { CompanySort, CompanyStatus, Phone } from './companies.schema.js';

/** Business rules that need more than one field or the database: phones, tax-id combinations, filters. */

/** Normalises typed phones to E.164; a number that cannot be normalised is an error on `phones.<i>.raw`. */
export function normalizePhones(phones: { kind: Phone['kind']; raw: string }[], country: CountryCode): { phones: Phone[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const out = phones.map((p, i) => {
    const n = normalizePhone(p.raw, country);
    if (!n.e164) issues.push({ field: `phones.${i}.raw`, code: 'company.phone_invalid', message: 'is not a valid phone number' });
    return { kind: p.kind, raw: n.raw, e164: n.e164, ext: n.ext };
  });
  return { phones: out, issues };
}

/** Rules between fields: a 12-digit INN belongs to an individual (ИП) and individuals have no KPP. */
export function crossFieldIssues(s: Pick<Snapshot, 'legalForm' | 'inn' | 'kpp'>): FieldIssue[] {
  const form = s.legalForm ? findLegalForm(s.legalForm) : undefined;
  const issues: FieldIssue[] = [];
  if (s.inn?.length === 12 && form && !form.individual) {
    issues.push({ field: 'inn', code: 'company.inn_invalid', message: 'a 12-digit INN belongs to an individual; choose the legal form ИП or none' });
  }
  if (s.inn?.length === 10 && form?.individual) {
    issues.push({ field: 'inn', code: 'company.inn_invalid', message: 'a sole proprietor has a 12-digit INN' });
  }
  if (s.kpp && form?.individual) {
    issues.push({ field: 'kpp', code: 'company.kpp_invalid', message: 'a sole proprietor has no KPP' });
  }
  return issues;
}

const LIST_KEYS = new Set(['q', 'status', 'ownerId', 'tag', 'industry', 'city', 'sort', 'limit', 'cursor', 'format', 'delimiter']);

/** `cf.<key>=value` query parameters as typed filters; an unknown key is a 422 on that parameter. */
export async function customFilters(db: Executor, query: Record<string, unknown>): Promise<CustomFilter[]> {
  const keys = Object.keys(query).filter((k) => !LIST_KEYS.has(k) && k.startsWith('cf.'));
  if (!keys.length) return [];
  const fields = new Map((await listCustomFields(db, 'company')).map((f) => [f.key, f]));
  const issues: FieldIssue[] = [];
  const out: CustomFilter[] = [];
  for (const k of keys) {
    const field = fields.get(k.slice(3));
    if (!field) issues.push({ field: `query.${k}`, code: 'custom_field.unknown', message: 'is not a custom field of companies' });
    else out.push({ field, value: parseCustomFilterValue(field, String(query[k])) });
  }
  if (issues.length) throw AppError.validation(issues);
  return out;
}

/** The list spec for filters + page, minus the caller's owner scope. */
export interface ListQueryLike {
  q?: string;
  status?: CompanyStatus;
  ownerId?: string;
  tag?: string;
  industry?: string;
  city?: string;
  abc?: string;
  xyz?: string;
  sort: CompanySort;
  limit?: number;
  cursor?: string;
}

/**
 * Search tokens of a list query. A query that reads as a phone number in a notation the index
 * does not hold ("00359 888 123 456", "0888 123 456" with the default country BG) also matches
 * its E.164 digits; the digits as typed still match ids and partial numbers.
 */
function queryTokens(q: string | undefined, country: CountryCode): Pick<ListSpec, 'tokens' | 'anyToken'> {
  if (!q) return { tokens: [] };
  const tokens = searchTokens(q);
  const e164 = tokens.length === 1 && /^[\d\s+()-]+$/.test(q) ? normalizePhone(q, country).e164 : null;
  if (e164 && e164.slice(1) !== tokens[0]) return { tokens: [tokens[0]!, e164.slice(1)], anyToken: true };
  return { tokens };
}

export async function listSpecOf(db: Executor, q: ListQueryLike, owners: string[] | null, country: CountryCode): Promise<ListSpec> {
  return {
    ...queryTokens(q.q, country),
    status: q.status,
    ownerId: q.ownerId,
    tag: q.tag,
    industry: q.industry,
    city: q.city,
    abc: q.abc,
    xyz: q.xyz,
    custom: await customFilters(db, q as unknown as Record<string, unknown>),
    owners,
    sort: q.sort,
    cursor: q.cursor ? decodeCursor(q.cursor) : null,
    limit: q.limit ?? 50,
  };
}
