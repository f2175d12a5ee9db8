import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DealFunnelDayTable, DealFunnelEntryTable } from '../../platform/db/schema.js';

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
  /** the deal's lost reason after the step (null unless it ends in a lost stage) */
  lostReasonId: string | null;
}

interface StageRow {
  id: string;
  pipeline_id: string;
  kind: string;
  sort: number;
  deleted_at: string | null;
}

type Entry = Selectable<DealFunnelEntryTable>;

async function pipelineStages(db: Executor, stageId: string): Promise<StageRow[]> {
  return db
    .selectFrom('stages')
    .select(['id', 'pipeline_id', 'kind', 'sort', 'deleted_at'])
    .where('pipeline_id', '=', db.selectFrom('stages').select('pipeline_id').where('id', '=', stageId))
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

async function entriesOf(db: Executor, dealId: string): Promise<Map<string, Entry>> {
  const rows = await db.selectFrom('deal_funnel_entries').selectAll().where('deal_id', '=', dealId).execute();
  return new Map(rows.map((r) => [r.stage_id, { ...r, seconds: r.seconds === null ? null : Number(r.seconds) }]));
}

/** An entry's share of the daily sums (what the funnel query reads: entered, stays left, their seconds). */
const shareOf = (e: Entry) => ({ entered: 1, stays: e.implied === 0 && e.seconds !== null ? 1 : 0, seconds: e.implied === 0 ? (e.seconds ?? 0) : 0 });

type DayRow = Selectable<DealFunnelDayTable>;

/** Changes of the daily sums collected in a call, written at its end in key order (concurrent moves lock rows alike: no deadlock). */
class DaySums {
  private rows = new Map<string, DayRow>();

  /** Moves an entry's share from its old state to its new one (null: none). */
  follow(before: Entry | null, after: Entry | null): void {
    if (before) this.add(before, -1);
    if (after) this.add(after, 1);
  }

  /** Into the row of the day and the row of the month ('M' + YYYY-MM). */
  private add(e: Entry, sign: 1 | -1): void {
    const share = shareOf(e);
    for (const day of [e.entered_at.slice(0, 10), `M${e.entered_at.slice(0, 7)}`]) {
      const row = { pipeline_id: e.pipeline_id, day, owner_key: e.owner_id ?? '', stage_id: e.stage_id, entered: 0, stays: 0, seconds: 0 };
      const key = `${row.pipeline_id}|${row.day}|${row.owner_key}|${row.stage_id}`;
      const r = this.rows.get(key) ?? row;
      r.entered += sign * share.entered;
      r.stays += sign * share.stays;
      r.seconds += sign * share.seconds;
      this.rows.set(key, r);
    }
  }

  async write(db: Executor): Promise<void> {
    for (const [, r] of [...this.rows].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!r.entered && !r.stays && !r.seconds) continue;
      await db
        .insertInto('deal_funnel_days')
        .values(r)
        .onConflict((oc) =>
          oc.columns(['pipeline_id', 'day', 'owner_key', 'stage_id']).doUpdateSet({
            entered: sql`deal_funnel_days.entered + excluded.entered`,
            stays: sql`deal_funnel_days.stays + excluded.stays`,
            seconds: sql`deal_funnel_days.seconds + excluded.seconds`,
          }),
        )
        .execute();
    }
  }
}

/** Records a stage change (or a deal's first stage: fromStageId null) in the funnel facts and their daily sums. */
export async function recordFunnelStep(db: Executor, step: StageStep): Promise<void> {
  const sums = new DaySums();
  await passStages(db, step, sums);
  await sums.write(db);
  await setFunnelLostReason(db, step.dealId, step.lostReasonId);
}

/** The deal's lost reason changed (or it left a lost stage: null): its lost-stage entries carry the current one. */
export async function setFunnelLostReason(db: Executor, dealId: string, lostReasonId: string | null): Promise<void> {
  await db
    .updateTable('deal_funnel_entries')
    .set({ lost_reason_id: lostReasonId })
    .where('deal_id', '=', dealId)
    .where('stage_id', 'in', db.selectFrom('stages').select('id').where('kind', '=', 'lost'))
    .execute();
}

