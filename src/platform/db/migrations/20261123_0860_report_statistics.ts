import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/**
 * PostgreSQL only: statistics of the month and the day of the timestamps the report constructor groups by.
 * Without them the planner takes each timestamp for a group of its own (half a million groups for a year of
 * deals), sorts instead of hashing and walks the rows by manager: a year of a million deals by manager and
 * month 1.2 s -> 0.3 s. SQLite reads these groups in the order of its month indexes (migration 0840).
 */
const dates = {
  deals: ['created_at', 'closed_at'],
  activities: ['done_at', 'created_at'],
  companies: ['created_at', 'status_changed_at'],
} as const;

const statistics = Object.entries(dates).flatMap(([table, columns]) =>
  columns.flatMap((column) => [7, 10].map((length) => ({ table, column, length, name: `${table}_${column}_${length === 7 ? 'month' : 'day'}_stx` }))),
);

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const s of statistics) {
    await sql`CREATE STATISTICS ${sql.id(s.name)} ON (substr(${sql.id(s.column)}, 1, ${sql.lit(s.length)})) FROM ${sql.id(s.table)}`.execute(db);
  }
  for (const table of Object.keys(dates)) await sql`ANALYZE ${sql.id(table)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const s of statistics) await sql`DROP STATISTICS ${sql.id(s.name)}`.execute(db);
}
