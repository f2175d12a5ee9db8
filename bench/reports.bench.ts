/**
 * The report constructor bench (part of npm run bench): the deals bench's database (BENCH_DEALS deals, default
 * 1,000,000, over a fifth as many companies of BENCH_MANAGERS managers, in BENCH_DATA/deals-<size>) with its
 * activities (BENCH_FUNNEL_ACTIVITIES, default five per deal), shared with the funnels bench and seeded by
 * whichever runs first; on SQLite and PostgreSQL the real server answers POST /reports/run (p50/p99 of
 * sequential requests, target p99 < 1 s).
 */
import os from 'node:os';
import { analyticsDb, startAnalyticsServer } from './deals.db.js';
import { measure, onEngines, table, type Stats } from './lib.js';

const { size, activities, dataDir } = analyticsDb;
const samples = Number(process.env.BENCH_SAMPLES ?? 50);
const TARGET_MS = 1000;

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
  const { server, admin, manager } = await startAnalyticsServer(engine, url);
  try {
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
