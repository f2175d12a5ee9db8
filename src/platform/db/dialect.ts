import { PostgresAdapter, sql, type Expression, type Kysely } from 'kysely';
import type { Dialect } from './database.js';

/** Which engine a Kysely instance (or transaction) talks to. */
export function dialectOf(db: Pick<Kysely<unknown>, 'getExecutor'>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * The sort key of a full-text search page. On PostgreSQL a search that matches many rows (a short common
 * prefix) would otherwise walk the sort column's index filtering row by row (seconds at a million rows when
 * the matches sit late in that order); sorting by an expression the index does not cover makes the planner
 * take the GIN matches and sort just those. The order itself is the same.
 */
export function searchSortKey(db: Pick<Kysely<unknown>, 'getExecutor'>, column: string, searching: boolean): Expression<unknown> {
  return searching && dialectOf(db) === 'postgres' ? sql`${sql.ref(column)} || ''` : sql.ref(column);
}
