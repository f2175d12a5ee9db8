import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import { dialectOf } from '../src/platform/db/dialect.js';
import { findPgBin, startPgCluster } from '../test/pg-cluster.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1]! };
}

/** The server as a user runs it: a separate process, so its RSS is its own. */
export async function startServer(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  // BENCH_SERVER_ARGS: extra node options for the server (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof to profile it).
  const extra = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
  const proc = spawn(process.execPath, [...extra, '--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`the server exited with code ${proc.exitCode} before answering`);
    if (i === 600) throw new Error('the server did not answer within 2 minutes');
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    proc,
    stop: () =>
      new Promise((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/** An HTTP session: cookie + CSRF token, timing each call. */
export class Session {
  cookie = '';
  csrf = '';
  constructor(readonly url: string) {}

  async login(email: string, password: string): Promise<void> {
    const res = await fetch(`${this.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    this.cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  /** Returns [ms, parsed body]; throws on a non-2xx answer. */
  async timed<T = any>(method: string, path: string, body?: unknown): Promise<[number, T]> {
    const started = performance.now();
    const res = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`);
    return [ms, JSON.parse(text) as T];
  }
}

export function table(rows: Record<string, string | number>[]): string {
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals: string[]) => `| ${vals.map((v, i) => v.padEnd(width[i]!)).join(' | ')} |`;
  return [line(cols), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => line(cols.map((c) => String(r[c]))))].join('\n');
}

/**
 * Bulk load: the tables' secondary indexes (on PostgreSQL not those behind constraints; on SQLite those with SQL,
 * not the automatic ones) are dropped before `load` and rebuilt after it, far faster than maintaining them row by row.
 */
export async function withoutSecondaryIndexes(db: Kysely<DB>, tables: string[], load: () => Promise<void>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const { rows } = postgres
    ? await sql<{ name: string; def: string }>`
    SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename = ANY(${tables})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`.execute(db)
    : await sql<{ name: string; def: string }>`SELECT name, sql AS def FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${sql.join(tables)})`.execute(db);
  for (const r of rows) await sql`DROP INDEX ${sql.id(r.name)}`.execute(db);
  await load();
  for (const r of rows) {
    await db.transaction().execute(async (trx) => {
      if (postgres) await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
      await sql.raw(r.def).execute(trx);
    });
  }
}

/** `warmup` untimed calls, then `n` timed ones (each returns its ms). */
export async function measure(n: number, warmup: number, call: (i: number) => Promise<number>): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await call(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await call(warmup + i));
  return stats(samples);
}

/** Inserts rows in statements of at most ~30,000 parameters, in one transaction. */
export async function insertRows<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (!rows.length) return;
  const per = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]!).length));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += per) await trx.insertInto(table).values(rows.slice(i, i + per)).execute();
  });
}

/**
 * Runs a bench on SQLite (dataDir/bench.db) and PostgreSQL (a durable cluster in dataDir/pg, database `bench`),
 * as BENCH_ENGINES allows; `run` gets the engine and its database URL and seeds it when `<engine>.seeded` is
 * missing from dataDir (BENCH_FRESH=1 removes it all first). Returns the rows of all engines.
 */
export async function onEngines<R>(dataDir: string, run: (engine: 'sqlite' | 'postgres', url: string) => Promise<R[]>): Promise<R[]> {
  const only = process.env.BENCH_ENGINES?.split(',') ?? ['sqlite', 'postgres'];
  if (process.env.BENCH_FRESH === '1') fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const rows: R[] = [];
  if (only.includes('sqlite')) {
    if (!fs.existsSync(path.join(dataDir, 'sqlite.seeded'))) fs.rmSync(path.join(dataDir, 'bench.db'), { force: true });
    rows.push(...(await run('sqlite', `sqlite:${path.join(dataDir, 'bench.db')}`)));
  }
  if (!only.includes('postgres')) return rows;
  const bin = findPgBin();
  if (!bin) {
    console.log('PostgreSQL binaries not found: skipping the PostgreSQL half');
    return rows;
  }
  const pgDir = path.join(dataDir, 'pg');
  if (!fs.existsSync(path.join(dataDir, 'postgres.seeded'))) fs.rmSync(pgDir, { recursive: true, force: true });
  const cluster = await startPgCluster(bin, { durable: true, dir: pgDir });
  try {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    if (!(await client.query(`SELECT 1 FROM pg_database WHERE datname = 'bench'`)).rowCount) await client.query('CREATE DATABASE bench');
    await client.end();
    rows.push(...(await run('postgres', cluster.url.replace(/\/postgres$/, '/bench'))));
  } finally {
    cluster.stop();
  }
  return rows;
}
