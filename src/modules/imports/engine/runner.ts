import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { nowIso } from '../../../platform/db/database.js';
import { newId } from '../../../platform/ids.js';
import type { AppContext } from '../../../platform/http/context.js';
import * as repo from '../imports.repository.js';
import type { ImportEntity, Mapping, RowError } from '../imports.schema.js';
import { countDataRows, readRecordChunks } from '../parse/source.js';
import { uploadFile, uploadShape } from '../uploads.js';
import { relaxDurability } from '../targets/bulk.repository.js';
import { BatchFeed } from './feed.js';
import { rowMapper, type JobContext, type MappedRow, type PreparedTarget, type Target } from './target.js';
import { runUndo } from './undo.js';

/** How often a PostgreSQL node looks for jobs whose node died. */
const ORPHAN_POLL_MS = 15_000;

class Stop extends Error {}

/**
 * Runs import jobs on this app node. Every batch commits in one transaction together with the job's
 * checkpoint and counters, so a killed process leaves whole batches only, and a restarted node resumes after
 * the last committed row. On PostgreSQL a job is held by a session advisory lock on its node's connection:
 * when the node dies the lock goes with it and any node may resume the job.
 */
export class ImportRunner {
  readonly nodeId = newId();
  private readonly running = new Map<string, Promise<void>>();
  private readonly cancelled = new Set<string>();
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly targets: Record<ImportEntity, Target>,
  ) {}

  private get db() {
    return this.ctx.database.db;
  }

  /** Runs the job here unless this node runs it already. */
  kick(id: string): void {
    if (this.stopping || this.running.has(id)) return;
    const p = this.hold(id)
      .catch((err: unknown) => this.ctx.logger.error({ err, importId: id }, 'import job crashed'))
      .finally(() => this.running.delete(id));
    this.running.set(id, p);
  }

  /** Asks a running job to stop after its current batch (jobs on other nodes read the flag from the database). */
  cancel(id: string): void {
    this.cancelled.add(id);
  }

  /** Picks up unfinished jobs: at start-up on SQLite (one process), and regularly on PostgreSQL. */
  start(): void {
    void this.resume();
    if (this.ctx.database.dialect === 'postgres') this.timer = setInterval(() => void this.resume(), ORPHAN_POLL_MS);
  }

  /** Stops after the current batches; interrupted jobs stay `running` and resume on the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.running.values());
  }

  private async resume(): Promise<void> {
    try {
      for (const j of await repo.unfinishedJobs(this.db)) this.kick(j.id);
    } catch (err) {
      this.ctx.logger.error({ err }, 'import jobs could not be listed');
    }
  }

  /** Holds the job for this node (PostgreSQL: advisory lock on one connection) and runs it. */
  private async hold(id: string): Promise<void> {
    if (this.ctx.database.dialect !== 'postgres') return this.run(this.db, id);
    await this.db.connection().execute(async (conn) => {
      const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(hashtext(${`import:${id}`})) AS ok`.execute(conn);
      if (!rows[0]?.ok) return;
      try {
        await this.run(conn, id);
      } finally {
        await sql`SELECT pg_advisory_unlock(hashtext(${`import:${id}`}))`.execute(conn);
      }
    });
  }

  private async run(db: Executor, id: string): Promise<void> {
    const job = await repo.findJob(db, id);
    if (!job || !['queued', 'running', 'undoing'].includes(job.status)) return;
    if (job.status === 'undoing') return runUndo(db, this.ctx, this.targets[job.entity as ImportEntity], job, () => this.stopping);
    const now = nowIso();
    await repo.updateJob(db, id, { status: 'running', node_id: this.nodeId, started_at: job.started_at ?? now, updated_at: now });
    try {
      await this.process(db, job);
    } catch (err) {
      if (err instanceof Stop) return;
      this.ctx.logger.error({ err, importId: id }, 'import failed');
      const message = err instanceof Error ? err.message : String(err);
      await repo.updateJob(db, id, { status: 'failed', failure: message.slice(0, 1000), finished_at: nowIso(), updated_at: nowIso() });
    }
  }

  private async process(db: Executor, job: repo.JobRow): Promise<void> {
    const upload = await repo.findUpload(db, job.upload_id);
    const file = upload ? uploadFile(this.ctx.config.dataDir, upload.storage_key) : null;
    if (!upload || !file) throw new Error('The uploaded file is gone; upload it again and start a new import');
    const principal = job.created_by ? await this.ctx.principals.load(job.created_by) : null;
    if (!principal) throw new Error('The user who started the import is no longer active');
    const target = this.targets[job.entity as ImportEntity];
    const jc: JobContext = {
      importId: job.id,
      principal: { ...principal, viaToken: false },
      actor: { userId: principal.id, requestId: `import:${job.id}` },
      config: this.ctx.config,
      key: job.key as JobContext['key'],
      mode: job.mode as JobContext['mode'],
      dryRun: job.dry_run === 1,
    };
    const prepared = await target.prepare(db, jc);
    const shape = uploadShape(upload);
    let total = job.rows_total;
    if (total === null) {
      total = await countDataRows(file, shape);
      if (total !== null) await repo.updateJob(db, job.id, { rows_total: total });
    }
    const headers = upload.headers ? (JSON.parse(upload.headers) as string[]) : [];
    const mapping = JSON.parse(job.mapping) as Mapping;
    const map = rowMapper(headers, mapping);
    const feed = new BatchFeed(prepared, { headers, mapping }, (rows, checked) => this.batch(db, job.id, prepared, rows, checked), this.ctx.logger);
    let header = true;
    let seen = 0;
    try {
      for await (const chunk of readRecordChunks(file, shape)) {
        for (const rec of chunk) {
          if (header) {
            header = false;
            continue;
          }
          seen += 1;
          if (rec.row > job.checkpoint) feed.add(map(rec.row, rec.cells), rec);
        }
        await feed.flush();
      }
      await feed.finish();
    } finally {
      await feed.close();
    }
    const now = nowIso();
    await repo.updateJob(db, job.id, { status: 'done', rows_total: seen, finished_at: now, updated_at: now }, ['running']);
  }

  /** Between batches: a stopping node leaves the job for the next start; a cancelled job ends here. */
  private async checkpointGate(db: Executor, id: string): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.stopping) throw new Stop();
    const row = await db.selectFrom('imports').select(['cancel_requested', 'status']).where('id', '=', id).executeTakeFirst();
    if (this.cancelled.has(id) || row?.cancel_requested === 1 || row?.status !== 'running') {
      this.cancelled.delete(id);
      const now = nowIso();
      await repo.updateJob(db, id, { status: 'cancelled', finished_at: now, updated_at: now }, ['running']);
      throw new Stop();
    }
  }

  /**
   * One batch in one transaction with the checkpoint. A batch the database refuses (a constraint the checks
   * did not foresee) is split until the failing row is found; that row is reported and the rest goes in.
   */
  private async batch(db: Executor, id: string, prepared: PreparedTarget, rows: MappedRow[], checked?: unknown): Promise<void> {
    await this.checkpointGate(db, id);
    try {
      await db.transaction().execute(async (trx) => {
        await relaxDurability(trx);
        const out = await prepared.apply(trx, rows, checked);
        await this.commit(trx, id, rows, out.errors, out);
      });
    } catch (err) {
      if (rows.length === 1) {
        const message = err instanceof Error ? err.message : String(err);
        const error: RowError = { row: rows[0]!.row, column: null, field: null, code: 'import.row_failed', message: `the database refused the row: ${message}` };
        await db.transaction().execute((trx) => this.commit(trx, id, rows, [error], { created: 0, updated: 0, unchanged: 0 }));
        return;
      }
      const half = Math.ceil(rows.length / 2);
      await this.batch(db, id, prepared, rows.slice(0, half));
      await this.batch(db, id, prepared, rows.slice(half));
    }
  }

  private async commit(trx: Executor, id: string, rows: MappedRow[], errors: RowError[], n: { created: number; updated: number; unchanged: number }) {
    await repo.insertErrors(trx, id, errors);
    const bad = new Set(errors.map((e) => e.row)).size;
    await trx
      .updateTable('imports')
      .set((eb) => ({
        checkpoint: rows[rows.length - 1]!.row,
        rows_done: eb('rows_done', '+', rows.length),
        rows_errors: eb('rows_errors', '+', bad),
        created_count: eb('created_count', '+', n.created),
        updated_count: eb('updated_count', '+', n.updated),
        unchanged_count: eb('unchanged_count', '+', n.unchanged),
        updated_at: nowIso(),
      }))
      .where('id', '=', id)
      .execute();
  }
}
