import { requireScope, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Resource } from '../../platform/access/permissions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import type { Config } from '../../platform/config.js';
import { nowIso, type Db } from '../../platform/db/database.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import type { ImportRunner } from './engine/runner.js';
import type { Target } from './engine/target.js';
import * as repo from './imports.repository.js';
import type { ImportEntity, ImportJob, ImportUpload, Mapping, StartImportInput } from './imports.schema.js';
import { detectShape, previewOf } from './parse/source.js';
import { suggestMapping } from './suggest.js';
import { removeUpload, storeUpload, uploadKeyOf } from './uploads.js';

/** Import uploads and jobs: who may see them, what a start needs, cancel and undo. */

const resourceOf = (e: ImportEntity): Resource => e;

export class ImportsService {
  constructor(
    readonly db: Db,
    readonly config: Config,
    readonly targets: Partial<Record<ImportEntity, Target>>,
    readonly runner: ImportRunner,
  ) {}

  /** A job or upload of someone else is visible to whoever may create records of the entity for everyone. */
  private sees(p: Principal, createdBy: string | null, entity: ImportEntity | null): boolean {
    if (createdBy === p.id) return true;
    const entities = entity ? [entity] : (Object.keys(this.targets) as ImportEntity[]);
    return entities.some((e) => scopeOf(p, resourceOf(e), 'create') === 'all');
  }

  async upload(p: Principal, actor: Actor, fileName: string, body: ReadableStream<Uint8Array>, limit: number): Promise<ImportUpload> {
    if (!(Object.keys(this.targets) as ImportEntity[]).some((e) => scopeOf(p, resourceOf(e), 'create') !== 'none' || scopeOf(p, resourceOf(e), 'update') !== 'none')) {
      throw AppError.forbidden('Your role may not import records');
    }
    const id = newId();
    const now = new Date();
    const key = uploadKeyOf(id, now);
    const { file, size } = await storeUpload(this.config.dataDir, key, body, limit);
    try {
      const shape = await detectShape(file, fileName);
      const preview = await previewOf(file, shape);
      const row = {
        id,
        file_name: fileName,
        storage_key: key,
        size,
        format: shape.format,
        encoding: shape.encoding,
        delimiter: shape.delimiter,
        sheet: preview.sheet,
        headers: JSON.stringify(preview.headers),
        preview: JSON.stringify(preview.rows),
        created_by: p.id,
        created_at: now.toISOString(),
      };
      await this.db.transaction().execute(async (trx) => {
        await repo.insertUpload(trx, row);
        await writeAudit(trx, actor, 'import_upload', id, 'create', [{ field: 'fileName', old: null, new: fileName }]);
      });
      return repo.toUpload(row);
    } catch (err) {
      await removeUpload(this.config.dataDir, key);
      throw err;
    }
  }

  async getUpload(p: Principal, id: string): Promise<ImportUpload> {
    const row = await repo.findUpload(this.db, id);
    if (!row || !this.sees(p, row.created_by, null)) throw AppError.notFound('import_upload');
    return repo.toUpload(row);
  }

  /** The entities this server imports. */
  entities(): ImportEntity[] {
    return Object.keys(this.targets) as ImportEntity[];
  }

  private target(entity: ImportEntity): Target {
    const t = this.targets[entity];
    if (!t) throw AppError.validation([{ field: 'entity', code: 'import.entity_unsupported', message: `${entity} records cannot be imported` }]);
    return t;
  }

  async fields(entity: ImportEntity) {
    const t = this.target(entity);
    return { entity, fields: await t.fields(this.db), keys: [...t.keys] };
  }

  async suggest(p: Principal, uploadId: string, entity: ImportEntity): Promise<Mapping> {
    const upload = await this.getUpload(p, uploadId);
    return suggestMapping(entity, upload.headers, await this.target(entity).fields(this.db));
  }

