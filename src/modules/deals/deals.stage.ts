import type { Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { markCompanyCurrent } from '../companies/index.js';
import { recordFunnelStep } from '../funnels/index.js';
import { getPipeline, stageById, stagesByIds, type StageInfo } from '../pipelines/index.js';
import { bumpFieldVersions, isOverdue, snapshot } from './deals.mapper.js';
import * as repo from './deals.repository.js';
import { checkLost } from './deals.rules.js';
import type { DealDetail, DealStages, DealStatus, StageMove } from './deals.schema.js';
import { contributionOf, type DealsService } from './deals.service.js';

/** Moving deals between stages (one, or every deal of a stage) and the time they spent in each. */

interface LostInfo {
  lostReasonId?: string;
  lostComment?: string | null;
}

/**
 * Moves a deal in the caller's transaction: stage and pipeline, the time of entry, closing date (set by a
 * won or lost stage, cleared by reopening), lost reason, the deal's own probability (dropped: the new
 * stage's applies), a stage-history row, the board counters and the audit rows. A first won deal makes its
 * company a current client. Returns false when the deal no longer had `before.version`.
 */
export async function applyStageChange(svc: DealsService, trx: Executor, actor: Actor, before: DealDetail, target: StageInfo, lost: LostInfo): Promise<boolean> {
  const now = nowIso();
  const closedAt = target.kind === 'open' ? null : before.status === target.kind ? before.closedAt : now;
  const version = before.version + 1;
  const moved = await repo.updateDeal(trx, before.id, before.version, {
    stage_id: target.id,
    pipeline_id: target.pipelineId,
    stage_entered_at: now,
    probability: null,
    closed_at: closedAt,
    lost_reason_id: target.kind === 'lost' ? lost.lostReasonId! : null,
    lost_comment: target.kind === 'lost' ? (lost.lostComment ?? null) : null,
    version,
    updated_at: now,
  });
  if (!moved) return false;
  const secondsInFrom = Math.max(0, Math.floor((Date.parse(now) - Date.parse(before.stageEnteredAt)) / 1000));
  await repo.insertStageChange(trx, { deal_id: before.id, from_stage_id: before.stageId, to_stage_id: target.id, at: now, user_id: actor.userId, seconds_in_from_stage: secondsInFrom });
  await recordFunnelStep(trx, { dealId: before.id, ownerId: before.ownerId, fromStageId: before.stageId, toStageId: target.id, at: now, secondsInFrom, lostReasonId: target.kind === 'lost' ? lost.lostReasonId! : null });
  const after = await svc.read(trx, before.id);
  const changes = diff(snapshot(before), snapshot(after));
  await trx.updateTable('deals').set({ field_versions: bumpFieldVersions(await svc.fieldVersions(trx, before.id), changes.map((c) => c.field), version) }).where('id', '=', before.id).execute();
  await repo.adjustTotals(trx, [
    { c: contributionOf(before), sign: -1 },
    { c: contributionOf(after), sign: 1 },
  ]);
  await writeAudit(trx, actor, repo.ENTITY, before.id, 'update', changes);
  if (target.kind === 'won' && before.status !== 'won' && before.companyId) await markCompanyCurrent(trx, before.companyId, actor);
  return true;
}

async function liveTarget(db: Executor, stageId: string, field: string): Promise<StageInfo> {
  const target = await stageById(db, stageId);
  if (!target || target.deleted) throw AppError.validation([{ field, code: 'deal.stage_unknown', message: 'no such stage' }]);
  return target;
}

/** POST /deals/{id}/stage: the principal must be allowed to update the deal; lost stages need a reason. */
export async function moveDeal(svc: DealsService, p: Principal, actor: Actor, id: string, input: StageMove): Promise<DealDetail> {
  const before = await svc.load(p, id, 'update');
  if (input.version !== before.version) throw await svc.conflict(svc.db, id, input.version);
  const target = await liveTarget(svc.db, input.stageId, 'stageId');
  await checkLost(svc.db, target.kind, input.lostReasonId);
  if (target.id === before.stageId) return before;
  return svc.db.transaction().execute(async (trx) => {
    if (!(await applyStageChange(svc, trx, actor, before, target, input))) throw await svc.conflict(trx, id, input.version);
    return svc.read(trx, id);
  });
}

const BATCH = 200;

/** Moves every deal of a stage to another stage of the same pipeline, in one transaction; returns how many moved. */
export async function moveStageDeals(svc: DealsService, actor: Actor, pipelineId: string, fromStageId: string, input: { toStageId: string; lostReasonId?: string }): Promise<number> {
  const pipeline = await getPipeline(svc.db, pipelineId);
  if (!pipeline.stages.some((s) => s.id === fromStageId)) throw AppError.notFound('stage');
  const target = await liveTarget(svc.db, input.toStageId, 'toStageId');
  if (target.pipelineId !== pipelineId || target.id === fromStageId) {
    throw AppError.validation([{ field: 'toStageId', code: 'deal.stage_mismatch', message: 'must be another stage of the same pipeline' }]);
  }
  await checkLost(svc.db, target.kind, input.lostReasonId);
  return svc.db.transaction().execute(async (trx) => {
    let moved = 0;
    for (;;) {
      const ids = await trx.selectFrom('deals').select('id').where('stage_id', '=', fromStageId).orderBy('id').limit(BATCH).execute();
      if (!ids.length) return moved;
      for (const { id } of ids) {
        const before = await svc.read(trx, id);
        if (!(await applyStageChange(svc, trx, actor, before, target, input))) throw new AppError('deal.version_conflict', 409, 'A deal changed during the move; try again');
        moved += 1;
      }
    }
  });
}

/** GET /deals/{id}/stages: each visited stage with the time spent there, and every change. */
export async function dealStages(svc: DealsService, p: Principal, id: string): Promise<DealStages> {
  const deal = await svc.load(p, id, 'read');
  const rows = await repo.stageHistory(svc.db, id);
  const stages = await stagesByIds(svc.db, [deal.stageId, ...rows.map((r) => r.to_stage_id)]);
  const now = Date.now();
  const out = new Map<string, DealStages['stages'][number]>();
  rows.forEach((r, i) => {
    const left = rows[i + 1]?.at;
    const seconds = Math.max(0, Math.floor(((left ? Date.parse(left) : now) - Date.parse(r.at)) / 1000));
    const stage = stages.get(r.to_stage_id);
    const kind = (stage?.kind ?? 'open') as DealStatus;
    const entry = out.get(r.to_stage_id) ?? { stageId: r.to_stage_id, name: stage?.name ?? '', kind, seconds: 0, plannedDays: stage?.plannedDays ?? null, overdue: false, current: false };
    entry.seconds += seconds;
    entry.overdue ||= isOverdue(kind, entry.plannedDays, r.at, left ? Date.parse(left) : now);
    out.set(r.to_stage_id, entry);
  });
  const current = out.get(deal.stageId);
  if (current) current.current = true;
  return {
    stages: [...out.values()],
    history: rows.map((r) => ({
      id: r.id,
      fromStageId: r.from_stage_id,
      toStageId: r.to_stage_id,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      secondsInFromStage: r.seconds_in_from_stage === null ? null : Number(r.seconds_in_from_stage),
    })),
  };
}
