import type { Executor } from '../../platform/db/database.js';
import * as repo from './pipelines.repository.js';
import type { Pipeline, Stage } from './pipelines.schema.js';

/** Read-only lookups for other modules (deals). */

export type StageInfo = Stage & { deleted: boolean };

const info = (r: repo.StageRow): StageInfo => ({ ...repo.toStage(r), deleted: r.deleted_at !== null });

/** Stages by id, deleted ones included (flagged). */
export async function stagesByIds(db: Executor, ids: string[]): Promise<Map<string, StageInfo>> {
  const rows = await repo.findStages(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, info(r)]));
}

export async function stageById(db: Executor, id: string): Promise<StageInfo | null> {
  const row = await repo.findStage(db, id);
  return row ? info(row) : null;
}

/** The default pipeline with its stages, or null when there is none. */
export async function defaultPipeline(db: Executor): Promise<Pipeline | null> {
  const row = await repo.findDefaultPipeline(db);
  return row ? repo.toPipeline(row, await repo.liveStages(db, [row.id])) : null;
}
