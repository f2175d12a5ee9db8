/**
 * The schedule bench (part of npm run bench): one sales manager with BENCH_SCHEDULE_OPEN open activities
 * (default 20,000: untimed ones planned over the next 3 months with a backlog of 15 % due in the last 30
 * days, 2 % promises from 3 days ago to a month ahead, half on deals) over BENCH_SCHEDULE_COMPANIES companies with
 * their deals, plus done activities for the last contacts; on SQLite and PostgreSQL it starts the real server
 * and measures GET /schedule/today (target p99 < 50 ms), the 5-day forecast and the team load. BENCH_SCHEDULE_OTHERS
 * more managers (default 2) have as much data, so the measured one is not alone in the tables.
 * Seeded databases are kept in BENCH_DATA/schedule-<size> and reused; BENCH_FRESH=1 seeds anew.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type Insertable } from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase, type Db } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import type { DB } from '../src/platform/db/schema.js';
import { newId } from '../src/platform/ids.js';
import { zonedToUtc } from '../src/shared/zoned.js';
import { createUser, ensureAdmin, ensureSystemRoles } from '../src/modules/users/index.js';
import { rng, seedDemoCatalog, seedDemoCompanies } from '../src/modules/demo/index.js';
import { ensureDefaultPipelines } from '../src/modules/pipelines/index.js';
import { rebuildDealTotals } from '../src/modules/deals/index.js';
import { findPgBin, startPgCluster, type PgCluster } from '../test/pg-cluster.js';
import { Session, startServer, stats, table, withoutSecondaryIndexes, type Stats } from './lib.js';
import { seedDeals } from './deals.seed.js';

const open = Number(process.env.BENCH_SCHEDULE_OPEN ?? 20_000);
const companies = Number(process.env.BENCH_SCHEDULE_COMPANIES ?? Math.max(1, Math.round(open / 5)));
/** Other managers with the same amount of data, so that the measured one is not alone in the tables. */
const others = Number(process.env.BENCH_SCHEDULE_OTHERS ?? 2);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const only = process.env.BENCH_ENGINES?.split(',') ?? ['sqlite', 'postgres'];
const dataDir = path.resolve(process.env.BENCH_DATA ?? 'bench/.data', `schedule-${open}`);
const PASSWORD = 'bench-password';
const MANAGER = 'schedule.manager@bench.local';
const HEAD = 'schedule.head@bench.local';
const TZ = 'Europe/Moscow';
const DAY = 86_400_000;
const MAX_PARAMS = 30_000;

async function insertAll<T extends keyof DB & string>(db: Db, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (!rows.length) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += per) await trx.insertInto(table).values(rows.slice(i, i + per)).execute();
  });
}

/**
 * The manager's activities: open ones (2 % promised at an exact working hour), half on one of the
 * company's deals, most with a contact person; done ones over the last 90 days.
 */
async function seedActivities(db: Db, ownerId: string, seed: number): Promise<void> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const firms = await db.selectFrom('companies').select('id').where('owner_id', '=', ownerId).execute();
  const deals = await db.selectFrom('deals').select(['id', 'company_id']).where('owner_id', '=', ownerId).execute();
  const people = new Map<string, string>();
  for (const l of await db.selectFrom('company_contacts').select(['company_id', 'contact_id']).execute()) people.set(l.company_id, l.contact_id);
  const local = (ms: number) => new Date(ms + 3 * 3600_000).toISOString().slice(0, 10);
  const now = Date.now();
  const at = new Date(now).toISOString();
  const rows: Insertable<DB['activities']>[] = [];
  const links: Insertable<DB['activity_contacts']>[] = [];
  const total = open + open / 2;
  for (let i = 0; i < total; i++) {
    const done = i >= open;
    const onDeal = r() < 0.5 && deals.length > 0;
    const deal = onDeal ? pick(deals) : null;
    const companyId = deal?.company_id ?? pick(firms).id;
    const promise = !done && r() < 0.02;
    const date = local(now + Math.floor(done ? -90 + r() * 89 : promise ? -3 + r() * 33 : r() < 0.15 ? -30 + r() * 31 : 1 + r() * 90) * DAY);
    const time = promise ? `${String(9 + Math.floor(r() * 9)).padStart(2, '0')}:${pick(['00', '15', '30', '45'])}` : null;
    const doneAt = done ? `${date}T${String(6 + Math.floor(r() * 10)).padStart(2, '0')}:00:00.000Z` : null;
    const id = newId();
    rows.push({
      id, type: 'call', direction: 'out', status: done ? 'done' : 'open', company_id: companyId, deal_id: deal?.id ?? null, owner_id: ownerId,
      planned_date: date, planned_time: time, planned_at: time ? zonedToUtc(date, time, TZ) : null, planned_key: time ? `${date} ${time}` : date,
      done_at: doneAt, result: null, call_result: done ? 'answered' : null, duration_sec: null, claim_status: null, subject: `Звонок ${i + 1}`, notes: null,
      next_step_declined: 0, next_step_reason: null, previous_id: null, timeline_at: doneAt ?? at, search_text: `звонок ${i + 1}`, field_versions: '{}',
      version: 1, created_by: ownerId, created_at: at, updated_at: at,
    });
    const person = people.get(companyId);
    if (person && r() < 0.8) links.push({ activity_id: id, contact_id: person, sort: 0 });
  }
  for (let i = 0; i < rows.length; i += 5000) await insertAll(db, 'activities', rows.slice(i, i + 5000));
  await insertAll(db, 'activity_contacts', links);
}

