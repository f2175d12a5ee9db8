import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { DB } from './schema.js';
import { APP_AUTOCHECKPOINT_PAGES, startCheckpointer } from './checkpointer.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or a transaction: repositories accept both. */
export type Executor = Kysely<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** SQLite file path, or the PostgreSQL URL. */
  location: string;
  close(): Promise<void>;
}

// int8 (count(*), bigint money) as JS numbers: every value we store fits in 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

/** SQLite runs DDL in transactions; Kysely's adapter says it does not, which would leave a failed migration half-applied. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class VoronkaSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite handle Kysely sees: prepared statements are reused by SQL text (compiling one costs about
 * as much as running a simple query). A statement still busy in an iterate() (a streamed query) is not
 * handed out again; a fresh one is prepared instead.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = sqlite.prepare(text);
      if (!hit) {
        cache.set(text, stmt);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}

export function openDatabase(database: Config['database']): Database {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', location: database.url, close: () => db.destroy() };
  }
  fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new SQLite(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma(`wal_autocheckpoint = ${APP_AUTOCHECKPOINT_PAGES}`);
  const checkpointer = startCheckpointer(database.file);
  const db = new Kysely<DB>({ dialect: new VoronkaSqliteDialect({ database: withStatementCache(sqlite) }) });
  const close = async () => {
    await checkpointer.stop();
    await db.destroy();
  };
  return { db, dialect: 'sqlite', location: database.file, close };
}

export function nowIso(): string {
  return new Date().toISOString();
}
