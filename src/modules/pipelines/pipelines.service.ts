import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './pipelines.repository.js';
import {
  stageKinds,
  type Pipeline,
  type PipelineInput,
  type PipelineUpdate,
  type Stage,
  type StageCreate,
  type StageKind,
  type StageUpdate,
} from './pipelines.schema.js';

export type ReferenceTarget = 'pipeline' | 'stage' | 'lost_reason';
const references: Record<ReferenceTarget, repo.Reference[]> = { pipeline: [], stage: [], lost_reason: [] };

/** Lets a later module (deals) declare a column holding pipeline, stage or lost-reason ids: deleting one in use is refused. */
export function registerPipelineReference(target: ReferenceTarget, table: string, column: string): void {
  if (!references[target].some((r) => r.table === table && r.column === column)) references[target].push({ table, column });
}
export const countUses = (db: Executor, target: ReferenceTarget, ids: string[]) => repo.countReferences(db, references[target], ids);

const snapshotOf = (p: Pipeline) => ({ name: p.name, sort: p.sort, isActive: p.isActive, isDefault: p.isDefault });
const stageSnapshot = (s: Stage) => ({ name: s.name, sort: s.sort, probability: s.probability, plannedDays: s.plannedDays, kind: s.kind });

/** 409 unless every kind of stage (open, won, lost) is left. */
function assertComplete(kinds: StageKind[], field?: string): void {
  const missing = stageKinds.filter((k) => !kinds.includes(k));
  if (!missing.length) return;
  const message = `a pipeline needs at least one ${missing.join(', ')} stage`;
  if (field) throw AppError.validation([{ field, code: 'pipeline.stages_incomplete', message }]);
  throw new AppError('pipeline.stages_incomplete', 409, message, { missing });
}

export async function listPipelines(db: Executor, active?: boolean): Promise<Pipeline[]> {
  const rows = await repo.listPipelines(db, active);
  const stages = await repo.liveStages(db, rows.map((r) => r.id));
  return rows.map((r) => repo.toPipeline(r, stages.filter((s) => s.pipeline_id === r.id)));
}

export async function getPipeline(db: Executor, id: string): Promise<Pipeline> {
  const row = await repo.findPipeline(db, id);
  if (!row) throw AppError.notFound('pipeline');
  return repo.toPipeline(row, await repo.liveStages(db, [id]));
}

export async function createPipeline(db: Db, actor: Actor, input: PipelineInput): Promise<Pipeline> {
  assertComplete(input.stages.map((s) => s.kind), 'stages');
  const id = newId();
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    const count = (await repo.listPipelines(trx)).length;
    const isDefault = input.isDefault || count === 0;
    const previousDefault = isDefault ? (await repo.findDefaultPipeline(trx))?.id : undefined;
    await repo.insertPipeline(trx, { id, name: input.name, sort: input.sort ?? count, is_active: input.isActive || isDefault ? 1 : 0, is_default: isDefault ? 1 : 0, created_at: now, updated_at: now });
    if (previousDefault) {
      await repo.clearDefault(trx, id, now);
      await writeAudit(trx, actor, 'pipeline', previousDefault, 'update', [{ field: 'isDefault', old: true, new: false }]);
    }
    await repo.insertStages(
      trx,
      input.stages.map((s, i) => ({ id: newId(), pipeline_id: id, name: s.name, sort: i, probability: s.probability, planned_days: s.plannedDays ?? null, kind: s.kind, created_at: now, updated_at: now })),
    );
    const created = await getPipeline(trx, id);
    await writeAudit(trx, actor, 'pipeline', id, 'create', diff({}, { ...snapshotOf(created), stages: created.stages.map((s) => s.name) }));
    return created;
  });
}

export async function updatePipeline(db: Db, actor: Actor, id: string, input: PipelineUpdate): Promise<Pipeline> {
  return db.transaction().execute(async (trx) => {
    const before = await getPipeline(trx, id);
    const previousDefault = (await repo.findDefaultPipeline(trx))?.id;
    const isActive = input.isActive ?? before.isActive;
    if ((before.isDefault || input.isDefault) && !isActive) {
      throw AppError.validation([{ field: 'isActive', code: 'pipeline.default_inactive', message: 'the default pipeline must stay active' }]);
    }
    const now = nowIso();
    await repo.updatePipeline(trx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.sort !== undefined && { sort: input.sort }),
      is_active: isActive ? 1 : 0,
      ...(input.isDefault && { is_default: 1 }),
      updated_at: now,
    });
    if (input.isDefault && !before.isDefault) {
      await repo.clearDefault(trx, id, now);
      if (previousDefault) await writeAudit(trx, actor, 'pipeline', previousDefault, 'update', [{ field: 'isDefault', old: true, new: false }]);
    }
    const after = await getPipeline(trx, id);
    await writeAudit(trx, actor, 'pipeline', id, 'update', diff(snapshotOf(before), snapshotOf(after)));
    return after;
  });
}

