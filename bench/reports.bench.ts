/**
 * The report constructor bench (part of npm run bench): BENCH_REPORT_DEALS deals (default 1,000,000) seeded with
 * bench/deals.seed.ts over a fifth as many companies of BENCH_MANAGERS managers (default 50), plus
 * BENCH_REPORT_ACTIVITIES activities (default five per deal) over the same two years, on SQLite and PostgreSQL;
 * the real server answers POST /reports/run (p50/p99 of sequential requests, target p99 < 1 s).
 * Seeded databases are kept in BENCH_DATA/reports-<deals> and reused; BENCH_FRESH=1 seeds anew.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { sql, type Insertable } from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase, type Db } from '../src/platform/db/database.js';
import type { DB } from '../src/platform/db/schema.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { newId } from '../src/platform/ids.js';
import { createUser, ensureAdmin, ensureSystemRoles } from '../src/modules/users/index.js';
import { rng, seedDemoCatalog, seedDemoCompanies } from '../src/modules/demo/index.js';
import { ensureDefaultPipelines } from '../src/modules/pipelines/index.js';
import { rebuildDealTotals } from '../src/modules/deals/index.js';
import { insertRows, measure, onEngines, Session, startServer, table, withoutSecondaryIndexes, type Stats } from './lib.js';
import { seedDeals } from './deals.seed.js';

const size = Number(process.env.BENCH_REPORT_DEALS ?? 1_000_000);
const activities = Number(process.env.BENCH_REPORT_ACTIVITIES ?? size * 5);
const managers = Number(process.env.BENCH_MANAGERS ?? 50);
const samples = Number(process.env.BENCH_SAMPLES ?? 50);
const dataDir = path.resolve(process.env.BENCH_DATA ?? 'bench/.data', `reports-${size}`);
const ADMIN = { email: 'bench@voronka.local', password: 'bench-password' };
const TARGET_MS = 1000;
const DAY = 86_400_000;
const types = ['call', 'call', 'call', 'meeting', 'email', 'proposal', 'letter', 'note'] as const;

/** Activities of the companies' owners from 700 days ago to 30 days ahead, 70 % of the past ones done. */
async function seedActivities(db: Db, total: number): Promise<void> {
  const r = rng(23);
  const companies = await db.selectFrom('companies').select(['id', 'owner_id']).orderBy('id').execute();
  const now = Date.now();
  for (let start = 0; start < total; start += 5000) {
    const rows: Insertable<DB['activities']>[] = [];
    for (let i = start; i < Math.min(total, start + 5000); i++) {
      const company = companies[i % companies.length]!;
      const day = new Date(now - 700 * DAY + Math.floor(r() * 730 * DAY)).toISOString().slice(0, 10);
      const done = day < new Date(now).toISOString().slice(0, 10) && r() < 0.7;
      const stamp = `${day}T10:00:00.000Z`;
      rows.push({
        id: newId(), type: types[Math.floor(r() * types.length)]!, direction: null, status: done ? 'done' : 'open', company_id: company.id, deal_id: null,
        owner_id: company.owner_id!, planned_date: day, planned_time: null, planned_at: null, planned_key: day, done_at: done ? stamp : null, result: null,
        call_result: null, duration_sec: null, claim_status: null, subject: null, notes: null, next_step_declined: 0, next_step_reason: null, previous_id: null,
        timeline_at: stamp, search_text: '', version: 1, created_by: company.owner_id, created_at: stamp, updated_at: stamp,
      });
    }
    await insertRows(db, 'activities', rows);
    if (start % 200_000 === 0) process.stdout.write(`\r  activities ${start.toLocaleString('en')} / ${total.toLocaleString('en')}`);
  }
  process.stdout.write('\n');
}

