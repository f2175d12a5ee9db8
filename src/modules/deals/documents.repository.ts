import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DealDocumentLineTable, DealDocumentTable } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import type { LineValues } from './deals.lines.js';

/** SQL of deal documents (proposals, orders), their lines and number counters. */

export type DocumentRow = Selectable<DealDocumentTable>;
export type DocumentLineRow = Selectable<DealDocumentLineTable>;

/**
 * The next number of the kind and year. The counter row stays locked (PostgreSQL) or the database
 * write-locked (SQLite) until the caller's transaction ends, so concurrent creators get consecutive
 * numbers and a rolled-back transaction gives its number back.
 */
export async function nextNumber(trx: Executor, kind: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('document_counters')
    .values({ kind, year, last: 1 })
    .onConflict((oc) => oc.columns(['kind', 'year']).doUpdateSet({ last: sql`document_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function findDocument(db: Executor, dealId: string, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('deal_documents').selectAll().where('id', '=', id).where('deal_id', '=', dealId).executeTakeFirst();
}

export async function listDocuments(db: Executor, dealId: string): Promise<DocumentRow[]> {
  return db.selectFrom('deal_documents').selectAll().where('deal_id', '=', dealId).orderBy('created_at').orderBy('id').execute();
}

export async function insertDocument(db: Executor, row: Insertable<DealDocumentTable>): Promise<void> {
  await db.insertInto('deal_documents').values(row).execute();
}

/** Optimistic update: true when the row still had `version`. */
export async function updateDocument(db: Executor, id: string, version: number, set: Updateable<DealDocumentTable>): Promise<boolean> {
  const r = await db.updateTable('deal_documents').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteDocument(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('deal_documents').where('id', '=', id).execute();
}

export async function loadLines(db: Executor, documentIds: string[]): Promise<DocumentLineRow[]> {
  if (!documentIds.length) return [];
  return db.selectFrom('deal_document_lines').selectAll().where('document_id', 'in', documentIds).orderBy('document_id').orderBy('sort').orderBy('id').execute();
}

export async function replaceLines(db: Executor, documentId: string, lines: LineValues[]): Promise<void> {
  await db.deleteFrom('deal_document_lines').where('document_id', '=', documentId).execute();
  if (!lines.length) return;
  await db.insertInto('deal_document_lines').values(lines.map((l, sort) => ({ ...l, id: newId(), document_id: documentId, sort }))).execute();
}