/** Deletes a pipeline with its stages; refused for the default one and while deals are in it. */
export async function deletePipeline(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await getPipeline(trx, id);
    if (p.isDefault) throw new AppError('pipeline.is_default', 409, 'Make another pipeline the default before deleting this one');
    const count = await countUses(trx, 'pipeline', [id]);
    if (count) throw new AppError('pipeline.has_deals', 409, `${count} deals are in this pipeline; move them first or deactivate it`, { count });
    await repo.deletePipeline(trx, id);
    await writeAudit(trx, actor, 'pipeline', id, 'delete', diff({ ...snapshotOf(p), stages: p.stages.map((s) => s.name) }, {}));
  });
}

async function liveStage(db: Executor, pipelineId: string, stageId: string): Promise<Stage> {
  const row = await repo.findStage(db, stageId);
  if (!row || row.pipeline_id !== pipelineId || row.deleted_at) throw AppError.notFound('stage');
  return repo.toStage(row);
}

export async function addStage(db: Db, actor: Actor, pipelineId: string, input: StageCreate): Promise<Pipeline> {
  return db.transaction().execute(async (trx) => {
    const p = await getPipeline(trx, pipelineId);
    if (p.stages.length >= 50) throw AppError.validation([{ field: '(body)', code: 'pipeline.too_many_stages', message: 'a pipeline has at most 50 stages' }]);
    const id = newId();
    const now = nowIso();
    await repo.insertStages(trx, [{ id, pipeline_id: pipelineId, name: input.name, sort: p.stages.length, probability: input.probability, planned_days: input.plannedDays ?? null, kind: input.kind, created_at: now, updated_at: now }]);
    const order = p.stages.map((s) => s.id);
    order.splice(Math.min(input.position ?? order.length, order.length), 0, id);
    await repo.renumberStages(trx, order, now);
    const after = await getPipeline(trx, pipelineId);
    await writeAudit(trx, actor, 'stage', id, 'create', diff({}, stageSnapshot(after.stages.find((s) => s.id === id)!)));
    return after;
  });
}

export async function updateStage(db: Db, actor: Actor, pipelineId: string, stageId: string, input: StageUpdate): Promise<Pipeline> {
  return db.transaction().execute(async (trx) => {
    const before = await liveStage(trx, pipelineId, stageId);
    if (input.kind && input.kind !== before.kind) {
      const p = await getPipeline(trx, pipelineId);
      assertComplete(p.stages.map((s) => (s.id === stageId ? input.kind! : s.kind)), 'kind');
      const count = await countUses(trx, 'stage', [stageId]);
      if (count) throw new AppError('stage.has_deals', 409, `${count} deals are in this stage; its kind cannot change`, { count, fields: [{ field: 'kind', code: 'stage.has_deals', message: 'the stage has deals' }] });
    }
    await repo.updateStage(trx, stageId, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.probability !== undefined && { probability: input.probability }),
      ...(input.plannedDays !== undefined && { planned_days: input.plannedDays }),
      ...(input.kind !== undefined && { kind: input.kind }),
      updated_at: nowIso(),
    });
    const after = await getPipeline(trx, pipelineId);
    await writeAudit(trx, actor, 'stage', stageId, 'update', diff(stageSnapshot(before), stageSnapshot(after.stages.find((s) => s.id === stageId)!)));
    return after;
  });
}

export async function reorderStages(db: Db, actor: Actor, pipelineId: string, stageIds: string[]): Promise<Pipeline> {
  return db.transaction().execute(async (trx) => {
    const before = await getPipeline(trx, pipelineId);
    const current = before.stages.map((s) => s.id);
    if (stageIds.length !== current.length || new Set(stageIds).size !== current.length || !stageIds.every((x) => current.includes(x))) {
      throw AppError.validation([{ field: 'stageIds', code: 'pipeline.stage_order_mismatch', message: 'must list every stage of the pipeline once' }]);
    }
    await repo.renumberStages(trx, stageIds, nowIso());
    const after = await getPipeline(trx, pipelineId);
    await writeAudit(trx, actor, 'pipeline', pipelineId, 'update', diff({ stages: before.stages.map((s) => s.name) }, { stages: after.stages.map((s) => s.name) }));
    return after;
  });
}

/** Deletes an empty stage (it stays readable for stage histories). 409 stage.has_deals with the count otherwise. */
export async function deleteStage(db: Db, actor: Actor, pipelineId: string, stageId: string): Promise<Pipeline> {
  return db.transaction().execute(async (trx) => {
    const stage = await liveStage(trx, pipelineId, stageId);
    const count = await countUses(trx, 'stage', [stageId]);
    if (count) throw new AppError('stage.has_deals', 409, `${count} deals are in this stage; move them to another stage first`, { count });
    const p = await getPipeline(trx, pipelineId);
    assertComplete(p.stages.filter((s) => s.id !== stageId).map((s) => s.kind));
    const now = nowIso();
    await repo.updateStage(trx, stageId, { deleted_at: now, updated_at: now });
    await repo.renumberStages(trx, p.stages.filter((s) => s.id !== stageId).map((s) => s.id), now);
    await writeAudit(trx, actor, 'stage', stageId, 'delete', diff(stageSnapshot(stage), {}));
    return getPipeline(trx, pipelineId);
  });
}
