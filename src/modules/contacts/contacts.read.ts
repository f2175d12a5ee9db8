import type { Executor } from '../../platform/db/database.js';
import { toContact } from './contacts.mapper.js';
import { loadChildren, selectContacts } from './contacts.repository.js';
import type { Contact } from './contacts.schema.js';

/** Contacts by id with phones, e-mails, tags and company links, and their external ids (bulk tools: imports). */
export async function readContacts(db: Executor, ids: string[]): Promise<(Contact & { externalId: string | null })[]> {
  if (!ids.length) return [];
  const rows = await selectContacts(db).where('contacts.id', 'in', ids).execute();
  const children = await loadChildren(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...toContact(r, children.get(r.id)!), externalId: r.external_id ?? null }));
}
