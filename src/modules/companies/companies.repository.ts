import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { CompanyTable } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import type { Email, Phone } from './companies.schema.js';
import { noChildren, type Children, type CompanyRow } from './companies.mapper.js';

/** SQL of company rows and their phones, e-mails, tags, contact links and history. */

export const ENTITY = 'company';

const columns = [
  'companies.id',
  'companies.name',
  'companies.name_normalized',
  'companies.legal_form',
  'companies.inn',
  'companies.kpp',
  'companies.ogrn',
  'companies.okpo',
  'companies.okved_main',
  'companies.okved_extra',
  'companies.eik',
  'companies.vat_number',
  'companies.industry',
  'companies.activity_type',
  'companies.status',
  'companies.status_changed_at',
  'companies.director_name',
  'companies.director_position',
  'companies.website',
  'companies.source',
  'companies.owner_id',
  'companies.addresses',
  'companies.city',
  'companies.notes',
  'companies.custom',
  'companies.version',
  'companies.created_by',
  'companies.created_at',
  'companies.updated_at',
] as const;

export function selectCompanies(db: Executor) {
  return db.selectFrom('companies').leftJoin('users as owner', 'owner.id', 'companies.owner_id').select([...columns, 'owner.name as owner_name']);
}

export async function findCompany(db: Executor, id: string): Promise<CompanyRow | undefined> {
  return selectCompanies(db).where('companies.id', '=', id).executeTakeFirst();
}

export async function insertCompany(db: Executor, row: Insertable<CompanyTable>): Promise<void> {
  await db.insertInto('companies').values(row).execute();
}

