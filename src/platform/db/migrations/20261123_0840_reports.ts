import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/**
 * Saved reports of the report constructor (src/modules/reports): a validated definition (JSON) owned by a
 * user, private or shared with everyone. Covering indexes let the typical reports (deals by manager and
 * month of creation or closing, activities by type and planned month) aggregate a year of a million deals
 * or five million activities from the index alone, without reading the wide rows; lines of the deals found are
 * read with their product and amount from an index too.
 */
const indexes = [
  ['deals_report_created_idx', sql`deals (created_at, owner_id, stage_id, currency, amount)`],
  ['deals_report_closed_idx', sql`deals (closed_at, owner_id, stage_id, currency, amount)`],
  ['activities_report_planned_idx', sql`activities (planned_date, owner_id, type, status)`],
  ['deal_lines_report_idx', sql`deal_lines (deal_id, product_id, gross)`],
] as const;

/**
 * SQLite has no hash aggregation: grouping a year of a million deals by manager and month sorted half a million
 * rows (seconds). Indexes in the order of the groups, with the month as an expression, let it aggregate in index
 * order instead (PostgreSQL hashes the groups and needs none of these).
 */
const sqliteMonthIndexes = [
  ['deals_report_month_created_idx', sql`deals (substr(created_at, 1, 7), owner_id, currency, stage_id, amount, created_at)`],
  ['deals_report_month_closed_idx', sql`deals (substr(closed_at, 1, 7), owner_id, currency, stage_id, amount, closed_at)`],
  ['activities_report_month_idx', sql`activities (substr(planned_date, 1, 7), type, owner_id, status, planned_date)`],
] as const;

const isSqlite = (db: Kysely<any>) => !(db.getExecutor().adapter instanceof PostgresAdapter);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('is_shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_owner_idx').on('reports').columns(['owner_id', 'name', 'id']).execute();
  await db.schema.createIndex('reports_shared_idx').on('reports').columns(['is_shared', 'name', 'id']).execute();
  for (const [name, on] of indexes) await sql`CREATE INDEX ${sql.id(name)} ON ${on}`.execute(db);
  if (isSqlite(db)) for (const [name, on] of sqliteMonthIndexes) await sql`CREATE INDEX ${sql.id(name)} ON ${on}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of indexes) await sql`DROP INDEX ${sql.id(name)}`.execute(db);
  if (isSqlite(db)) for (const [name] of sqliteMonthIndexes) await sql`DROP INDEX ${sql.id(name)}`.execute(db);
  await db.schema.dropTable('reports').execute();
}
