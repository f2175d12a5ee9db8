import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import type { SegmentJobTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import { computeClasses } from './segments.compute.js';
import { replaceClasses } from './segments.repository.js';
import { defaultSegmentSettings, segmentSettingsStored, type JobStatus, type SegmentSettings } from './segments.schema.js';

/**
 * Settings and the refresh job of the stored classes. Several app nodes may run the job: a node runs it only
 * after taking the lease row (an UPDATE that succeeds for one node while the lease is free or expired), so
 * the classes are computed by one node at a time on PostgreSQL and SQLite alike.
 */

const JOB = 'classes';
const SETTINGS_KEY = 'segments.settings';
/** A node that dies mid-run frees the job after this. */
const LEASE_MS = 15 * 60_000;

export async function readSettings(db: Executor): Promise<SegmentSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return defaultSegmentSettings;
  const parsed = segmentSettingsStored.safeParse({ ...defaultSegmentSettings, ...(JSON.parse(row.value) as object) });
  return parsed.success ? parsed.data : defaultSegmentSettings;
}

export async function updateSettings(db: Db, actor: Actor, input: Partial<SegmentSettings>): Promise<SegmentSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    const parsed = segmentSettingsStored.safeParse({ ...before, ...input });
    if (!parsed.success) {
      throw AppError.validation(
        parsed.error.issues.map((i) => ({ field: i.path.join('.'), code: (i as { params?: { code?: string } }).params?.code ?? 'validation.invalid', message: i.message })),
      );
    }
    const value = JSON.stringify(parsed.data);
    await trx.insertInto('settings').values({ key: SETTINGS_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    await writeAudit(trx, actor, 'setting', SETTINGS_KEY, 'update', diff(before, parsed.data));
    return parsed.data;
  });
}

async function jobRow(db: Executor): Promise<SegmentJobTable> {
  await db.insertInto('segment_jobs').values({ name: JOB, companies: 0, products: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return db.selectFrom('segment_jobs').selectAll().where('name', '=', JOB).executeTakeFirstOrThrow();
}

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

export async function jobStatus(db: Executor): Promise<JobStatus> {
  const [row, settings] = await Promise.all([jobRow(db), readSettings(db)]);
  const now = nowIso();
  return {
    status: (row.status as JobStatus['status']) ?? null,
    running: row.locked_until !== null && row.locked_until > now,
    trigger: (row.trigger as JobStatus['trigger']) ?? null,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    asOf: row.as_of,
    error: row.error,
    companies: Number(row.companies),
    products: Number(row.products),
    unconverted: row.unconverted ? (JSON.parse(row.unconverted) as string[]) : [],
    nextRunAt: row.finished_at ? plus(row.finished_at, settings.refreshHours * 3_600_000) : null,
  };
}

/** Whether the schedule wants a run now: never ran, or the last run is older than refreshHours. */
export async function isDue(db: Executor, now: string): Promise<boolean> {
  const [row, settings] = await Promise.all([jobRow(db), readSettings(db)]);
  return !row.finished_at || plus(row.finished_at, settings.refreshHours * 3_600_000) <= now;
}

/**
 * Runs the job on this node if it can take the lease; returns false when another node holds it.
 * The classes are replaced in one transaction; a failure is recorded on the job row and rethrown.
 */
export async function runJob(db: Db, trigger: 'schedule' | 'manual', asOf: string | null, logger: Logger): Promise<boolean> {
  await jobRow(db);
  const node = newId();
  const started = nowIso();
  const claimed = await db
    .updateTable('segment_jobs')
    .set({ locked_by: node, locked_until: plus(started, LEASE_MS), started_at: started, trigger })
    .where('name', '=', JOB)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', started)]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return false;
  const day = asOf ?? started.slice(0, 10);
  try {
    const result = await computeClasses(db, await readSettings(db), day, started);
    await db.transaction().execute(async (trx) => {
      await replaceClasses(trx, result.companies, result.products);
      await trx
        .updateTable('segment_jobs')
        .set({
          locked_by: null,
          locked_until: null,
          finished_at: nowIso(),
          status: 'ok',
          error: null,
          as_of: day,
          companies: result.companies.length,
          products: result.products.length,
          unconverted: JSON.stringify(result.unconverted),
        })
        .where('name', '=', JOB)
        .where('locked_by', '=', node)
        .execute();
    });
    logger.info({ trigger, asOf: day, companies: result.companies.length, products: result.products.length }, 'segments recomputed');
    return true;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await db
      .updateTable('segment_jobs')
      .set({ locked_by: null, locked_until: null, finished_at: nowIso(), status: 'failed', error, as_of: day })
      .where('name', '=', JOB)
      .where('locked_by', '=', node)
      .execute();
    throw err;
  }
}
