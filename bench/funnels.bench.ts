/**
 * The funnels bench (part of npm run bench): the deals bench's database (BENCH_DEALS deals, default 1,000,000,
 * in BENCH_DATA/deals-<size>, seeded by it or here) plus BENCH_FUNNEL_ACTIVITIES activities (default 5 per
 * deal) of the deals' owners; on SQLite and PostgreSQL starts the real server and measures the funnel of the
 * default pipeline for the last full quarter: by manager for the whole company (administrator) and for one
 * manager (own scope), a drill-down page, the activity funnel and rejections (p50/p99).
 * The activities are seeded once (marker funnels-<engine>.seeded next to the deals' marker).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Insertable } from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import type { DB } from '../src/platform/db/schema.js';
import { newId } from '../src/platform/ids.js';
import { rng } from '../src/modules/demo/index.js';
import { periodOf, shiftPeriod } from '../src/shared/periods.js';
import { ADMIN, MANAGER_PASSWORD, progress, seedDealsDb } from './deals.db.js';
import { insertRows, measure, memoryOf, onEngines, Session, startServer, table, withoutSecondaryIndexes, type Stats } from './lib.js';

const size = Number(process.env.BENCH_DEALS ?? 1_000_000);
const companies = Number(process.env.BENCH_DEAL_COMPANIES ?? Math.max(1, Math.round(size / 5)));
const managers = Number(process.env.BENCH_MANAGERS ?? 50);
const activities = Number(process.env.BENCH_FUNNEL_ACTIVITIES ?? size * 5);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const dataDir = path.resolve(process.env.BENCH_DATA ?? 'bench/.data', `deals-${size}`);
const DAY = 86_400_000;
const types = ['call', 'call', 'call', 'call', 'meeting', 'meeting', 'proposal', 'email', 'email', 'note'];
const targets: Record<string, Record<string, number>> = { sqlite: { 'funnel by manager': 300 }, postgres: { 'funnel by manager': 200 } };

/** Done activities spread over the deals (owner, company and deal of each), over the two years the deals span. */
async function seedActivities(url: string, marker: string): Promise<number | null> {
  const database = openDatabase(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }).database);
  const db = database.db;
  if (fs.existsSync(marker)) {
    await database.close();
    return null;
  }
  const started = Date.now();
  const r = rng(17);
  const now = Date.now();
  const perDeal = activities / Math.max(1, size);
  const load = async () => {
    let after = '';
    let done = 0;
    const report = progress('activities', activities);
    while (done < activities) {
      const deals = await db.selectFrom('deals').select(['id', 'owner_id', 'company_id']).where('id', '>', after).orderBy('id').limit(2000).execute();
      if (!deals.length) break;
      after = deals[deals.length - 1]!.id;
      const rows: Insertable<DB['activities']>[] = [];
      for (const d of deals) {
        for (let k = Math.floor(perDeal + r()); k > 0 && done + rows.length < activities; k--) {
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
  if (database.dialect === 'postgres') await withoutSecondaryIndexes(db, ['activities'], load);
  else await load();
  process.stdout.write('\n');
  await sql.raw(database.dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(db);
  await database.close();
  fs.writeFileSync(marker, new Date().toISOString());
  return (Date.now() - started) / 1000;
}

async function scenarios(admin: Session, manager: Session): Promise<Record<string, Stats>> {
  const [, pipelines] = await admin.timed<{ items: { id: string; isDefault: boolean; stages: { id: string; kind: string }[] }[] }>('GET', '/pipelines');
  const pipeline = pipelines.items.find((p) => p.isDefault)!;
  const quarter = shiftPeriod(periodOf('quarter', new Date().toISOString().slice(0, 10)), -1);
  const q = `pipelineId=${pipeline.id}&period=${quarter}`;
  const lead = pipeline.stages.find((s) => s.kind === 'open')!.id;
  const out: Record<string, Stats> = {};
  const get = (s: Session, p: string) => async () => (await s.timed('GET', p))[0];
  out['funnel by manager, company, quarter (admin)'] = await measure(samples, 20, get(admin, `/funnels/deals?${q}&groupBy=owner`));
  out['funnel by manager, own deals, quarter (manager)'] = await measure(samples, 20, get(manager, `/funnels/deals?${q}&groupBy=owner`));
  out['funnel by department, quarter (info)'] = await measure(Math.min(samples, 50), 5, get(admin, `/funnels/deals?${q}&groupBy=department`));
  out['drill-down: first stage, 50 deals (info)'] = await measure(Math.min(samples, 100), 5, get(admin, `/funnels/deals/list?${q}&stageId=${lead}&limit=50`));
  out['activity funnel, company, quarter (info)'] = await measure(Math.min(samples, 50), 5, get(admin, `/funnels/activities?period=${quarter}`));
  out['activity funnel, own, quarter (info)'] = await measure(Math.min(samples, 100), 5, get(manager, `/funnels/activities?period=${quarter}`));
  out['rejections by manager, quarter (info)'] = await measure(Math.min(samples, 50), 5, get(admin, `/funnels/rejections?${q}&by=owner`));
  return out;
}

const all = await onEngines(dataDir, async (engine, url) => {
  console.log(`\n== ${engine}: ${size.toLocaleString('en')} deals, ${activities.toLocaleString('en')} activities, ${managers} managers`);
  const seeded = await seedDealsDb(url, path.join(dataDir, `${engine}.seeded`), { size, companies, managers });
  console.log(seeded ? `   deals seeded in ${seeded.seconds.toFixed(0)} s` : `   reusing the deals seeded earlier in ${dataDir}`);
  const acts = await seedActivities(url, path.join(dataDir, `funnels-${engine}.seeded`));
  console.log(acts !== null ? `   activities seeded in ${acts.toFixed(0)} s` : '   reusing the activities seeded earlier');
  const server = await startServer({ DATABASE_URL: url });
  try {
    const admin = new Session(server.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const manager = new Session(server.url);
    await manager.login('manager1@bench.local', MANAGER_PASSWORD);
    const results = await scenarios(admin, manager);
    const mem = memoryOf(server.proc.pid!);
    const rows: Record<string, string | number>[] = Object.entries(results).map(([name, st]) => {
      const target = name.includes('(info)') ? undefined : Object.entries(targets[engine]!).find(([k]) => name.startsWith(k))?.[1];
      return { engine, scenario: name, n: st.n, 'p50 ms': st.p50.toFixed(2), 'p99 ms': st.p99.toFixed(2), 'max ms': st.max.toFixed(1), target: target ? `p99 < ${target}` : '', ok: target ? (st.p99 < target ? 'yes' : 'NO') : '' };
    });
    rows.push({ engine, scenario: 'server RSS / peak (MB)', n: 0, 'p50 ms': String(mem.rssMb), 'p99 ms': String(mem.peakMb), 'max ms': '', target: '', ok: '' });
    console.log(table(rows));
    return rows;
  } finally {
    await server.stop();
  }
});
console.log(`\nVoronka funnels bench: ${size.toLocaleString('en')} deals, ${activities.toLocaleString('en')} activities, ${samples} sequential requests per scenario, ${os.cpus().length} cores\n`);
console.log(table(all));
