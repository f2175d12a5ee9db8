import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { AttachmentTable } from '../../platform/db/schema.js';
import type { AttachmentEntity } from './attachments.schema.js';

/** SQL of attachment rows and of the parent records' owners. */

export function selectAttachments(db: Executor) {
  return db
    .selectFrom('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .selectAll('a')
    .select('u.name as created_by_name');
}

export async function findAttachment(db: Executor, id: string) {
  return selectAttachments(db).where('a.id', '=', id).executeTakeFirst();
}

/** Newest first; `before` is the id of the last row of the previous page. */
export async function listAttachments(db: Executor, entity: AttachmentEntity, entityId: string, limit: number, before: string | null) {
  let q = selectAttachments(db).where('a.entity', '=', entity).where('a.entity_id', '=', entityId);
  if (before) q = q.where('a.id', '<', before);
  return q.orderBy('a.id', 'desc').limit(limit).execute();
}

export async function insertAttachment(db: Executor, row: Insertable<AttachmentTable>): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

export async function deleteAttachment(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('attachments').where('id', '=', id).execute();
}

/** The parent record's owner; undefined when the record does not exist. */
export async function parentOwner(db: Executor, entity: AttachmentEntity, id: string): Promise<{ owner_id: string | null } | undefined> {
  const table = entity === 'company' ? 'companies' : 'contacts';
  return db.selectFrom(table).select('owner_id').where('id', '=', id).executeTakeFirst();
}

/** Deletes the rows of a record's attachments; returns their storage keys (the files are removed after commit). */
export async function detachAttachments(db: Executor, entity: AttachmentEntity, entityId: string): Promise<string[]> {
  const rows = await db.selectFrom('attachments').select('storage_key').where('entity', '=', entity).where('entity_id', '=', entityId).execute();
  if (rows.length) await db.deleteFrom('attachments').where('entity', '=', entity).where('entity_id', '=', entityId).execute();
  return rows.map((r) => r.storage_key);
}

/** Re-parents every attachment of one record to another of the same entity (merges). */
export async function moveAttachments(db: Executor, entity: AttachmentEntity, fromId: string, toId: string): Promise<void> {
  await db.updateTable('attachments').set({ entity_id: toId }).where('entity', '=', entity).where('entity_id', '=', fromId).execute();
}
