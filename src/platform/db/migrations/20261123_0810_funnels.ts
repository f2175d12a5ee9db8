import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/**
 * Funnel facts: one row per deal and stage it passed (first entry), kept by the deals module in the transaction
 * of every stage change, so a funnel for a period and pipeline is a range count on an index. Earlier open
 * stages a deal skipped are passed too (implied = 1: the deal never sat there); a lost row records the open
 * stage the deal was lost at. deal_funnel_days adds them up per day. Existing deals are filled from their stage history.
 * Activities get covering indexes for the activity funnel (done ones by owner and day, by type).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deal_funnel_entries')
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('implied', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('from_stage_id', 'text')
    .addColumn('seconds', 'bigint')
    .addPrimaryKeyConstraint('deal_funnel_entries_pk', ['deal_id', 'stage_id'])
    .execute();
  // A stage's entries over a period (lost ones with the stage lost at; drill-downs in entry order), an owner's.
  await db.schema.createIndex('deal_funnel_stage_idx').on('deal_funnel_entries').columns(['stage_id', 'entered_at', 'deal_id', 'owner_id', 'from_stage_id']).execute();
  await db.schema.createIndex('deal_funnel_owner_idx').on('deal_funnel_entries').columns(['owner_id', 'entered_at', 'stage_id']).execute();
  // The entries added up per pipeline, day entered (and month: day 'M' + YYYY-MM), owner ('' none) and stage: a quarter
  // of a whole pipeline reads its three month rows per owner and stage instead of every entry. Stays: entries (not
  // skipped) left at least once; seconds: their time.
  await db.schema
    .createTable('deal_funnel_days')
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('owner_key', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('entered', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('stays', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('seconds', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('deal_funnel_days_pk', ['pipeline_id', 'day', 'owner_key', 'stage_id'])
    .execute();
  await db.schema.createIndex('activities_owner_done_idx').on('activities').columns(['owner_id', 'done_at', 'type']).execute();
  await db.schema.createIndex('activities_done_owner_idx').on('activities').columns(['done_at', 'owner_id', 'type']).execute();
  await backfill(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('activities_done_owner_idx').execute();
  await db.schema.dropIndex('activities_owner_done_idx').execute();
  await db.schema.dropTable('deal_funnel_days').execute();
  await db.schema.dropTable('deal_funnel_entries').execute();
}

/** The same rules as the funnels module's rebuild, as they were when this migration was written. */
async function backfill(db: Kysely<any>): Promise<void> {
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
  await sql`UPDATE deal_funnel_entries SET from_stage_id = (
      SELECT f.id FROM deal_stage_history h JOIN stages f ON f.id = h.from_stage_id
      WHERE h.deal_id = deal_funnel_entries.deal_id AND h.to_stage_id = deal_funnel_entries.stage_id AND h.at = deal_funnel_entries.entered_at
        AND f.kind = 'open' AND f.pipeline_id = deal_funnel_entries.pipeline_id
      ORDER BY h.id LIMIT 1)
    WHERE stage_id IN (SELECT id FROM stages WHERE kind = 'lost')`.execute(db);
  await sql`UPDATE deal_funnel_entries SET from_stage_id = (
      SELECT o.stage_id FROM deal_funnel_entries o JOIN stages s ON s.id = o.stage_id
      WHERE o.deal_id = deal_funnel_entries.deal_id AND s.kind = 'open' AND s.pipeline_id = deal_funnel_entries.pipeline_id AND o.entered_at <= deal_funnel_entries.entered_at
      ORDER BY s.sort DESC, s.id DESC LIMIT 1)
    WHERE from_stage_id IS NULL AND stage_id IN (SELECT id FROM stages WHERE kind = 'lost')`.execute(db);
  await sql`UPDATE deal_funnel_entries SET from_stage_id = (
      SELECT s.id FROM stages s WHERE s.pipeline_id = deal_funnel_entries.pipeline_id AND s.kind = 'open' AND s.deleted_at IS NULL ORDER BY s.sort, s.id LIMIT 1)
    WHERE from_stage_id IS NULL AND stage_id IN (SELECT id FROM stages WHERE kind = 'lost')`.execute(db);
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
