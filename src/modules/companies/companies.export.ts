import type { z } from 'zod';
import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import { keysetPages, pickColumns, tableStream, type Column } from '../exports/index.js';
import { listCustomFields } from '../customfields/index.js';
import { toCompany } from './companies.mapper.js';
import { listCompanies } from './companies.query.js';
import { loadChildren } from './companies.repository.js';
import { listSpecOf } from './companies.rules.js';
import type { Address, Company, companyExportQuery } from './companies.schema.js';
import type { CompaniesService } from './companies.service.js';

const PAGE = 500;

const address = (list: Address[], kind: Address['kind']) => {
  const a = list.find((x) => x.kind === kind);
  return a ? [a.postalCode, a.country, a.city, a.line].filter(Boolean).join(', ') : null;
};
const customText = (v: unknown): string | null =>
  v === undefined || v === null ? null : Array.isArray(v) ? v.join(', ') : String(v);

const baseColumns: [string, (c: Company) => string | null][] = [
  ['id', (c) => c.id],
  ['name', (c) => c.name],
  ['legalForm', (c) => c.legalForm],
  ['inn', (c) => c.inn],
  ['kpp', (c) => c.kpp],
  ['ogrn', (c) => c.ogrn],
  ['okpo', (c) => c.okpo],
  ['okvedMain', (c) => c.okvedMain],
  ['okvedExtra', (c) => c.okvedExtra.join(', ')],
  ['eik', (c) => c.eik],
  ['vatNumber', (c) => c.vatNumber],
  ['industry', (c) => c.industry],
  ['activityType', (c) => c.activityType],
  ['status', (c) => c.status],
  ['statusChangedAt', (c) => c.statusChangedAt],
  ['directorName', (c) => c.directorName],
  ['directorPosition', (c) => c.directorPosition],
  ['phones', (c) => c.phones.map((p) => (p.e164 ?? p.raw) + (p.ext ? ` ext. ${p.ext}` : '')).join(', ')],
  ['emails', (c) => c.emails.map((e) => e.email).join(', ')],
  ['city', (c) => c.city],
  ['legalAddress', (c) => address(c.addresses, 'legal')],
  ['actualAddress', (c) => address(c.addresses, 'actual')],
  ['postalAddress', (c) => address(c.addresses, 'postal')],
  ['website', (c) => c.website],
  ['source', (c) => c.source],
  ['ownerName', (c) => c.ownerName],
  ['tags', (c) => c.tags.join(', ')],
  ['notes', (c) => c.notes],
];
const tailColumns: [string, (c: Company) => string | null][] = [
  ['createdAt', (c) => c.createdAt],
  ['updatedAt', (c) => c.updatedAt],
];

/**
 * The filtered list as CSV (UTF-8 with BOM) or XLSX with the chosen columns, read in keyset pages while the
 * client downloads, limited to the companies the principal may export. Filters are checked before the first byte.
 */
export async function exportCompanies(svc: CompaniesService, p: Principal, q: z.infer<typeof companyExportQuery>): Promise<ReadableStream<Uint8Array>> {
  const spec = await listSpecOf(svc.db, { ...q, limit: PAGE }, ownerFilter(p, scopeOf(p, 'company', 'export')), svc.config.defaultCountry);
  const custom = await listCustomFields(svc.db, 'company');
  const all: Column<Company>[] = [
    ...baseColumns,
    ...custom.map((f): [string, (c: Company) => string | null] => [`cf.${f.key}`, (c) => customText(c.custom[f.key])]),
    ...tailColumns,
  ].map(([key, get]) => ({ key, get }));
  const columns = pickColumns(all, q.columns);
  const pages = keysetPages(spec.cursor, async (cursor) => {
    const { rows, next } = await listCompanies(svc.db, { ...spec, cursor });
    const children = await loadChildren(svc.db, rows.map((r) => r.id));
    return { rows: rows.map((r) => toCompany(r, children.get(r.id)!)), next };
  });
  return tableStream(columns, pages, { format: q.format, delimiter: q.delimiter, sheetName: 'Companies' });
}
