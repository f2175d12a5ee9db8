/**
 * The funnels bench (part of npm run bench): the deals bench's database (BENCH_DEALS deals, default 1,000,000,
 * in BENCH_DATA/deals-<size>, seeded by it or here) plus BENCH_FUNNEL_ACTIVITIES activities (default 5 per
 * deal) of the deals' owners; on SQLite and PostgreSQL starts the real server and measures the funnel of the
 * default pipeline for the last full quarter: by manager for the whole company (administrator) and for one
 * manager (own scope), a drill-down page, the activity funnel and rejections (p50/p99).
 * The activities are seeded once (marker activities-<engine>.seeded next to the deals' marker), shared with the reports bench.
 */
import os from 'node:os';
import { periodOf, shiftPeriod } from '../src/shared/periods.js';
import { analyticsDb, startAnalyticsServer } from './deals.db.js';
import { measure, memoryOf, onEngines, table, type Session, type Stats } from './lib.js';

const { size, activities, dataDir } = analyticsDb;
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const targets: Record<string, Record<string, number>> = { sqlite: { 'funnel by manager': 300 }, postgres: { 'funnel by manager': 200 } };

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
  const { server, admin, manager } = await startAnalyticsServer(engine, url);
  try {
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
