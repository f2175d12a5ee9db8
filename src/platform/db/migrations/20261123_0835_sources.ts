import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

/**
 * Advertising costs (src/modules/sources): an amount spent on a source channel (and optionally one of its
 * campaigns, '' = the channel as a whole) in a calendar month, for the ROI of sources.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ad_costs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', notNull)
    .addColumn('campaign', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('month', 'text', notNull)
    .addColumn('amount', 'bigint', notNull)
    .addColumn('currency', 'text', notNull)
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('ad_costs_month_idx').on('ad_costs').columns(['month', 'channel', 'campaign', 'id']).execute();
  await db.schema.createIndex('ad_costs_key_idx').on('ad_costs').columns(['channel', 'campaign', 'month', 'currency']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ad_costs').execute();
}