async function passStages(db: Executor, step: StageStep, sums: DaySums): Promise<void> {
  const known = await entriesOf(db, step.dealId);
  const left = step.fromStageId ? known.get(step.fromStageId) : undefined;
  if (left && step.secondsInFrom !== null) {
    const after = { ...left, seconds: (left.seconds ?? 0) + step.secondsInFrom };
    await db.updateTable('deal_funnel_entries').set({ seconds: after.seconds }).where('deal_id', '=', step.dealId).where('stage_id', '=', left.stage_id).execute();
    sums.follow(left, after);
  }
  const stages = await pipelineStages(db, step.toStageId);
  const target = stages.find((s) => s.id === step.toStageId);
  if (!target) return;
  const pass = async (stage: StageRow, implied: boolean, fromStageId: string | null = null) => {
    const before = known.get(stage.id);
    if (before) {
      if (implied || before.implied === 0) return;
      await db.updateTable('deal_funnel_entries').set({ implied: 0 }).where('deal_id', '=', step.dealId).where('stage_id', '=', stage.id).execute();
      sums.follow(before, { ...before, implied: 0 });
      return;
    }
    const row: Entry = { deal_id: step.dealId, stage_id: stage.id, pipeline_id: stage.pipeline_id, owner_id: step.ownerId, entered_at: step.at, implied: implied ? 1 : 0, from_stage_id: fromStageId, seconds: null, lost_reason_id: null };
    await db.insertInto('deal_funnel_entries').values(row).execute();
    sums.follow(null, row);
    known.set(stage.id, row);
  };
  const open = stages.filter((s) => s.kind === 'open' && !s.deleted_at);
  if (target.kind !== 'lost') {
    for (const s of open) if (target.kind === 'won' || s.sort < target.sort) await pass(s, true);
    return pass(target, false);
  }
  if (known.has(target.id)) return pass(target, false);
  const from = stages.find((s) => s.id === step.fromStageId && s.kind === 'open');
  const furthest = stages.filter((s) => s.kind === 'open' && known.has(s.id)).pop();
  const at = from ?? furthest ?? open[0];
  if (at) await pass(at, true);
  await pass(target, false, at?.id ?? null);
}

/** A deal changed owner: its funnel facts follow (numbers are by the current owner, like access). */
export async function setFunnelOwner(db: Executor, dealId: string, ownerId: string | null): Promise<void> {
  const known = await entriesOf(db, dealId);
  await db.updateTable('deal_funnel_entries').set({ owner_id: ownerId }).where('deal_id', '=', dealId).execute();
  const sums = new DaySums();
  for (const e of known.values()) sums.follow(e, { ...e, owner_id: ownerId });
  await sums.write(db);
}

/** A deal is being deleted: its entries leave the daily sums (the rows go with the deal). */
export async function forgetFunnelDeal(db: Executor, dealId: string): Promise<void> {
  const sums = new DaySums();
  for (const e of (await entriesOf(db, dealId)).values()) sums.follow(e, null);
  await sums.write(db);
  await db.deleteFrom('deal_funnel_entries').where('deal_id', '=', dealId).execute();
}

/** Recomputes every funnel fact from the deals' stage history (after bulk loads written straight to the tables). */
export async function rebuildFunnelEntries(db: Executor): Promise<void> {
  await db.deleteFrom('deal_funnel_days').execute();
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
      ORDER BY s.sort DESC, s.id DESC LIMIT 1)
    WHERE from_stage_id IS NULL AND ${lost}`.execute(db);
  await sql`UPDATE deal_funnel_entries SET from_stage_id = (
      SELECT s.id FROM stages s WHERE s.pipeline_id = deal_funnel_entries.pipeline_id AND s.kind = 'open' AND s.deleted_at IS NULL ORDER BY s.sort, s.id LIMIT 1)
    WHERE from_stage_id IS NULL AND ${lost}`.execute(db);
  await sql`UPDATE deal_funnel_entries SET lost_reason_id = (SELECT d.lost_reason_id FROM deals d WHERE d.id = deal_funnel_entries.deal_id) WHERE ${lost}`.execute(db);
  await sql`INSERT INTO deal_funnel_entries (deal_id, stage_id, pipeline_id, owner_id, entered_at, implied)
    SELECT l.deal_id, l.from_stage_id, l.pipeline_id, l.owner_id, l.entered_at, 1
    FROM deal_funnel_entries l WHERE l.from_stage_id IS NOT NULL
    ON CONFLICT (deal_id, stage_id) DO NOTHING`.execute(db);
  await sql`UPDATE deal_funnel_entries SET seconds = (
      SELECT sum(h.seconds_in_from_stage) FROM deal_stage_history h WHERE h.deal_id = deal_funnel_entries.deal_id AND h.from_stage_id = deal_funnel_entries.stage_id)
    WHERE implied = 0`.execute(db);
  for (const day of [sql`substr(entered_at, 1, 10)`, sql`'M' || substr(entered_at, 1, 7)`]) {
    await sql`INSERT INTO deal_funnel_days (pipeline_id, day, owner_key, stage_id, entered, stays, seconds)
      SELECT pipeline_id, ${day}, coalesce(owner_id, ''), stage_id, count(*),
        sum(CASE WHEN implied = 0 AND seconds IS NOT NULL THEN 1 ELSE 0 END), sum(CASE WHEN implied = 0 THEN coalesce(seconds, 0) ELSE 0 END)
      FROM deal_funnel_entries GROUP BY pipeline_id, ${day}, coalesce(owner_id, ''), stage_id`.execute(db);
  }
}