async function seed(url: string, marker: string): Promise<number | null> {
  if (fs.existsSync(marker)) return null;
  const started = Date.now();
  const database = openDatabase(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }).database);
  const db = database.db;
  await migrateToLatest(database);
  await ensureSystemRoles(db);
  await ensureDefaultPipelines(db, 'RU');
  await ensureAdmin(db, 'bench@voronka.local', PASSWORD);
  await seedDemoCatalog(db);
  const managers = [await createUser(db, { email: MANAGER, name: 'Schedule manager', password: PASSWORD, roleKey: 'sales_manager' })];
  for (let i = 1; i <= others; i++) managers.push(await createUser(db, { email: `other${i}@bench.local`, name: `Other manager ${i}`, password: PASSWORD, roleKey: 'sales_manager' }));
  await createUser(db, { email: HEAD, name: 'Schedule head', password: PASSWORD, roleKey: 'head_of_sales' });
  await db.updateTable('users').set({ time_zone: TZ }).where('id', 'in', managers).execute();
  await seedDemoCompanies(db, { size: companies * managers.length, ownerIds: managers, batch: 1000 });
  const load = async () => {
    await seedDeals(db, { size: Math.round(open / 2) * managers.length });
    for (const [i, m] of managers.entries()) await seedActivities(db, m, 21 + i);
  };
  if (database.dialect === 'postgres') await withoutSecondaryIndexes(db, ['deals', 'deal_lines', 'deal_stage_history', 'activities', 'activity_contacts'], load);
  else await load();
  await rebuildDealTotals(db);
  await sql.raw(database.dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(db);
  await database.close();
  fs.writeFileSync(marker, new Date().toISOString());
  return (Date.now() - started) / 1000;
}

/** CPU time (user + system, ms) of the processes: the server, and the PostgreSQL postmaster's backends. */
function cpuMs(pids: number[]): number {
  const tick = 1000 / 100;
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

function pgPids(dataDir: string | null): number[] {
  if (!dataDir) return [];
  const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      return fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(postmaster);
    } catch {
      return false;
    }
  });
  return [postmaster, ...children.map(Number)];
}

/**
 * Latency of sequential calls, and the CPU the server (and PostgreSQL) spent per call: on a loaded machine
 * the latency includes waiting for a core, the CPU time does not.
 */
async function measure(n: number, call: () => Promise<number>, pids: () => number[]): Promise<Stats & { cpu: number }> {
  for (let i = 0; i < 10; i++) await call();
  const out: number[] = [];
  const watched = pids();
  const before = cpuMs(watched);
  for (let i = 0; i < n; i++) out.push(await call());
  return { ...stats(out), cpu: (cpuMs([...new Set([...watched, ...pids()])]) - before) / n };
}

async function runEngine(engine: string, url: string, pgData: string | null) {
  console.log(`\n== ${engine}: one manager, ${open.toLocaleString('en')} open activities, ${companies.toLocaleString('en')} companies`);
  const seconds = await seed(url, path.join(dataDir, `${engine}.seeded`));
  console.log(seconds !== null ? `   seeded in ${seconds.toFixed(0)} s` : `   reusing the database seeded earlier in ${dataDir}`);
  const server = await startServer({ DATABASE_URL: url });
  try {
    const manager = new Session(server.url);
    await manager.login(MANAGER, PASSWORD);
    const head = new Session(server.url);
    await head.login(HEAD, PASSWORD);
    const [, t] = await manager.timed<{ notToday: number; day: { items: unknown[] } }>('GET', '/schedule/today');
    console.log(`   today: ${t.day.items.length} items listed, ${t.notToday.toLocaleString('en')} open items not today`);
    const pids = () => [server.proc.pid!, ...pgPids(pgData)];
    const rows: Record<string, Stats & { cpu: number }> = {
      'GET /schedule/today': await measure(samples, async () => (await manager.timed('GET', '/schedule/today'))[0], pids),
      'GET /schedule/forecast, 5 days (info)': await measure(Math.min(samples, 100), async () => (await manager.timed('GET', '/schedule/forecast'))[0], pids),
      'GET /schedule/team, head of sales (info)': await measure(Math.min(samples, 50), async () => (await head.timed('GET', '/schedule/team'))[0], pids),
    };
    return Object.entries(rows).map(([scenario, s]) => {
      const target = scenario.includes('(info)') ? null : 50;
      return {
        engine,
        scenario,
        n: s.n,
        'p50 ms': s.p50.toFixed(2),
        'p99 ms': s.p99.toFixed(2),
        'max ms': s.max.toFixed(1),
        'cpu ms/req': s.cpu.toFixed(1),
        target: target ? `p99 < ${target}` : '',
        ok: target ? (s.p99 < target ? 'yes' : 'NO') : '',
      };
    });
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
    all.push(...(await runEngine('sqlite', `sqlite:${path.join(dataDir, 'bench.db')}`, null)));
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
      all.push(...(await runEngine('postgres', cluster.url.replace(/\/postgres$/, '/bench'), path.join(pgDir, 'data'))));
    }
  }
  console.log(`\nVoronka schedule bench: ${open.toLocaleString('en')} open activities of one manager, ${samples} sequential requests, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}\n`);
  console.log(table(all));
} finally {
  cluster?.stop();
}
