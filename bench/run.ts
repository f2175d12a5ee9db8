/**
 * npm run bench: generates BENCH_COMPANIES companies with contacts (default 1,000,000) on SQLite and
 * PostgreSQL, starts the real server on each, and measures the API's hot paths (p50/p99) and the server's
 * memory. Results are printed as a table; targets are the issue's, listed beside the numbers.
 * Seeded databases are kept in BENCH_DATA (default bench/.data) and reused by the next run of the same
 * size; BENCH_FRESH=1 seeds anew.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { sql } from 'kysely';
import { ensureAdmin, ensureSystemRoles } from '../src/modules/users/index.js';
import { ensureDemoTeam, seedDemoCompanies } from '../src/modules/demo/index.js';
import { findPgBin, startPgCluster, type PgCluster } from '../test/pg-cluster.js';
import { memoryOf, Session, startServer, table, withoutSecondaryIndexes } from './lib.js';
import { companiesScenarios } from './companies.bench.js';

const size = Number(process.env.BENCH_COMPANIES ?? 1_000_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const only = process.env.BENCH_ENGINES?.split(',') ?? ['sqlite', 'postgres'];
const dataDir = path.resolve(process.env.BENCH_DATA ?? 'bench/.data', String(size));
const ADMIN = { email: 'bench@voronka.local', password: 'bench-password' };
const targets: Record<string, number> = { list: 20, search: 20, filtered: 20, create: 10 };
const targetOf = (name: string) => (name.includes('(info)') ? undefined : Object.entries(targets).find(([k]) => name.includes(k))?.[1]);

const directoryTables = ['companies', 'contacts', 'company_contacts', 'phones', 'emails', 'tags'];

/** Migrates, then seeds once per data dir: a marker file records a finished seed, so a half-seeded database is redone. */
async function seed(url: string, marker: string): Promise<{ seconds: number } | null> {
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const database = openDatabase(config.database);
  await migrateToLatest(database);
  if (fs.existsSync(marker)) {
    await database.close();
    return null;
  }
  await ensureSystemRoles(database.db);
  await ensureAdmin(database.db, ADMIN.email, ADMIN.password);
  const team = await ensureDemoTeam(database.db);
  const started = Date.now();
  let last = 0;
  const load = () =>
    seedDemoCompanies(database.db, {
      size,
      ownerIds: team.sellers,
      batch: 1000,
      onProgress: (done) => {
        if (Date.now() - last > 5000) {
          last = Date.now();
          process.stdout.write(`\r  seeded ${done.toLocaleString('en')} / ${size.toLocaleString('en')}`);
        }
      },
    });
  if (database.dialect === 'postgres') await withoutSecondaryIndexes(database.db, directoryTables, load);
  else await load();
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write('\n');
  if (database.dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(database.db);
  else await sql`ANALYZE`.execute(database.db);
  await database.close();
  fs.writeFileSync(marker, new Date().toISOString());
  return { seconds };
}

async function runEngine(engine: string, url: string) {
  console.log(`\n== ${engine}: ${size.toLocaleString('en')} companies with contacts`);
  const seeded = await seed(url, path.join(dataDir, `${engine}.seeded`));
  if (seeded) console.log(`   seeded at ${Math.round(size / seeded.seconds).toLocaleString('en')} companies/s (${seeded.seconds.toFixed(0)} s)`);
  else console.log(`   reusing the database seeded earlier in ${dataDir}`);
  const server = await startServer({ DATABASE_URL: url });
  try {
    const s = new Session(server.url);
    await s.login(ADMIN.email, ADMIN.password);
    const results = await companiesScenarios(s, size, samples);
    const mem = memoryOf(server.proc.pid!);
    const rows = Object.entries(results).map(([name, st]) => ({
      engine,
      scenario: name,
      n: st.n,
      'p50 ms': st.p50.toFixed(2),
      'p99 ms': st.p99.toFixed(2),
      'max ms': st.max.toFixed(1),
      target: targetOf(name) ? `p99 < ${targetOf(name)}` : '',
      ok: targetOf(name) ? (st.p99 < targetOf(name)! ? 'yes' : 'NO') : '',
    }));
    rows.push({ engine, scenario: `server RSS / peak (MB)`, n: 0, 'p50 ms': String(mem.rssMb), 'p99 ms': String(mem.peakMb), 'max ms': '', target: '< 300', ok: mem.peakMb < 300 ? 'yes' : 'NO' });
    console.log(table(rows));
    return rows;
  } finally {
    await server.stop();
  }
}

const all: Record<string, string | number>[] = [];
if (process.env.BENCH_FRESH === '1') fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
let cluster: PgCluster | null = null;
try {
  if (only.includes('sqlite')) {
    if (!fs.existsSync(path.join(dataDir, 'sqlite.seeded'))) fs.rmSync(path.join(dataDir, 'bench.db'), { force: true });
    all.push(...(await runEngine('sqlite', `sqlite:${path.join(dataDir, 'bench.db')}`)));
  }
  if (only.includes('postgres')) {
    const bin = findPgBin();
    if (!bin) console.log('PostgreSQL binaries not found: skipping the PostgreSQL half');
    else {
      const pgDir = path.join(dataDir, 'pg');
      if (!fs.existsSync(path.join(dataDir, 'postgres.seeded'))) fs.rmSync(pgDir, { recursive: true, force: true });
      cluster = await startPgCluster(bin, { durable: true, dir: pgDir });
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'bench'`);
      if (!exists.rowCount) await admin.query('CREATE DATABASE bench');
      await admin.end();
      all.push(...(await runEngine('postgres', cluster.url.replace(/\/postgres$/, '/bench'))));
    }
  }
  console.log(`\nVoronka bench: ${size.toLocaleString('en')} companies, ${samples} sequential requests per scenario, ${os.cpus().length} cores\n`);
  console.log(table(all));
} finally {
  cluster?.stop();
}
