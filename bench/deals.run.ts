/**
 * The deals bench (part of npm run bench): BENCH_DEALS deals (default 1,000,000) over BENCH_DEAL_COMPANIES
 * companies (default a fifth of the deals) owned by BENCH_MANAGERS sales managers (default 50), on SQLite and
 * PostgreSQL; starts the real server on each and measures the kanban board and deal writes (p50/p99).
 * Seeded databases are kept in BENCH_DATA/deals-<size> and reused; BENCH_FRESH=1 seeds anew.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createUser, ensureAdmin, ensureSystemRoles } from '../src/modules/users/index.js';
import { seedDemoCatalog, seedDemoCompanies } from '../src/modules/demo/index.js';
import { ensureDefaultPipelines } from '../src/modules/pipelines/index.js';
import { rebuildDealTotals } from '../src/modules/deals/index.js';
import { findPgBin, startPgCluster, type PgCluster } from '../test/pg-cluster.js';
import { memoryOf, Session, startServer, table, withoutSecondaryIndexes } from './lib.js';
import { dealsScenarios } from './deals.bench.js';
import { seedDeals } from './deals.seed.js';

const size = Number(process.env.BENCH_DEALS ?? 1_000_000);
const companies = Number(process.env.BENCH_DEAL_COMPANIES ?? Math.max(1, Math.round(size / 5)));
const managers = Number(process.env.BENCH_MANAGERS ?? 50);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const only = process.env.BENCH_ENGINES?.split(',') ?? ['sqlite', 'postgres'];
const dataDir = path.resolve(process.env.BENCH_DATA ?? 'bench/.data', `deals-${size}`);
const ADMIN = { email: 'bench@voronka.local', password: 'bench-password' };
const MANAGER_PASSWORD = 'bench-password';
const targets: Record<string, number> = { 'board:': 50, 'deal create': 15 };
const targetOf = (name: string) => (name.includes('(info)') ? undefined : Object.entries(targets).find(([k]) => name.includes(k))?.[1]);
const dealTables = ['deals', 'deal_lines', 'deal_stage_history'];
const progress = (what: string, total: number) => {
  let last = 0;
  return (done: number) => {
    if (Date.now() - last < 5000 && done < total) return;
    last = Date.now();
    process.stdout.write(`\r  ${what} ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
  };
};

async function seed(url: string, marker: string): Promise<{ seconds: number } | null> {
  const database = openDatabase(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }).database);
  const db = database.db;
  await migrateToLatest(database);
  if (fs.existsSync(marker)) {
    await database.close();
    return null;
  }
  await ensureSystemRoles(db);
  await ensureDefaultPipelines(db, 'RU');
  await ensureAdmin(db, ADMIN.email, ADMIN.password);
  await seedDemoCatalog(db);
  const ownerIds: string[] = [];
  for (let i = 1; i <= managers; i++) {
    ownerIds.push(await createUser(db, { email: `manager${i}@bench.local`, name: `Manager ${i}`, password: MANAGER_PASSWORD, roleKey: 'sales_manager' }));
  }
  const started = Date.now();
  await seedDemoCompanies(db, { size: companies, ownerIds, batch: 1000, onProgress: progress('companies', companies) });
  process.stdout.write('\n');
  const load = () => seedDeals(db, { size, onProgress: progress('deals', size) });
  if (database.dialect === 'postgres') await withoutSecondaryIndexes(db, dealTables, load);
  else await load();
  process.stdout.write('\n');
  await rebuildDealTotals(db);
  await sql.raw(database.dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(db);
  await database.close();
  fs.writeFileSync(marker, new Date().toISOString());
  return { seconds: (Date.now() - started) / 1000 };
}

async function runEngine(engine: string, url: string) {
  console.log(`\n== ${engine}: ${size.toLocaleString('en')} deals, ${companies.toLocaleString('en')} companies, ${managers} managers`);
  const seeded = await seed(url, path.join(dataDir, `${engine}.seeded`));
  console.log(seeded ? `   seeded in ${seeded.seconds.toFixed(0)} s` : `   reusing the database seeded earlier in ${dataDir}`);
  const server = await startServer({ DATABASE_URL: url });
  try {
    const admin = new Session(server.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const manager = new Session(server.url);
    await manager.login('manager1@bench.local', MANAGER_PASSWORD);
    const results = await dealsScenarios(admin, manager, samples);
    const mem = memoryOf(server.proc.pid!);
    const rows = Object.entries(results).map(([name, st]) => {
      const target = targetOf(name);
      return { engine, scenario: name, n: st.n, 'p50 ms': st.p50.toFixed(2), 'p99 ms': st.p99.toFixed(2), 'max ms': st.max.toFixed(1), target: target ? `p99 < ${target}` : '', ok: target ? (st.p99 < target ? 'yes' : 'NO') : '' };
    });
    rows.push({ engine, scenario: 'server RSS / peak (MB)', n: 0, 'p50 ms': String(mem.rssMb), 'p99 ms': String(mem.peakMb), 'max ms': '', target: '< 300', ok: mem.peakMb < 300 ? 'yes' : 'NO' });
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
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      if (!(await client.query(`SELECT 1 FROM pg_database WHERE datname = 'bench'`)).rowCount) await client.query('CREATE DATABASE bench');
      await client.end();
      all.push(...(await runEngine('postgres', cluster.url.replace(/\/postgres$/, '/bench'))));
    }
  }
  console.log(`\nVoronka deals bench: ${size.toLocaleString('en')} deals, ${samples} sequential requests per scenario, ${os.cpus().length} cores\n`);
  console.log(table(all));
} finally {
  cluster?.stop();
}
