import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

/**
 * The funnel facts (deal_funnel_entries), one row per deal and stage it passed, written in the transaction of
 * every stage change by the deals module. Rules (the rebuild below applies the same ones to a stage history):
 * - a deal enters a stage once: the first entry counts; going back and forth does not count again;
 * - entering an open stage passes every earlier open stage of its pipeline (skipped ones are `implied`),
 *   entering a won stage passes every open stage;
 * - a lost row records the open stage the deal was lost at: the stage it left, or (leaving a won stage, or
 *   created lost) the furthest open stage it had entered, else the pipeline's first open stage (then passed);
 * - `seconds` adds up the stays that ended, from the history's seconds in the stage left.
 */

export interface StageStep {
  dealId: string;
  ownerId: string | null;
  fromStageId: string | null;
  toStageId: string;
  at: string;
  secondsInFrom: number | null;
}

interface StageRow {
  id: string;
  pipeline_id: string;
  kind: string;
  sort: number;
  deleted_at: string | null;
}

async function pipelineStages(db: Executor, stageId: string): Promise<StageRow[]> {
  return db
    .selectFrom('stages')
    .select(['id', 'pipeline_id', 'kind', 'sort', 'deleted_at'])
    .where('pipeline_id', '=', db.selectFrom('stages').select('pipeline_id').where('id', '=', stageId))
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

async function pass(db: Executor, step: StageStep, stage: StageRow, implied: boolean, fromStageId: string | null = null): Promise<void> {
  await db
    .insertInto('deal_funnel_entries')
    .values({ deal_id: step.dealId, stage_id: stage.id, pipeline_id: stage.pipeline_id, owner_id: step.ownerId, entered_at: step.at, implied: implied ? 1 : 0, from_stage_id: fromStageId })
    .onConflict((oc) => (implied ? oc.columns(['deal_id', 'stage_id']).doNothing() : oc.columns(['deal_id', 'stage_id']).doUpdateSet({ implied: 0 })))
    .execute();
}

/** Records a stage change (or a deal's first stage: fromStageId null) in the funnel facts. */
export async function recordFunnelStep(db: Executor, step: StageStep): Promise<void> {
  if (step.fromStageId && step.secondsInFrom !== null) {
    await db
      .updateTable('deal_funnel_entries')
      .set({ seconds: sql`coalesce(seconds, 0) + ${step.secondsInFrom}` })
      .where('deal_id', '=', step.dealId)
      .where('stage_id', '=', step.fromStageId)
      .execute();
  }
  const stages = await pipelineStages(db, step.toStageId);
  const target = stages.find((s) => s.id === step.toStageId);
  if (!target) return;
  const open = stages.filter((s) => s.kind === 'open' && !s.deleted_at);
  if (target.kind !== 'lost') {
    for (const s of open) if (target.kind === 'won' || s.sort < target.sort) await pass(db, step, s, true);
    await pass(db, step, target, false);
    return;
  }
  const known = await db.selectFrom('deal_funnel_entries').select('deal_id').where('deal_id', '=', step.dealId).where('stage_id', '=', target.id).executeTakeFirst();
  if (known) return pass(db, step, target, false);
  const from = stages.find((s) => s.id === step.fromStageId && s.kind === 'open');
  const at = from ?? (await furthestOpen(db, step.dealId, target.pipeline_id)) ?? open[0];
  if (at) await pass(db, step, at, true);
  await pass(db, step, target, false, at?.id ?? null);
}

async function furthestOpen(db: Executor, dealId: string, pipelineId: string): Promise<StageRow | undefined> {
  return db
    .selectFrom('deal_funnel_entries as e')
    .innerJoin('stages as s', 's.id', 'e.stage_id')
    .select(['s.id', 's.pipeline_id', 's.kind', 's.sort', 's.deleted_at'])
    .where('e.deal_id', '=', dealId)
    .where('s.kind', '=', 'open')
    .where('s.pipeline_id', '=', pipelineId)
    .orderBy('s.sort', 'desc')
    .orderBy('s.id')
    .limit(1)
    .executeTakeFirst();
}

/** A deal changed owner: its funnel facts follow (numbers are by the current owner, like access). */
export async function setFunnelOwner(db: Executor, dealId: string, ownerId: string | null): Promise<void> {
  await db.updateTable('deal_funnel_entries').set({ owner_id: ownerId }).where('deal_id', '=', dealId).execute();
}

/** Recomputes every funnel fact from the deals' stage history (after bulk loads written straight to the tables). */
export async function rebuildFunnelEntries(db: Executor): Promise<void> {
  await db.deleteFrom('deal_funnel_entries').execute();
  await sql`INSERT INTO deal_funnel_entries (deal_id, stage_id, pipeline_id, owner_id, entered_at, implied)
    SELECT h.deal_id, h.to_stage_id, s.pipeline_id, d.owner_id, min(h.at), 0
    FROM deal_stage_history h JOIN stages s ON s.id = h.to_stage_id JOIN deals d ON d.id = h.deal_id
    GROUP BY h.deal_id, h.to_stage_id, s.pipeline_id, d.owner_id`.execute(db);
  await sql`INSERT INTO deal_funnel_entries (deal_id, stage_id, pipeline_id, owner_id, entered_at, implied)
    SELECT h.deal_id, e.id, e.pipeline_id, d.owner_id, min(h.at), 1
    FROM deal_stage_history h JOIN stages t ON t.id = h.to_stage_id JOIN deals d ON d.id = h.deal_id
    JOIN stages e ON e.pipeline_id = t.pipeline_id AND e.kind = 'open' AND e.deleted_at IS NULL AND (t.kind = 'won' OR (t.kind = 'open' AND e.sort < t.sort))
    WHERE true GROUP BY h.deal_id, e.id, e.pipeline_id, d.owner_id
    ON CONFLICT (deal_id, stage_id) DO UPDATE SET entered_at = CASE WHEN excluded.entered_at < deal_funnel_entries.entered_at THEN excluded.entered_at ELSE deal_funnel_entries.entered_at END`.execute(db);
  const lost = sql`stage_id IN (SELECT id FROM stages WHERE kind = 'lost')`;
  await sql`UPDATE deal_funnel_entries SET from_stage_id = (
      SELECT f.id FROM deal_stage_history h JOIN stages f ON f.id = h.from_stage_id
      WHERE h.deal_id = deal_funnel_entries.deal_id AND h.to_stage_id = deal_funnel_entries.stage_id AND h.at = deal_funnel_entries.entered_at
        AND f.kind = 'open' AND f.pipeline_id = deal_funnel_entries.pipeline_id
      ORDER BY h.id LIMIT 1)
    WHERE ${lost}`.execute(db);
  await sql`UPDATE deal_funnel_entries SET from_stage_id = (
      SELECT o.stage_id FROM deal_funnel_entries o JOIN stages s ON s.id = o.stage_id
      WHERE o.deal_id = deal_funnel_entries.deal_id AND s.kind = 'open' AND s.pipeline_id = deal_funnel_entries.pipeline_id AND o.entered_at <= deal_funnel_entries.entered_at
      ORDER BY s.sort DESC, s.id LIMIT 1)
    WHERE from_stage_id IS NULL AND ${lost}`.execute(db);
  await sql`UPDATE deal_funnel_entries SET from_stage_id = (
      SELECT s.id FROM stages s WHERE s.pipeline_id = deal_funnel_entries.pipeline_id AND s.kind = 'open' AND s.deleted_at IS NULL ORDER BY s.sort, s.id LIMIT 1)
    WHERE from_stage_id IS NULL AND ${lost}`.execute(db);
  await sql`INSERT INTO deal_funnel_entries (deal_id, stage_id, pipeline_id, owner_id, entered_at, implied)
    SELECT l.deal_id, l.from_stage_id, l.pipeline_id, l.owner_id, l.entered_at, 1
    FROM deal_funnel_entries l WHERE l.from_stage_id IS NOT NULL
    ON CONFLICT (deal_id, stage_id) DO NOTHING`.execute(db);
  await sql`UPDATE deal_funnel_entries SET seconds = (
      SELECT sum(h.seconds_in_from_stage) FROM deal_stage_history h WHERE h.deal_id = deal_funnel_entries.deal_id AND h.from_stage_id = deal_funnel_entries.stage_id)
    WHERE implied = 0`.execute(db);
}
