import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ImportTable, ImportTemplateTable, ImportUploadTable } from '../../platform/db/schema.js';
import type { ImportJob, ImportTemplate, ImportUpload, Mapping, RowError } from './imports.schema.js';

/** SQL of uploads, jobs, their per-row errors, undo tags and mapping templates. */

export type JobRow = Selectable<ImportTable>;

export function toJob(r: JobRow): ImportJob {
  return {
    id: r.id,
    uploadId: r.upload_id,
    entity: r.entity as ImportJob['entity'],
    fileName: r.file_name,
    mapping: JSON.parse(r.mapping) as Mapping,
    key: r.key as ImportJob['key'],
    mode: r.mode as ImportJob['mode'],
    dryRun: r.dry_run === 1,
    status: r.status as ImportJob['status'],
    rowsTotal: r.rows_total,
    rowsDone: r.rows_done,
    rowsErrors: r.rows_errors,
    created: r.created_count,
    updated: r.updated_count,
    unchanged: r.unchanged_count,
    reverted: r.reverted_count,
    kept: r.kept_count,
    checkpoint: r.checkpoint,
    failure: r.failure,
    cancelRequested: r.cancel_requested === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
  };
}

export function toUpload(r: Selectable<ImportUploadTable>): ImportUpload {
  return {
    id: r.id,
    fileName: r.file_name,
    size: r.size,
    format: r.format as ImportUpload['format'],
    encoding: r.encoding as ImportUpload['encoding'],
    delimiter: r.delimiter as ImportUpload['delimiter'],
    sheet: r.sheet,
    headers: JSON.parse(r.headers) as string[],
    rows: JSON.parse(r.preview) as string[][],
    createdAt: r.created_at,
  };
}

export function toTemplate(r: Selectable<ImportTemplateTable>): ImportTemplate {
  return {
    id: r.id,
    name: r.name,
    entity: r.entity as ImportTemplate['entity'],
    mapping: JSON.parse(r.mapping) as Mapping,
    key: r.key as ImportTemplate['key'],
    mode: r.mode as ImportTemplate['mode'],
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export const insertUpload = (db: Executor, row: Insertable<ImportUploadTable>) => db.insertInto('import_uploads').values(row).execute();
export const findUpload = (db: Executor, id: string) => db.selectFrom('import_uploads').selectAll().where('id', '=', id).executeTakeFirst();

export const insertJob = (db: Executor, row: Insertable<ImportTable>) => db.insertInto('imports').values(row).execute();
export const findJob = (db: Executor, id: string) => db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();

export async function updateJob(db: Executor, id: string, set: Updateable<ImportTable>, onlyStatus?: string[]): Promise<boolean> {
  let q = db.updateTable('imports').set(set).where('id', '=', id);
  if (onlyStatus) q = q.where('status', 'in', onlyStatus);
  return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
}

/** Jobs newest first; `creator` limits to one user's. */
export async function listJobs(db: Executor, f: { creator: string | null; entity?: string; before: string | null; limit: number }) {
  let q = db.selectFrom('imports').selectAll();
  if (f.creator) q = q.where('created_by', '=', f.creator);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.before) q = q.where('id', '<', f.before);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/** Jobs a node must pick up: queued, running (interrupted) or undoing, oldest first. */
export async function unfinishedJobs(db: Executor) {
  return db.selectFrom('imports').selectAll().where('status', 'in', ['queued', 'running', 'undoing']).orderBy('id').execute();
}

export async function insertErrors(db: Executor, importId: string, errors: RowError[]): Promise<void> {
  const seq = new Map<number, number>();
  const rows = errors.map((e) => {
    const n = seq.get(e.row) ?? 0;
    seq.set(e.row, n + 1);
    return { import_id: importId, row: e.row, seq: n, column: e.column, field: e.field, code: e.code, message: e.message.slice(0, 1000) };
  });
  const per = 3000;
  for (let i = 0; i < rows.length; i += per) await db.insertInto('import_errors').values(rows.slice(i, i + per)).execute();
}

/** Errors in row order from after (row, seq). */
export async function listErrors(db: Executor, importId: string, after: { row: number; seq: number } | null, limit: number) {
  let q = db.selectFrom('import_errors').selectAll().where('import_id', '=', importId);
  if (after) q = q.where((eb) => eb(eb.refTuple('row', 'seq'), '>', eb.tuple(after.row, after.seq)));
  return q.orderBy('row').orderBy('seq').limit(limit).execute();
}

/** The next undo tags of a job, in primary-key order (each record has one tag, so the order does not matter). */
export async function undoEntries(db: Executor, importId: string, limit: number) {
  return db.selectFrom('import_rows').selectAll().where('import_id', '=', importId).orderBy('entity').orderBy('entity_id').limit(limit).execute();
}

export async function dropUndoEntries(db: Executor, importId: string, ids: string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('import_rows').where('import_id', '=', importId).where('entity_id', 'in', ids).execute();
}

export const insertTemplate = (db: Executor, row: Insertable<ImportTemplateTable>) => db.insertInto('import_templates').values(row).execute();
export const findTemplate = (db: Executor, id: string) => db.selectFrom('import_templates').selectAll().where('id', '=', id).executeTakeFirst();
export const deleteTemplate = (db: Executor, id: string) => db.deleteFrom('import_templates').where('id', '=', id).execute();

export async function listTemplates(db: Executor, entity?: string) {
  let q = db.selectFrom('import_templates').selectAll();
  if (entity) q = q.where('entity', '=', entity);
  return q.orderBy('entity').orderBy('name').orderBy('id').limit(500).execute();
}
