/**
 * The deals bench database (shared by the deals, funnels and reports benches): migrated, then seeded once per data
 * dir with the sales managers, demo catalog, companies and deals, and for the analytics benches their activities;
 * a marker file records each finished seed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Insertable } from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import type { DB } from '../src/platform/db/schema.js';
import { newId } from '../src/platform/ids.js';
import { createUser, ensureAdmin, ensureSystemRoles } from '../src/modules/users/index.js';
import { rng, seedDemoCatalog, seedDemoCompanies } from '../src/modules/demo/index.js';
import { ensureDefaultPipelines } from '../src/modules/pipelines/index.js';
import { rebuildDealTotals } from '../src/modules/deals/index.js';
import { rebuildFunnelEntries } from '../src/modules/funnels/index.js';
import { insertRows, Session, startServer, withoutSecondaryIndexes } from './lib.js';
import { seedDeals } from './deals.seed.js';

export const ADMIN = { email: 'bench@voronka.local', password: 'bench-password' };
export const MANAGER_PASSWORD = 'bench-password';
const dealTables = ['deals', 'deal_lines', 'deal_stage_history'];
const DAY = 86_400_000;
const types = ['call', 'call', 'call', 'call', 'meeting', 'meeting', 'proposal', 'email', 'email', 'note'];

export const progress = (what: string, total: number) => {
  let last = 0;
  return (done: number) => {
    if (Date.now() - last < 5000 && done < total) return;
    last = Date.now();
    process.stdout.write(`\r  ${what} ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
  };
};

export interface DealsDbOptions {
  size: number;
  companies: number;
  managers: number;
}

/** Migrates the database and seeds it unless `marker` exists; returns the seconds the seed took, or null when reused. */
export async function seedDealsDb(url: string, marker: string, o: DealsDbOptions): Promise<{ seconds: number } | null> {
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
  for (let i = 1; i <= o.managers; i++) {
    ownerIds.push(await createUser(db, { email: `manager${i}@bench.local`, name: `Manager ${i}`, password: MANAGER_PASSWORD, roleKey: 'sales_manager' }));
  }
  const started = Date.now();
  await seedDemoCompanies(db, { size: o.companies, ownerIds, batch: 1000, onProgress: progress('companies', o.companies) });
  process.stdout.write('\n');
  const load = () => seedDeals(db, { size: o.size, onProgress: progress('deals', o.size) });
  if (database.dialect === 'postgres') await withoutSecondaryIndexes(db, dealTables, load);
  else await load();
  process.stdout.write('\n');
  await rebuildDealTotals(db);
  await rebuildFunnelEntries(db);
  await sql.raw(database.dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(db);
  await database.close();
  fs.writeFileSync(marker, new Date().toISOString());
  return { seconds: (Date.now() - started) / 1000 };
}

/** Done activities spread over the deals (owner, company and deal of each), over the two years the deals span. */
export async function seedDealActivities(url: string, marker: string, o: { size: number; activities: number }): Promise<number | null> {
  const database = openDatabase(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }).database);
  const db = database.db;
  if (fs.existsSync(marker)) {
    await database.close();
    return null;
  }
  const started = Date.now();
  const r = rng(17);
  const now = Date.now();
  const perDeal = o.activities / Math.max(1, o.size);
  const load = async () => {
    let after = '';
    let done = 0;
    const report = progress('activities', o.activities);
    while (done < o.activities) {
      const deals = await db.selectFrom('deals').select(['id', 'owner_id', 'company_id']).where('id', '>', after).orderBy('id').limit(2000).execute();
      if (!deals.length) break;
      after = deals[deals.length - 1]!.id;
      const rows: Insertable<DB['activities']>[] = [];
      for (const d of deals) {
        for (let k = Math.floor(perDeal + r()); k > 0 && done + rows.length < o.activities; k--) {
          const type = types[Math.floor(r() * types.length)]!;
          const at = new Date(now - Math.floor(r() * 730 * DAY)).toISOString();
          const owner = d.owner_id!;
          rows.push({
            id: newId(), type, direction: type === 'call' ? 'out' : null, status: 'done', company_id: d.company_id, deal_id: d.id, owner_id: owner,
            planned_date: at.slice(0, 10), planned_time: null, planned_at: null, planned_key: at.slice(0, 10), done_at: at, result: null, call_result: null,
            duration_sec: null, claim_status: null, subject: null, notes: null, next_step_declined: 0, next_step_reason: null, previous_id: null,
            timeline_at: at, search_text: '', version: 1, created_by: owner, created_at: at, updated_at: at,
          });
        }
      }
      await insertRows(db, 'activities', rows);
      done += rows.length;
      report(done);
    }
  };
  await withoutSecondaryIndexes(db, ['activities'], load);
  process.stdout.write('\n');
  await sql.raw(database.dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(db);
  await database.close();
  fs.writeFileSync(marker, new Date().toISOString());
  return (Date.now() - started) / 1000;
}

/** Sizes of the analytics benches' shared database (BENCH_DEALS deals, their companies, managers and activities). */
export const analyticsDb = (() => {
  const size = Number(process.env.BENCH_DEALS ?? 1_000_000);
  return {
    size,
    companies: Number(process.env.BENCH_DEAL_COMPANIES ?? Math.max(1, Math.round(size / 5))),
    managers: Number(process.env.BENCH_MANAGERS ?? 50),
    activities: Number(process.env.BENCH_FUNNEL_ACTIVITIES ?? size * 5),
    dataDir: path.resolve(process.env.BENCH_DATA ?? 'bench/.data', `deals-${size}`),
  };
})();

/**
 * Seeds the analytics database of an engine once (deals, then activities), starts the real server on it and
 * signs in the administrator and the first manager. The caller stops the server.
 */
export async function startAnalyticsServer(engine: 'sqlite' | 'postgres', url: string) {
  const { size, companies, managers, activities, dataDir } = analyticsDb;
  console.log(`\n== ${engine}: ${size.toLocaleString('en')} deals, ${activities.toLocaleString('en')} activities, ${managers} managers`);
  const seeded = await seedDealsDb(url, path.join(dataDir, `${engine}.seeded`), { size, companies, managers });
  console.log(seeded ? `   deals seeded in ${seeded.seconds.toFixed(0)} s` : `   reusing the deals seeded earlier in ${dataDir}`);
  const acts = await seedDealActivities(url, path.join(dataDir, `activities-${engine}.seeded`), { size, activities });
  console.log(acts !== null ? `   activities seeded in ${acts.toFixed(0)} s` : '   reusing the activities seeded earlier');
  const server = await startServer({ DATABASE_URL: url });
  const admin = new Session(server.url);
  const manager = new Session(server.url);
  try {
    await admin.login(ADMIN.email, ADMIN.password);
    await manager.login('manager1@bench.local', MANAGER_PASSWORD);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { server, admin, manager };
}
