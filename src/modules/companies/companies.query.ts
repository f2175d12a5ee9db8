import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { dialectOf, searchSortKey } from '../../platform/db/dialect.js';
import type { Cursor } from '../../platform/http/pagination.js';
import type { CustomField } from '../customfields/index.js';
import type { CompanySort, CompanyStatus } from './companies.schema.js';
import type { CompanyRow } from './companies.mapper.js';
import { ENTITY, selectCompanies } from './companies.repository.js';

/** SQL of company lists: filters, full-text search, custom-field filters and keyset pages. */

export interface CustomFilter {
  field: CustomField;
  value: string | number | boolean;
}

export interface ListSpec {
  /** Folded search tokens; all must match (as prefixes when longer than one character). */
  tokens: string[];
  /** Any one of the tokens is enough (the notations of one phone number). */
  anyToken?: boolean;
  status?: CompanyStatus;
  ownerId?: string;
  tag?: string;
  industry?: string;
  city?: string;
  /** stored classes of the segments module (its company_segments table) */
  abc?: string;
  xyz?: string;
  custom: CustomFilter[];
  /** Owners visible under the caller's scope; null = every record. */
  owners: string[] | null;
  sort: CompanySort;
  cursor: Cursor | null;
  limit: number;
  /** Also read the phones, e-mails and tags as display texts (exports: no object per phone or tag). */
  childTexts?: boolean;
}

const sortColumns = {
  name: 'companies.name_normalized',
  createdAt: 'companies.created_at',
  updatedAt: 'companies.updated_at',
} as const;

export function sortOf(sort: CompanySort) {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as keyof typeof sortColumns;
  return { desc, key, column: sortColumns[key] };
}

/**
 * Full-text condition: FTS5 (joined by rowid) on SQLite, the tsvector GIN index on PostgreSQL.
 * Every token must match, or any one of them when `any` is set.
 */
export function textMatch(db: Executor, tokens: string[], any = false): Expression<SqlBool> {
  if (dialectOf(db) === 'postgres') {
    const query = tokens.map((t) => `'${t.replace(/'/g, "''")}'${t.length > 1 ? ':*' : ''}`).join(any ? ' | ' : ' & ');
    return sql<SqlBool>`companies.search_tsv @@ to_tsquery('simple', ${query})`;
  }
  const query = tokens.map((t) => `"${t.replace(/"/g, '""')}"${t.length > 1 ? '*' : ''}`).join(any ? ' OR ' : ' ');
  return sql<SqlBool>`companies.rowid IN (SELECT rowid FROM companies_fts WHERE companies_fts MATCH ${query})`;
}

/** A custom-field filter on the JSON `custom` column (multiselect: the list contains the value). */
function customMatch(db: Executor, f: CustomFilter): Expression<SqlBool> {
  const { key, type } = f.field;
  if (dialectOf(db) === 'postgres') {
    const doc = JSON.stringify({ [key]: type === 'multiselect' ? [f.value] : f.value });
    return sql<SqlBool>`companies.custom::jsonb @> ${doc}::jsonb`;
  }
  const path = `$.${key}`;
  if (type === 'multiselect') {
    return sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(companies.custom, ${path}) AS j WHERE j.value = ${f.value})`;
  }
  const value = typeof f.value === 'boolean' ? Number(f.value) : f.value;
  return sql<SqlBool>`json_extract(companies.custom, ${path}) = ${value}`;
}

export function filtered(db: Executor, spec: Omit<ListSpec, 'sort' | 'cursor' | 'limit'>) {
  let q = selectCompanies(db);
  if (spec.owners) q = spec.owners.length ? q.where('companies.owner_id', 'in', spec.owners) : q.where(sql<SqlBool>`1 = 0`);
  if (spec.ownerId) q = q.where('companies.owner_id', '=', spec.ownerId);
  if (spec.status) q = q.where('companies.status', '=', spec.status);
  if (spec.industry) q = q.where('companies.industry', '=', spec.industry);
  if (spec.city) q = q.where('companies.city', '=', spec.city);
  if (spec.tag) {
    const tag = spec.tag;
    q = q.where('companies.id', 'in', (eb) => eb.selectFrom('tags').select('entity_id').where('entity', '=', ENTITY).where('tag', '=', tag));
  }
  for (const column of ['abc', 'xyz'] as const) {
    const cls = spec[column];
    if (cls) q = q.where('companies.id', 'in', (eb) => eb.selectFrom('company_segments').select('company_id').where(column, '=', cls));
  }
  if (spec.tokens.length) q = q.where(textMatch(db, spec.tokens, spec.anyToken));
  for (const f of spec.custom) q = q.where(customMatch(db, f));
  return q;
}

/** A list aggregated to one text by the database, items joined by ", " in `order`. */
function joinedText(db: Executor, item: Expression<unknown>, order: Expression<unknown>) {
  return dialectOf(db) === 'postgres' ? sql`string_agg(${item}, ', ' ORDER BY ${order})` : sql`group_concat(${item}, ', ' ORDER BY ${order})`;
}

export interface ChildTexts {
  phones_text: string | null;
  emails_text: string | null;
  tags_text: string | null;
}

/** A company's phones (E.164, else as typed, with the extension), e-mails and tags as texts, null when none. */
function childTextColumns(db: Executor) {
  const phone = sql`coalesce(p.e164, p.raw) || CASE WHEN p.ext <> '' THEN ' ext. ' || p.ext ELSE '' END`;
  return [
    sql<string | null>`(SELECT ${joinedText(db, phone, sql`p.sort`)} FROM phones p WHERE p.entity = ${ENTITY} AND p.entity_id = companies.id)`.as('phones_text'),
    sql<string | null>`(SELECT ${joinedText(db, sql`e.email`, sql`e.sort`)} FROM emails e WHERE e.entity = ${ENTITY} AND e.entity_id = companies.id)`.as('emails_text'),
    sql<string | null>`(SELECT ${joinedText(db, sql`t.tag`, sql`t.tag`)} FROM tags t WHERE t.entity = ${ENTITY} AND t.entity_id = companies.id)`.as('tags_text'),
  ];
}

/** One keyset page: limit + 1 rows are read to know whether another page follows. */
export async function listCompanies(db: Executor, spec: ListSpec): Promise<{ rows: (CompanyRow & Partial<ChildTexts>)[]; next: Cursor | null }> {
  const { desc, key, column } = sortOf(spec.sort);
  let q = filtered(db, spec);
  if (spec.cursor) {
    const { v, id } = spec.cursor;
    q = q.where((eb) => eb(eb.refTuple(column, 'companies.id'), desc ? '<' : '>', eb.tuple(String(v), id)));
  }
  const dir = desc ? 'desc' : 'asc';
  const rows = await q
    .$if(spec.childTexts === true, (qb) => qb.select(childTextColumns(db)))
    .orderBy(searchSortKey(db, column, spec.tokens.length > 0), dir)
    .orderBy('companies.id', dir)
    .limit(spec.limit + 1)
    .execute();
  const more = rows.length > spec.limit;
  const page = more ? rows.slice(0, spec.limit) : rows;
  const last = page[page.length - 1];
  const sortValue = (r: CompanyRow) => (key === 'name' ? r.name_normalized : key === 'createdAt' ? r.created_at : r.updated_at);
  return { rows: page, next: more && last ? { v: sortValue(last), id: last.id } : null };
}
