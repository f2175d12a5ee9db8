import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/**
 * Dashboards (src/modules/dashboards): a user's pages of widgets, each widget a saved report shown as a chart
 * or a table, with its size and place. dashboard_defaults marks the users whose ready-made dashboards were
 * created (once: deleting them does not bring them back on the next open).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dashboards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dashboards_user_idx').on('dashboards').columns(['user_id', 'sort', 'id']).execute();
  await db.schema
    .createTable('dashboard_widgets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dashboard_id', 'text', (c) => c.notNull().references('dashboards.id').onDelete('cascade'))
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('size', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dashboard_widgets_dashboard_idx').on('dashboard_widgets').columns(['dashboard_id', 'position']).execute();
  await db.schema.createIndex('dashboard_widgets_report_idx').on('dashboard_widgets').column('report_id').execute();
  await db.schema
    .createTable('dashboard_defaults')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dashboard_defaults').execute();
  await db.schema.dropTable('dashboard_widgets').execute();
  await db.schema.dropTable('dashboards').execute();
}
