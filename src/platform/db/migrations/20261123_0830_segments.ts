import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

/**
 * Segmentation (src/modules/segments): the stored ABC / XYZ / RFM classes of clients and ABC / XYZ / BCG of
 * products (side tables keyed by the record, refreshed by a job), the job's lease and last run, and the
 * tasks made for churn episodes (one per company and last purchase).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('company_segments')
    .addColumn('company_id', 'text', (c) => c.primaryKey().references('companies.id').onDelete('cascade'))
    .addColumn('abc', 'text')
    .addColumn('xyz', 'text')
    .addColumn('is_new', 'integer', zero)
    .addColumn('metric_value', 'bigint', zero)
    .addColumn('share_before_bp', 'integer')
    .addColumn('cv_bp', 'integer')
    .addColumn('rfm_r', 'integer')
    .addColumn('rfm_f', 'integer')
    .addColumn('rfm_m', 'integer')
    .addColumn('recency_days', 'integer')
    .addColumn('frequency', 'integer', zero)
    .addColumn('monetary', 'bigint', zero)
    .addColumn('computed_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('company_segments_abc_idx').on('company_segments').columns(['abc', 'xyz', 'company_id']).execute();
  await db.schema.createIndex('company_segments_xyz_idx').on('company_segments').columns(['xyz', 'company_id']).execute();

  await db.schema
    .createTable('product_segments')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id').onDelete('cascade'))
    .addColumn('abc', 'text')
    .addColumn('xyz', 'text')
    .addColumn('is_new', 'integer', zero)
    .addColumn('metric_value', 'bigint', zero)
    .addColumn('share_before_bp', 'integer')
    .addColumn('cv_bp', 'integer')
    .addColumn('bcg', 'text')
    .addColumn('revenue', 'bigint', zero)
    .addColumn('revenue_prev', 'bigint', zero)
    .addColumn('growth_bp', 'integer')
    .addColumn('rel_share_bp', 'integer')
    .addColumn('computed_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('product_segments_abc_idx').on('product_segments').columns(['abc', 'xyz', 'product_id']).execute();

  await db.schema
    .createTable('segment_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('requested_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text')
    .addColumn('trigger', 'text')
    .addColumn('as_of', 'text')
    .addColumn('error', 'text')
    .addColumn('companies', 'integer', zero)
    .addColumn('products', 'integer', zero)
    .addColumn('unconverted', 'text')
    .execute();

  await db.schema
    .createTable('churn_tasks')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('last_purchase_at', 'text', notNull)
    .addColumn('task_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', notNull)
    .addPrimaryKeyConstraint('churn_tasks_pk', ['company_id', 'last_purchase_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['churn_tasks', 'segment_jobs', 'product_segments', 'company_segments']) await db.schema.dropTable(t).execute();
}
