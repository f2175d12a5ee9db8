import { PostgresAdapter, type Kysely } from 'kysely';
import type { Dialect } from './database.js';

/** Which engine a Kysely instance (or transaction) talks to. */
export function dialectOf(db: Pick<Kysely<unknown>, 'getExecutor'>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