/** Optimistic update: true when the row still had `version`. */
export async function updateCompany(db: Executor, id: string, version: number, set: Updateable<CompanyTable>): Promise<boolean> {
  const r = await db.updateTable('companies').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes the company with its phones, e-mails, tags and contact links. */
export async function deleteCompanyRows(db: Executor, id: string): Promise<void> {
  for (const table of ['phones', 'emails', 'tags'] as const) {
    await db.deleteFrom(table).where('entity', '=', ENTITY).where('entity_id', '=', id).execute();
  }
  await db.deleteFrom('company_contacts').where('company_id', '=', id).execute();
  await db.deleteFrom('companies').where('id', '=', id).execute();
}

/** Phones, e-mails and tags of several companies (one query each). */
export async function loadChildren(db: Executor, ids: string[]): Promise<Map<string, Children>> {
  const out = new Map(ids.map((id) => [id, noChildren()]));
  if (!ids.length) return out;
  const [phones, emails, tags] = await Promise.all([
    db.selectFrom('phones').select(['entity_id', 'kind', 'raw', 'e164', 'ext']).where('entity', '=', ENTITY).where('entity_id', 'in', ids).orderBy('entity_id').orderBy('sort').execute(),
    db.selectFrom('emails').select(['entity_id', 'kind', 'email']).where('entity', '=', ENTITY).where('entity_id', 'in', ids).orderBy('entity_id').orderBy('sort').execute(),
    db.selectFrom('tags').select(['entity_id', 'tag']).where('entity', '=', ENTITY).where('entity_id', 'in', ids).orderBy('entity_id').orderBy('tag').execute(),
  ]);
  for (const p of phones) out.get(p.entity_id)?.phones.push({ kind: p.kind as Phone['kind'], raw: p.raw, e164: p.e164, ext: p.ext });
  for (const e of emails) out.get(e.entity_id)?.emails.push({ kind: e.kind as Email['kind'], email: e.email });
  for (const t of tags) out.get(t.entity_id)?.tags.push(t.tag);
  return out;
}

export async function loadContacts(db: Executor, companyId: string) {
  const rows = await db
    .selectFrom('company_contacts as cc')
    .innerJoin('contacts', 'contacts.id', 'cc.contact_id')
    .select(['contacts.id', 'contacts.full_name', 'cc.position as link_position', 'contacts.position', 'cc.is_primary'])
    .where('cc.company_id', '=', companyId)
    .orderBy('cc.is_primary', 'desc')
    .orderBy('contacts.full_name')
    .orderBy('contacts.id')
    .execute();
  return rows.map((r) => ({ id: r.id, fullName: r.full_name, position: r.link_position ?? r.position, isPrimary: r.is_primary === 1 }));
}

/** Phones, e-mails and tags of a company that has none yet (a new one). */
export async function insertChildren(db: Executor, companyId: string, ch: Children): Promise<void> {
  if (ch.phones.length) {
    await db
      .insertInto('phones')
      .values(ch.phones.map((p, i) => ({ id: newId(), entity: ENTITY, entity_id: companyId, kind: p.kind, raw: p.raw, e164: p.e164, ext: p.ext, sort: i })))
      .execute();
  }
  if (ch.emails.length) {
    await db
      .insertInto('emails')
      .values(ch.emails.map((e, i) => ({ id: newId(), entity: ENTITY, entity_id: companyId, kind: e.kind, email: e.email, sort: i })))
      .execute();
  }
  if (ch.tags.length) await db.insertInto('tags').values(ch.tags.map((tag) => ({ entity: ENTITY, entity_id: companyId, tag }))).execute();
}

export async function replacePhones(db: Executor, companyId: string, phones: Phone[]): Promise<void> {
  await db.deleteFrom('phones').where('entity', '=', ENTITY).where('entity_id', '=', companyId).execute();
  await insertChildren(db, companyId, { phones, emails: [], tags: [] });
}

export async function replaceEmails(db: Executor, companyId: string, emails: Email[]): Promise<void> {
  await db.deleteFrom('emails').where('entity', '=', ENTITY).where('entity_id', '=', companyId).execute();
  await insertChildren(db, companyId, { phones: [], emails, tags: [] });
}

export async function replaceTags(db: Executor, companyId: string, tags: string[]): Promise<void> {
  await db.deleteFrom('tags').where('entity', '=', ENTITY).where('entity_id', '=', companyId).execute();
  await insertChildren(db, companyId, { phones: [], emails: [], tags });
}

/** Moves the source's contact links to the target; a contact linked to both keeps one link (primary if either was). */
export async function moveContactLinks(db: Executor, fromId: string, toId: string): Promise<void> {
  const links = await db.selectFrom('company_contacts').selectAll().where('company_id', 'in', [fromId, toId]).execute();
  const target = new Map(links.filter((l) => l.company_id === toId).map((l) => [l.contact_id, l]));
  for (const l of links.filter((x) => x.company_id === fromId)) {
    const mine = target.get(l.contact_id);
    if (!mine) {
      await db.updateTable('company_contacts').set({ company_id: toId }).where('company_id', '=', fromId).where('contact_id', '=', l.contact_id).execute();
      continue;
    }
    await db
      .updateTable('company_contacts')
      .set({ position: mine.position ?? l.position, is_primary: mine.is_primary || l.is_primary ? 1 : 0 })
      .where('company_id', '=', toId)
      .where('contact_id', '=', l.contact_id)
      .execute();
    await db.deleteFrom('company_contacts').where('company_id', '=', fromId).where('contact_id', '=', l.contact_id).execute();
  }
}

/** A column of another module's table that holds company ids. */
export interface CompanyReference {
  table: string;
  column: string;
  /** refuse (default): deleting a company it names is refused; unlink: its foreign key sets it null. */
  onDelete?: 'refuse' | 'unlink';
}

export async function repointReferences(db: Executor, refs: CompanyReference[], fromId: string, toId: string): Promise<void> {
  for (const r of refs) {
    await sql`UPDATE ${sql.table(r.table)} SET ${sql.ref(r.column)} = ${toId} WHERE ${sql.ref(r.column)} = ${fromId}`.execute(db);
  }
}

/** The first registered table that still refers to the company, or null. */
export async function referencedBy(db: Executor, refs: CompanyReference[], id: string): Promise<string | null> {
  for (const r of refs) {
    if (r.onDelete === 'unlink') continue;
    const hit = await sql<{ one: number }>`SELECT 1 AS one FROM ${sql.table(r.table)} WHERE ${sql.ref(r.column)} = ${id} LIMIT 1`.execute(db);
    if (hit.rows.length) return r.table;
  }
  return null;
}

/** A record's audit rows, newest first; `before` is the last id of the previous page. */
export async function history(db: Executor, id: string, limit: number, before: string | null) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.at', 'a.user_id', 'u.name as user_name', 'a.action', 'a.field', 'a.old_value', 'a.new_value'])
    .where('a.entity', '=', ENTITY)
    .where('a.entity_id', '=', id);
  if (before) q = q.where('a.id', '<', before);
  return q.orderBy('a.id', 'desc').limit(limit).execute();
}
