import type { z } from 'zod';
import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import { keysetPages, pickColumns, tableStream, type Column } from '../exports/index.js';
import { listCustomFields } from '../customfields/index.js';
import type { CompanyRow } from './companies.mapper.js';
import { listCompanies, type ChildTexts } from './companies.query.js';
import { listSpecOf } from './companies.rules.js';
import type { Address, companyExportQuery } from './companies.schema.js';
import type { CompaniesService } from './companies.service.js';

/** Rows per keyset page (larger pages save little and outlive the young generation of the garbage collector). */
const PAGE = 1000;

/** A listed row; JSON columns are parsed only when a chosen column reads them. */
interface ExportRow {
  r: CompanyRow & Partial<ChildTexts>;
  addresses?: Address[];
  custom?: Record<string, unknown>;
}

const addressesOf = (x: ExportRow) => (x.addresses ??= JSON.parse(x.r.addresses) as Address[]);
const customOf = (x: ExportRow) => (x.custom ??= JSON.parse(x.r.custom) as Record<string, unknown>);
const joined = (json: string) => (json === '[]' ? '' : (JSON.parse(json) as string[]).join(', '));

const address = (x: ExportRow, kind: Address['kind']) => {
  const a = addressesOf(x).find((y) => y.kind === kind);
  return a ? [a.postalCode, a.country, a.city, a.line].filter(Boolean).join(', ') : null;
};
const customText = (v: unknown): string | null =>
  v === undefined || v === null ? null : Array.isArray(v) ? v.join(', ') : String(v);

const baseColumns: [string, (x: ExportRow) => string | null][] = [
  ['id', (x) => x.r.id],
  ['name', (x) => x.r.name],
  ['legalForm', (x) => x.r.legal_form],
  ['inn', (x) => x.r.inn],
  ['kpp', (x) => x.r.kpp],
  ['ogrn', (x) => x.r.ogrn],
  ['okpo', (x) => x.r.okpo],
  ['okvedMain', (x) => x.r.okved_main],
  ['okvedExtra', (x) => joined(x.r.okved_extra)],
  ['eik', (x) => x.r.eik],
  ['vatNumber', (x) => x.r.vat_number],
  ['industry', (x) => x.r.industry],
  ['activityType', (x) => x.r.activity_type],
  ['status', (x) => x.r.status],
  ['statusChangedAt', (x) => x.r.status_changed_at],
  ['directorName', (x) => x.r.director_name],
  ['directorPosition', (x) => x.r.director_position],
  ['phones', (x) => x.r.phones_text ?? null],
  ['emails', (x) => x.r.emails_text ?? null],
  ['city', (x) => x.r.city],
  ['legalAddress', (x) => address(x, 'legal')],
  ['actualAddress', (x) => address(x, 'actual')],
  ['postalAddress', (x) => address(x, 'postal')],
  ['website', (x) => x.r.website],
  ['source', (x) => x.r.source],
  ['ownerName', (x) => x.r.owner_name],
  ['tags', (x) => x.r.tags_text ?? null],
  ['notes', (x) => x.r.notes],
];
const tailColumns: [string, (x: ExportRow) => string | null][] = [
  ['createdAt', (x) => x.r.created_at],
  ['updatedAt', (x) => x.r.updated_at],
];

/**
 * The filtered list as CSV (UTF-8 with BOM) or XLSX with the chosen columns, read in keyset pages while the
 * client downloads, limited to the companies the principal may export. Filters are checked before the first byte.
 */
export async function exportCompanies(svc: CompaniesService, p: Principal, q: z.infer<typeof companyExportQuery>): Promise<ReadableStream<Uint8Array>> {
  const spec = await listSpecOf(svc.db, { ...q, limit: PAGE }, ownerFilter(p, scopeOf(p, 'company', 'export')), svc.config.defaultCountry);
  const custom = await listCustomFields(svc.db, 'company');
  const all: Column<ExportRow>[] = [
    ...baseColumns,
    ...custom.map((f): [string, (x: ExportRow) => string | null] => [`cf.${f.key}`, (x) => customText(customOf(x)[f.key])]),
    ...tailColumns,
  ].map(([key, get]) => ({ key, get }));
  const columns = pickColumns(all, q.columns);
  const pages = keysetPages(spec.cursor, async (cursor) => {
    const { rows, next } = await listCompanies(svc.db, { ...spec, cursor, childTexts: true });
    return { rows: rows.map((r): ExportRow => ({ r })), next };
  });
  return tableStream(columns, pages, { format: q.format, delimiter: q.delimiter, sheetName: 'Companies' });
}
