import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { LostReasonTable, PipelineTable, StageTable } from '../../platform/db/schema.js';
import type { LostReason, Pipeline, Stage, StageKind } from './pipelines.schema.js';

/** SQL of pipelines, their stages and lost reasons. */

export type PipelineRow = Selectable<PipelineTable>;
export type StageRow = Selectable<StageTable>;
export type LostReasonRow = Selectable<LostReasonTable>;

export const toStage = (r: StageRow): Stage => ({
  id: r.id,
  pipelineId: r.pipeline_id,
  name: r.name,
  sort: r.sort,
  probability: r.probability,
  plannedDays: r.planned_days,
  kind: r.kind as StageKind,
});

export const toPipeline = (r: PipelineRow, stages: StageRow[]): Pipeline => ({
  id: r.id,
  name: r.name,
  sort: r.sort,
  isActive: r.is_active === 1,
  isDefault: r.is_default === 1,
  stages: stages.map(toStage),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toLostReason = (r: LostReasonRow): LostReason => ({ id: r.id, name: r.name, sort: r.sort, isActive: r.is_active === 1 });

export async function listPipelines(db: Executor, active?: boolean): Promise<PipelineRow[]> {
  let q = db.selectFrom('pipelines').selectAll();
  if (active !== undefined) q = q.where('is_active', '=', active ? 1 : 0);
  return q.orderBy('sort').orderBy('name').orderBy('id').execute();
}

export async function findPipeline(db: Executor, id: string): Promise<PipelineRow | undefined> {
  return db.selectFrom('pipelines').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDefaultPipeline(db: Executor): Promise<PipelineRow | undefined> {
  return db.selectFrom('pipelines').selectAll().where('is_default', '=', 1).orderBy('id').executeTakeFirst();
}

/** Live (not deleted) stages of the pipelines, in board order. */
export async function liveStages(db: Executor, pipelineIds: string[]): Promise<StageRow[]> {
  if (!pipelineIds.length) return [];
  return db
    .selectFrom('stages')
    .selectAll()
    .where('pipeline_id', 'in', pipelineIds)
    .where('deleted_at', 'is', null)
    .orderBy('pipeline_id')
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** A stage by id, deleted ones included (history shows their names). */
export async function findStage(db: Executor, id: string): Promise<StageRow | undefined> {
  return db.selectFrom('stages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStages(db: Executor, ids: string[]): Promise<StageRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('stages').selectAll().where('id', 'in', ids).execute();
}

export async function insertPipeline(db: Executor, row: Insertable<PipelineTable>): Promise<void> {
  await db.insertInto('pipelines').values(row).execute();
}

export async function updatePipeline(db: Executor, id: string, set: Updateable<PipelineTable>): Promise<void> {
  await db.updateTable('pipelines').set(set).where('id', '=', id).execute();
}

/** Clears the default flag of every pipeline but `keepId`. */
export async function clearDefault(db: Executor, keepId: string, now: string): Promise<void> {
  await db.updateTable('pipelines').set({ is_default: 0, updated_at: now }).where('is_default', '=', 1).where('id', '<>', keepId).execute();
}

export async function deletePipeline(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('stages').where('pipeline_id', '=', id).execute();
  await db.deleteFrom('pipelines').where('id', '=', id).execute();
}

export async function insertStages(db: Executor, rows: Insertable<StageTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('stages').values(rows).execute();
}

export async function updateStage(db: Executor, id: string, set: Updateable<StageTable>): Promise<void> {
  await db.updateTable('stages').set(set).where('id', '=', id).execute();
}

/** Sets the sort positions of stages to their index in `ids`. */
export async function renumberStages(db: Executor, ids: string[], now: string): Promise<void> {
  for (const [i, id] of ids.entries()) await db.updateTable('stages').set({ sort: i, updated_at: now }).where('id', '=', id).execute();
}

export async function listLostReasons(db: Executor, active?: boolean): Promise<LostReasonRow[]> {
  let q = db.selectFrom('lost_reasons').selectAll();
  if (active !== undefined) q = q.where('is_active', '=', active ? 1 : 0);
  return q.orderBy('sort').orderBy('name').orderBy('id').execute();
}

export async function findLostReason(db: Executor, id: string): Promise<LostReasonRow | undefined> {
  return db.selectFrom('lost_reasons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertLostReason(db: Executor, row: Insertable<LostReasonTable>): Promise<void> {
  await db.insertInto('lost_reasons').values(row).execute();
}

export async function updateLostReason(db: Executor, id: string, set: Updateable<LostReasonTable>): Promise<void> {
  await db.updateTable('lost_reasons').set(set).where('id', '=', id).execute();
}

export async function deleteLostReason(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('lost_reasons').where('id', '=', id).execute();
}

/** A column of another module's table that holds pipeline, stage or lost-reason ids. */
export interface Reference {
  table: string;
  column: string;
}

/** How many rows of the registered tables hold one of the ids. */
export async function countReferences(db: Executor, refs: Reference[], ids: string[]): Promise<number> {
  let total = 0;
  if (!ids.length) return 0;
  for (const r of refs) {
    const res = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(r.table)} WHERE ${sql.ref(r.column)} IN (${sql.join(ids)})`.execute(db);
    total += Number(res.rows[0]?.n ?? 0);
  }
  return total;
}
