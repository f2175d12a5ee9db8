import { sql } from 'kysely';
import type { Db, Executor } from '../../../platform/db/database.js';

let n = 0;

/**
 * The batch transaction as a `Db` for module services that open their own transaction (createProduct,
 * createDeal ...): their `db.transaction().execute(fn)` runs `fn` inside a savepoint of the batch, so a row the
 * service refuses is rolled back alone while the batch and its checkpoint commit together.
 */
export function nestedDb(trx: Executor): Db {
  const proxy: Db = new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') {
        return () => ({
          execute: async <T>(fn: (t: Db) => Promise<T>): Promise<T> => {
            const name = sql.id(`import_sp_${++n}`);
            await sql`SAVEPOINT ${name}`.execute(target);
            try {
              const out = await fn(proxy);
              await sql`RELEASE SAVEPOINT ${name}`.execute(target);
              return out;
            } catch (err) {
              await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(target);
              await sql`RELEASE SAVEPOINT ${name}`.execute(target);
              throw err;
            }
          },
        });
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return proxy;
}

/** Runs one row's writes in a savepoint of the batch (a failure undoes that row only). */
export async function inSavepoint<T>(trx: Executor, fn: (db: Db) => Promise<T>): Promise<T> {
  return nestedDb(trx).transaction().execute(fn);
}
