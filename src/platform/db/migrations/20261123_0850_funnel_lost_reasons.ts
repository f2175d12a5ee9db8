import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/**
 * Lost-stage funnel entries carry the deal's lost reason, so lost counts by reason read the entries alone (the
 * join to a million deals cost ~0.4 s a quarter); the stage index covers the reason and the pipeline.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deal_funnel_entries').addColumn('lost_reason_id', 'text').execute();
  await sql`UPDATE deal_funnel_entries SET lost_reason_id = (SELECT d.lost_reason_id FROM deals d WHERE d.id = deal_funnel_entries.deal_id)
    WHERE stage_id IN (SELECT id FROM stages WHERE kind = 'lost')`.execute(db);
  await db.schema.dropIndex('deal_funnel_stage_idx').execute();
  await db.schema
    .createIndex('deal_funnel_stage_idx')
    .on('deal_funnel_entries')
    .columns(['stage_id', 'entered_at', 'deal_id', 'owner_id', 'from_stage_id', 'lost_reason_id', 'pipeline_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('deal_funnel_stage_idx').execute();
  await db.schema.createIndex('deal_funnel_stage_idx').on('deal_funnel_entries').columns(['stage_id', 'entered_at', 'deal_id', 'owner_id', 'from_stage_id']).execute();
  await db.schema.alterTable('deal_funnel_entries').dropColumn('lost_reason_id').execute();
}
