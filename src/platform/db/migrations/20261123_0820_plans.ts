import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/**
 * Sales plans: one row per target (a user, a department or the whole company) and period ('2026-11', '2026-Q4',
 * '2026-H2', '2026'); revenue in minor units of the base currency, counts of won deals, calls, meetings and
 * proposals (null: not planned).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sales_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('revenue', 'bigint')
    .addColumn('deals', 'integer')
    .addColumn('calls', 'integer')
    .addColumn('meetings', 'integer')
    .addColumn('proposals', 'integer')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sales_plans_target_period_uq').on('sales_plans').columns(['target_kind', 'target_id', 'period']).unique().execute();
  await db.schema.createIndex('sales_plans_period_idx').on('sales_plans').columns(['period', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sales_plans').execute();
}