  /** Checks the mapping, key and mode against the file and the target, then queues the job and runs it. */
  async start(p: Principal, actor: Actor, input: StartImportInput): Promise<ImportJob> {
    const resource = resourceOf(input.entity);
    if (input.mode !== 'update') requireScope(p, resource, 'create');
    if (input.mode !== 'create') requireScope(p, resource, 'update');
    const target = this.target(input.entity);
    const upload = await this.getUpload(p, input.uploadId);
    const fields = new Map((await target.fields(this.db)).map((f) => [f.key, f]));
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    input.mapping.forEach((m, i) => {
      const known = upload.headers.includes(m.column);
      if (!known) issues.push({ field: `mapping.${i}.column`, code: 'import.column_unknown', message: 'is not a column of the file' });
      const f = fields.get(m.field);
      if (!f) issues.push({ field: `mapping.${i}.field`, code: 'import.field_unknown', message: `is not a field of ${input.entity} records` });
      else if (seen.has(m.field) && !f.multiple) issues.push({ field: `mapping.${i}.field`, code: 'import.field_twice', message: 'only one column may feed this field' });
      if (known) seen.add(m.field);
    });
    if (input.key && !target.keys.includes(input.key)) issues.push({ field: 'key', code: 'import.key_unsupported', message: `${input.entity} records cannot be matched by this key` });
    if (!input.key && input.mode !== 'create') issues.push({ field: 'key', code: 'import.key_required', message: 'updates need a key to find records by' });
    if (input.mode !== 'update') {
      for (const f of fields.values()) {
        if (f.required && !f.key.startsWith('custom.') && !seen.has(f.key)) issues.push({ field: 'mapping', code: 'import.required_unmapped', message: `map a column to ${f.key}` });
      }
    }
    if (!upload.rows.length) issues.push({ field: 'uploadId', code: 'import.no_rows', message: 'the file has a header but no data rows' });
    if (issues.length) throw AppError.validation(issues);
    const id = newId();
    const now = nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.insertJob(trx, {
        id,
        upload_id: upload.id,
        entity: input.entity,
        file_name: upload.fileName,
        mapping: JSON.stringify(input.mapping),
        key: input.key,
        mode: input.mode,
        dry_run: input.dryRun ? 1 : 0,
        status: 'queued',
        rows_done: 0,
        rows_errors: 0,
        created_count: 0,
        updated_count: 0,
        unchanged_count: 0,
        reverted_count: 0,
        kept_count: 0,
        checkpoint: 0,
        cancel_requested: 0,
        created_by: p.id,
        created_at: now,
        updated_at: now,
      });
      await writeAudit(trx, actor, 'import', id, 'create', [{ field: 'file', old: null, new: upload.fileName }]);
    });
    this.runner.kick(id);
    return this.get(p, id);
  }

  private async job(p: Principal, id: string): Promise<repo.JobRow> {
    const row = await repo.findJob(this.db, id);
    if (!row || !this.sees(p, row.created_by, row.entity as ImportEntity)) throw AppError.notFound('import');
    return row;
  }

  async get(p: Principal, id: string): Promise<ImportJob> {
    return repo.toJob(await this.job(p, id));
  }

  async list(p: Principal, q: { entity?: ImportEntity; limit: number; cursor?: string }) {
    const all = q.entity ? this.sees(p, null, q.entity) : false;
    const rows = await repo.listJobs(this.db, { creator: all ? null : p.id, entity: q.entity, before: q.cursor ? decodeCursor(q.cursor).id : null, limit: q.limit + 1 });
    const items = rows.slice(0, q.limit).map(repo.toJob);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ v: null, id: last.id }) : null };
  }

  /** A queued job is cancelled at once; a running one stops after its current batch (what it wrote stays, undo removes it). */
  async cancel(p: Principal, actor: Actor, id: string): Promise<ImportJob> {
    const job = await this.job(p, id);
    if (!['queued', 'running'].includes(job.status)) throw new AppError('import.not_running', 409, 'Only a queued or running import can be cancelled');
    const now = nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateJob(trx, id, { cancel_requested: 1, updated_at: now });
      await repo.updateJob(trx, id, { status: 'cancelled', finished_at: now }, ['queued']);
      await writeAudit(trx, actor, 'import', id, 'cancel');
    });
    this.runner.cancel(id);
    return this.get(p, id);
  }

  /** Deletes what the import created and restores what it changed (records changed since are kept). */
  async undo(p: Principal, actor: Actor, id: string): Promise<ImportJob> {
    const job = await this.job(p, id);
    if (job.dry_run === 1) throw new AppError('import.dry_run', 409, 'A dry run wrote nothing to undo');
    requireScope(p, resourceOf(job.entity as ImportEntity), 'create');
    const ok = await this.db.transaction().execute(async (trx) => {
      const changed = await repo.updateJob(trx, id, { status: 'undoing', finished_at: null, updated_at: nowIso() }, ['done', 'cancelled', 'failed']);
      if (changed) await writeAudit(trx, actor, 'import', id, 'undo');
      return changed;
    });
    if (!ok) throw new AppError('import.not_finished', 409, 'Only a finished, cancelled or failed import can be undone');
    this.runner.kick(id);
    return this.get(p, id);
  }

  async errors(p: Principal, id: string, page: { limit: number; cursor?: string }) {
    await this.job(p, id);
    const after = page.cursor ? decodeCursor(page.cursor) : null;
    const rows = await repo.listErrors(this.db, id, after ? { row: Number(after.v), seq: Number(after.id) } : null, page.limit + 1);
    const items = rows.slice(0, page.limit).map((r) => ({ row: r.row, column: r.column, field: r.field, code: r.code, message: r.message }));
    const last = rows[page.limit - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ v: last.row, id: String(last.seq) }) : null };
  }
}
