import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ContactTable } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';

/** SQL of one contact and its owned rows (phones, e-mails, tags, company links). */

export const ENTITY = 'contact';

export type ContactRow = Selectable<ContactTable> & { owner_name: string | null };
export interface PhoneRow {
  kind: string;
  raw: string;
  e164: string | null;
  ext: string | null;
}
export interface EmailRow {
  kind: string;
  email: string;
}
export interface LinkRow {
  company_id: string;
  name: string;
  position: string | null;
  is_primary: number;
}
export interface Children {
  phones: PhoneRow[];
  emails: EmailRow[];
  tags: string[];
  companies: LinkRow[];
}

export function selectContacts(db: Executor) {
  return db
    .selectFrom('contacts')
    .leftJoin('users as owner', 'owner.id', 'contacts.owner_id')
    .selectAll('contacts')
    .select('owner.name as owner_name');
}

export async function findContact(db: Executor, id: string): Promise<ContactRow | undefined> {
  return selectContacts(db).where('contacts.id', '=', id).executeTakeFirst();
}

export async function insertContact(db: Executor, row: Insertable<ContactTable>): Promise<void> {
  await db.insertInto('contacts').values(row).execute();
}

/** Updates when the version still matches; returns whether a row changed. */
export async function updateContact(db: Executor, id: string, version: number, set: Updateable<ContactTable>): Promise<boolean> {
  const r = await db.updateTable('contacts').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteContactRows(db: Executor, id: string): Promise<void> {
  for (const table of ['phones', 'emails', 'tags'] as const) {
    await db.deleteFrom(table).where('entity', '=', ENTITY).where('entity_id', '=', id).execute();
  }
  await db.deleteFrom('company_contacts').where('contact_id', '=', id).execute();
  await db.deleteFrom('contacts').where('id', '=', id).execute();
}

export async function replacePhones(db: Executor, id: string, phones: PhoneRow[]): Promise<void> {
  await db.deleteFrom('phones').where('entity', '=', ENTITY).where('entity_id', '=', id).execute();
  if (!phones.length) return;
  await db
    .insertInto('phones')
    .values(phones.map((p, sort) => ({ id: newId(), entity: ENTITY, entity_id: id, kind: p.kind, raw: p.raw, e164: p.e164, ext: p.ext, sort })))
    .execute();
}

export async function replaceEmails(db: Executor, id: string, emails: EmailRow[]): Promise<void> {
  await db.deleteFrom('emails').where('entity', '=', ENTITY).where('entity_id', '=', id).execute();
  if (!emails.length) return;
  await db
    .insertInto('emails')
    .values(emails.map((e, sort) => ({ id: newId(), entity: ENTITY, entity_id: id, kind: e.kind, email: e.email, sort })))
    .execute();
}

export async function replaceTags(db: Executor, id: string, tags: string[]): Promise<void> {
  await db.deleteFrom('tags').where('entity', '=', ENTITY).where('entity_id', '=', id).execute();
  if (!tags.length) return;
  await db
    .insertInto('tags')
    .values(tags.map((tag) => ({ entity: ENTITY, entity_id: id, tag })))
    .execute();
}

/** Moves phones from one contact to another, except numbers the target already has. */
export async function movePhones(db: Executor, fromId: string, toId: string, exceptE164: string[]): Promise<void> {
  let q = db.updateTable('phones').set({ entity_id: toId }).where('entity', '=', ENTITY).where('entity_id', '=', fromId);
  if (exceptE164.length) q = q.where((eb) => eb.or([eb('e164', 'is', null), eb('e164', 'not in', exceptE164)]));
  await q.execute();
}

/** Moves e-mails from one contact to another, except addresses the target already has. */
export async function moveEmails(db: Executor, fromId: string, toId: string, exceptEmails: string[]): Promise<void> {
  let q = db.updateTable('emails').set({ entity_id: toId }).where('entity', '=', ENTITY).where('entity_id', '=', fromId);
  if (exceptEmails.length) q = q.where('email', 'not in', exceptEmails);
  await q.execute();
}

/** Phones, e-mails, tags and company links of many contacts, by contact id. */
export async function loadChildren(db: Executor, ids: string[]): Promise<Map<string, Children>> {
  const out = new Map<string, Children>(ids.map((id) => [id, { phones: [], emails: [], tags: [], companies: [] }]));
  if (!ids.length) return out;
  const [phones, emails, tags, links] = await Promise.all([
    db.selectFrom('phones').select(['entity_id', 'kind', 'raw', 'e164', 'ext']).where('entity', '=', ENTITY).where('entity_id', 'in', ids).orderBy('sort').orderBy('id').execute(),
    db.selectFrom('emails').select(['entity_id', 'kind', 'email']).where('entity', '=', ENTITY).where('entity_id', 'in', ids).orderBy('sort').orderBy('id').execute(),
    db.selectFrom('tags').select(['entity_id', 'tag']).where('entity', '=', ENTITY).where('entity_id', 'in', ids).orderBy('tag').execute(),
    db
      .selectFrom('company_contacts as cc')
      .innerJoin('companies as co', 'co.id', 'cc.company_id')
      .select(['cc.contact_id', 'cc.company_id', 'co.name', 'cc.position', 'cc.is_primary'])
      .where('cc.contact_id', 'in', ids)
      .orderBy('cc.is_primary', 'desc')
      .orderBy('co.name')
      .execute(),
  ]);
  for (const { entity_id, ...p } of phones) out.get(entity_id)?.phones.push(p);
  for (const { entity_id, ...e } of emails) out.get(entity_id)?.emails.push(e);
  for (const t of tags) out.get(t.entity_id)?.tags.push(t.tag);
  for (const { contact_id, ...l } of links) out.get(contact_id)?.companies.push(l);
  return out;
}

export async function userExists(db: Executor, id: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst());
}

/** Owners of companies (for access checks on linking); missing ids are absent from the map. */
export async function companyOwners(db: Executor, ids: string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('companies').select(['id', 'owner_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.owner_id]));
}

export async function findLink(db: Executor, companyId: string, contactId: string) {
  return db
    .selectFrom('company_contacts')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
}

export async function upsertLink(db: Executor, link: { company_id: string; contact_id: string; position: string | null; is_primary: number }) {
  await db
    .insertInto('company_contacts')
    .values(link)
    .onConflict((oc) => oc.columns(['company_id', 'contact_id']).doUpdateSet({ position: link.position, is_primary: link.is_primary }))
    .execute();
}

export async function deleteLink(db: Executor, companyId: string, contactId: string): Promise<void> {
  await db.deleteFrom('company_contacts').where('company_id', '=', companyId).where('contact_id', '=', contactId).execute();
}

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
