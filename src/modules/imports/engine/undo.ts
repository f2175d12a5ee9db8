import { nowIso, type Executor } from '../../../platform/db/database.js';
import type { AppContext } from '../../../platform/http/context.js';
import * as repo from '../imports.repository.js';
import type { Target, UndoEntry } from './target.js';

const UNDO_BATCH = 500;

/**
 * Reverts an import batch by batch: each transaction reverts some tagged records, drops their tags and adds to
 * the counters, so an interrupted undo resumes where it stopped. Ends as `undone`.
 */
export async function runUndo(db: Executor, ctx: AppContext, target: Target, job: repo.JobRow, stopping: () => boolean): Promise<void> {
  const actor = { userId: job.created_by, requestId: `import-undo:${job.id}` };
  const loaded = job.created_by ? await ctx.principals.load(job.created_by) : null;
  if (!loaded) {
    const now = nowIso();
    await repo.updateJob(db, job.id, { status: 'failed', failure: 'The user who started the import is no longer active; it cannot be undone', finished_at: now, updated_at: now }, ['undoing']);
    return;
  }
  const principal = { ...loaded, viaToken: false };
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    if (stopping()) return;
    const done = await db.transaction().execute(async (trx) => {
      const rows = await repo.undoEntries(trx, job.id, UNDO_BATCH);
      if (!rows.length) return true;
      const entries: UndoEntry[] = rows.map((r) => ({ entityId: r.entity_id, action: r.action as UndoEntry['action'], before: r.before, afterVersion: r.after_version }));
      const { reverted, kept } = await target.undo(trx, entries, { actor, config: ctx.config, principal });
      await repo.dropUndoEntries(trx, job.id, entries.map((e) => e.entityId));
      await trx
        .updateTable('imports')
        .set((eb) => ({ reverted_count: eb('reverted_count', '+', reverted), kept_count: eb('kept_count', '+', kept), updated_at: nowIso() }))
        .where('id', '=', job.id)
        .execute();
      return false;
    });
    if (done) break;
  }
  const now = nowIso();
  await repo.updateJob(db, job.id, { status: 'undone', finished_at: now, updated_at: now }, ['undoing']);
}
