import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../platform/config.js';
import { migrations } from '../platform/db/migrations/index.js';
import { CliError } from './cli-error.js';
import { runPgTool } from './pg-tools.js';

const SQLITE_MAGIC = 'SQLite format 3\0';
const PG_DUMP_MAGIC = 'PGDMP';

function header(file: string, bytes: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

function targetFile(file: string): string {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new CliError(`${target} already exists; choose a new file name or delete it first`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  return target;
}

function sourceFile(file: string): string {
  const source = path.resolve(file);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new CliError(`${source} does not exist or is not a file`);
  return source;
}

/** Backs the database up into FILE (which must not exist yet) while the server may keep running. */
export async function backupDatabase(config: Config, file: string): Promise<string> {
  const target = targetFile(file);
  if (config.database.kind === 'postgres') {
    await runPgTool('pg_dump', ['--format=custom', `--file=${target}`], config.database.url);
    return `Backed up the PostgreSQL database to ${target}`;
  }
  const dbFile = config.database.file;
  if (!fs.existsSync(dbFile)) throw new CliError(`There is no database at ${dbFile}; nothing to back up`);
  const source = new SQLite(dbFile, { fileMustExist: true, timeout: 5000 });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  // A self-contained file: no -wal/-shm companions when it is copied around or restored.
  const copy = new SQLite(target);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  return `Backed up ${dbFile} to ${target}`;
}

/** Checks that a SQLite file is an intact Voronka database this version can open. */
function verifySqliteBackup(file: string, shownAs: string): void {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { fileMustExist: true });
  } catch (err) {
    throw new CliError(`${shownAs} cannot be opened as a SQLite database: ${(err as Error).message}`);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new CliError(`${shownAs} is damaged (integrity check: ${String(check)})`);
    const hasTable = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`).get();
    if (!hasTable) throw new CliError(`${shownAs} is a SQLite database but not a Voronka backup (it has no migrations table)`);
    const applied = (db.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name);
    const unknown = applied.filter((name) => !(name in migrations));
    if (unknown.length) throw new CliError(`${shownAs} was made by a newer Voronka (unknown migrations: ${unknown.join(', ')}); upgrade first`);
  } finally {
    db.close();
  }
}

/** Throws unless no other connection (a running server) has the SQLite database open. */
function assertNotInUse(dbFile: string): void {
  if (!fs.existsSync(dbFile)) return;
  const db = new SQLite(dbFile, { timeout: 0 });
  try {
    // Leaving WAL mode needs the database to itself; while a server has it open this fails with SQLITE_BUSY.
    db.pragma('journal_mode = DELETE');
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new CliError(`${dbFile} is in use (is the Voronka server running?); stop it before restoring`);
    }
    throw err;
  } finally {
    db.close();
  }
}

/** Replaces the database with the backup in FILE. For SQLite the server must be stopped. */
export async function restoreDatabase(config: Config, file: string): Promise<string> {
  const source = sourceFile(file);
  if (config.database.kind === 'postgres') {
    if (header(source, PG_DUMP_MAGIC.length) !== PG_DUMP_MAGIC) {
      throw new CliError(`${source} is not a PostgreSQL backup (expected a pg_dump custom-format file made by \`voronka backup\`)`);
    }
    await runPgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', source], config.database.url);
    return `Restored the PostgreSQL database from ${source}`;
  }
  if (header(source, SQLITE_MAGIC.length) !== SQLITE_MAGIC) throw new CliError(`${source} is not a SQLite database`);
  const dbFile = config.database.file;
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const staged = `${dbFile}.restoring-${process.pid}`;
  fs.copyFileSync(source, staged);
  try {
    verifySqliteBackup(staged, source);
    assertNotInUse(dbFile);
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${dbFile}${suffix}`, { force: true });
    fs.renameSync(staged, dbFile);
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${staged}${suffix}`, { force: true });
  }
  return `Restored ${dbFile} from ${source}; pending migrations run when the server starts`;
}
