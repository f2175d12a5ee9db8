import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { dialectOf, searchSortKey } from '../../platform/db/dialect.js';
import type { Cursor } from '../../platform/http/pagination.js';
import type { ContactSort } from './contacts.schema.js';
import { ENTITY, selectContacts, type ContactRow } from './contacts.repository.js';

/** SQL of contact lists: filters, full-text search, keyset pages; duplicate lookups. */

export interface ListSpec {
  /** Folded search tokens (all must match, as prefixes). */
  tokens: string[];
  ownerId?: string;
  companyId?: string;
  tag?: string;
  /** Owners visible under the caller's scope; null = all. */
  owners: string[] | null;
  sort: ContactSort;
  cursor: Cursor | null;
  limit: number;
}

const sortColumns = {
  fullName: 'contacts.full_name',
  createdAt: 'contacts.created_at',
  updatedAt: 'contacts.updated_at',
} as const;

export function sortOf(sort: ContactSort) {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as keyof typeof sortColumns;
  return { desc, key, column: sortColumns[key] };
}

/** A full-text condition on contacts.search_text: FTS5 on SQLite, tsvector on PostgreSQL. */
function textMatch(db: Executor, tokens: string[]) {
  if (dialectOf(db) === 'postgres') {
    const query = tokens.map((t) => `'${t.replace(/'/g, "''")}':*`).join(' & ');
    return sql<boolean>`contacts.search_tsv @@ to_tsquery('simple', ${query})`;
  }
  const query = tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
  return sql<boolean>`contacts.rowid in (select rowid from contacts_fts where contacts_fts match ${query})`;
}

function filtered(db: Executor, spec: Omit<ListSpec, 'sort' | 'cursor' | 'limit'>) {
  let q = selectContacts(db);
  if (spec.owners) q = spec.owners.length ? q.where('contacts.owner_id', 'in', spec.owners) : q.where(sql<boolean>`1 = 0`);
  if (spec.ownerId) q = q.where('contacts.owner_id', '=', spec.ownerId);
  if (spec.companyId) {
    const companyId = spec.companyId;
    q = q.where('contacts.id', 'in', (eb) => eb.selectFrom('company_contacts').select('contact_id').where('company_id', '=', companyId));
  }
  if (spec.tag) {
    const tag = spec.tag;
    q = q.where('contacts.id', 'in', (eb) =>
      eb.selectFrom('tags').select('entity_id').where('entity', '=', ENTITY).where('tag', '=', tag),
    );
  }
  if (spec.tokens.length) q = q.where(textMatch(db, spec.tokens));
  return q;
}

/** One keyset page (limit + 1 rows are read to know whether another page follows). */
export async function listContacts(db: Executor, spec: ListSpec): Promise<{ rows: ContactRow[]; next: Cursor | null }> {
  const { desc, key, column } = sortOf(spec.sort);
  let q = filtered(db, spec);
  if (spec.cursor) {
    const { v, id } = spec.cursor;
    q = q.where((eb) =>
      eb(eb.refTuple(column, 'contacts.id'), desc ? '<' : '>', eb.tuple(String(v), id)),
    );
  }
  const dir = desc ? 'desc' : 'asc';
  const rows = await q
    .orderBy(searchSortKey(db, column, spec.tokens.length > 0), dir)
    .orderBy('contacts.id', dir)
    .limit(spec.limit + 1)
    .execute();
  const more = rows.length > spec.limit;
  const page = more ? rows.slice(0, spec.limit) : rows;
  const last = page[page.length - 1];
  const sortValue = (r: ContactRow) => (key === 'fullName' ? r.full_name : key === 'createdAt' ? r.created_at : r.updated_at);
  return { rows: page, next: more && last ? { v: sortValue(last), id: last.id } : null };
}

/** Visible contacts having one of the phones (E.164) or e-mails. */
export async function contactsWithPhonesOrEmails(db: Executor, e164s: string[], emails: string[], owners: string[] | null) {
  const found = new Map<string, Set<'phone' | 'email'>>();
  const add = (id: string, m: 'phone' | 'email') => found.set(id, (found.get(id) ?? new Set()).add(m));
  if (e164s.length) {
    const rows = await db.selectFrom('phones').select('entity_id').where('entity', '=', ENTITY).where('e164', 'in', e164s).limit(100).execute();
    rows.forEach((r) => add(r.entity_id, 'phone'));
  }
  if (emails.length) {
    const rows = await db.selectFrom('emails').select('entity_id').where('entity', '=', ENTITY).where('email', 'in', emails).limit(100).execute();
    rows.forEach((r) => add(r.entity_id, 'email'));
  }
  const rows = found.size ? await visible(db, [...found.keys()], owners) : [];
  return rows.map((r) => ({ row: r, matches: [...found.get(r.id)!] }));
}

/** Visible contacts whose name contains every token, optionally only those linked to one of the companies. */
export async function contactsByName(db: Executor, tokens: string[], companyIds: string[], owners: string[] | null) {
  if (!tokens.length) return [];
  return filtered(db, { tokens, owners })
    .$if(companyIds.length > 0, (q) =>
      q.where('contacts.id', 'in', (eb) => eb.selectFrom('company_contacts').select('contact_id').where('company_id', 'in', companyIds)),
    )
    .limit(200)
    .execute();
}

async function visible(db: Executor, ids: string[], owners: string[] | null): Promise<ContactRow[]> {
  let q = selectContacts(db).where('contacts.id', 'in', ids);
  if (owners) q = owners.length ? q.where('contacts.owner_id', 'in', owners) : q.where(sql<boolean>`1 = 0`);
  return q.execute();
}
