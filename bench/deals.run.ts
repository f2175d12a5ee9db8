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
import { findPgBin, startPgCluster, type PgCluster } from '../test/pg-cluster.js';
import { memoryOf, Session, startServer, table } from './lib.js';
import { ADMIN, MANAGER_PASSWORD, seedDealsDb } from './deals.db.js';
import { dealsScenarios } from './deals.bench.js';

const size = Number(process.env.BENCH_DEALS ?? 1_000_000);
const companies = Number(process.env.BENCH_DEAL_COMPANIES ?? Math.max(1, Math.round(size / 5)));
const managers = Number(process.env.BENCH_MANAGERS ?? 50);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const only = process.env.BENCH_ENGINES?.split(',') ?? ['sqlite', 'postgres'];
const dataDir = path.resolve(process.env.BENCH_DATA ?? 'bench/.data', `deals-${size}`);
const targets: Record<string, number> = { 'board:': 50, 'deal create': 15 };
const targetOf = (name: string) => (name.includes('(info)') ? undefined : Object.entries(targets).find(([k]) => name.includes(k))?.[1]);

async function runEngine(engine: string, url: string) {
  console.log(`\n== ${engine}: ${size.toLocaleString('en')} deals, ${companies.toLocaleString('en')} companies, ${managers} managers`);
  const seeded = await seedDealsDb(url, path.join(dataDir, `${engine}.seeded`), { size, companies, managers });
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