async function seed(url: string, marker: string): Promise<number | null> {
  const database = openDatabase(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }).database);
  const db = database.db;
  await migrateToLatest(database);
  if (fs.existsSync(marker)) {
    await database.close();
    return null;
  }
  const started = Date.now();
  await ensureSystemRoles(db);
  await ensureDefaultPipelines(db, 'RU');
  await ensureAdmin(db, ADMIN.email, ADMIN.password);
  await seedDemoCatalog(db);
  const ownerIds: string[] = [];
  for (let i = 1; i <= managers; i++) ownerIds.push(await createUser(db, { email: `manager${i}@bench.local`, name: `Manager ${i}`, password: ADMIN.password, roleKey: 'sales_manager' }));
  await seedDemoCompanies(db, { size: Math.max(1, Math.round(size / 5)), ownerIds, batch: 1000 });
  const load = async () => {
    await seedDeals(db, { size, onProgress: (n) => n % 100_000 === 0 && process.stdout.write(`\r  deals ${n.toLocaleString('en')} / ${size.toLocaleString('en')}`) });
    process.stdout.write('\n');
    await seedActivities(db, activities);
  };
  if (database.dialect === 'postgres') await withoutSecondaryIndexes(db, ['deals', 'deal_lines', 'deal_stage_history', 'activities'], load);
  else await load();
  await rebuildDealTotals(db);
  await sql.raw(database.dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(db);
  await database.close();
  fs.writeFileSync(marker, new Date().toISOString());
  return (Date.now() - started) / 1000;
}

const year = { field: 'created_at', preset: 'last_12_months' };
const scenarios: [string, 'admin' | 'manager', Record<string, unknown>][] = [
  ['deals by manager x month (year), count + sum', 'admin', { entity: 'deals', dimensions: [{ key: 'manager' }, { key: 'period', unit: 'month', field: 'created_at' }], measures: ['count', 'sum'], filters: { period: year } }],
  ['deals by manager x month (year), manager (own)', 'manager', { entity: 'deals', dimensions: [{ key: 'manager' }, { key: 'period', unit: 'month', field: 'created_at' }], measures: ['count', 'sum'], filters: { period: year } }],
  ['won revenue by month of closing (year)', 'admin', { entity: 'deals', dimensions: [{ key: 'period', unit: 'month', field: 'closed_at' }], measures: ['sum', 'count'], filters: { status: 'won', period: { field: 'closed_at', preset: 'last_12_months' } } }],
  ['deals by department x stage, conversion (year)', 'admin', { entity: 'deals', dimensions: [{ key: 'department' }, { key: 'stage' }], measures: ['count', 'conversion'], filters: { period: year } }],
  ['activities by type x month (year), count + done share', 'admin', { entity: 'activities', dimensions: [{ key: 'activity_type' }, { key: 'period', unit: 'month', field: 'planned_date' }], measures: ['count', 'conversion'], filters: { period: { field: 'planned_date', preset: 'last_12_months' } } }],
  ['activities by manager x week (quarter)', 'admin', { entity: 'activities', dimensions: [{ key: 'manager' }, { key: 'period', unit: 'week', field: 'planned_date' }], measures: ['count'], filters: { period: { field: 'planned_date', preset: 'last_quarter' } } }],
];

async function runEngine(engine: 'sqlite' | 'postgres', url: string) {
  console.log(`\n== ${engine}: ${size.toLocaleString('en')} deals, ${activities.toLocaleString('en')} activities, ${managers} managers`);
  const seconds = await seed(url, path.join(dataDir, `${engine}.seeded`));
  console.log(seconds === null ? `   reusing the database seeded earlier in ${dataDir}` : `   seeded in ${seconds.toFixed(0)} s`);
  const server = await startServer({ DATABASE_URL: url });
  try {
    const admin = new Session(server.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const manager = new Session(server.url);
    await manager.login('manager1@bench.local', ADMIN.password);
    const rows: Record<string, string | number>[] = [];
    for (const [name, who, def] of scenarios) {
      const session = who === 'admin' ? admin : manager;
      const st: Stats = await measure(samples, 3, async () => (await session.timed('POST', '/reports/run', def))[0]);
      rows.push({ engine, scenario: name, n: st.n, 'p50 ms': st.p50.toFixed(1), 'p99 ms': st.p99.toFixed(1), 'max ms': st.max.toFixed(1), target: `p99 < ${TARGET_MS}`, ok: st.p99 < TARGET_MS ? 'yes' : 'NO' });
    }
    console.log(table(rows));
    return rows;
  } finally {
    await server.stop();
  }
}

const all = await onEngines(dataDir, runEngine);
console.log(`\nVoronka reports bench: ${size.toLocaleString('en')} deals, ${activities.toLocaleString('en')} activities, ${samples} sequential requests per scenario, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}\n`);
console.log(table(all));
