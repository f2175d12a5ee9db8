/**
 * The calendar bench (part of npm run bench): a department of BENCH_CALENDAR_USERS sales managers (default 30),
 * each with BENCH_CALENDAR_PER_DAY activities per working day (default 18: a third at an exact time, the rest
 * for the day; done in the past, open ahead) from 200 working days back to 25 ahead, and two tasks a day; on
 * SQLite and PostgreSQL it starts the real server and measures the department week view for the head of sales
 * (target p99 < 50 ms), one manager's week and month, and the iCal feed. Seeded databases are kept in
 * BENCH_DATA/calendar-<users>x<per day> and reused; BENCH_FRESH=1 seeds anew.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Insertable } from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase, type Db } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import type { DB } from '../src/platform/db/schema.js';
import { newId } from '../src/platform/ids.js';
import { zonedToUtc } from '../src/shared/zoned.js';
import { createUser, ensureAdmin, ensureSystemRoles } from '../src/modules/users/index.js';
import { rng, seedDemoCompanies } from '../src/modules/demo/index.js';
import { ensureDefaultPipelines } from '../src/modules/pipelines/index.js';
import { insertRows, measure, onEngines, Session, startServer, table, withoutSecondaryIndexes, type Stats } from './lib.js';

const users = Number(process.env.BENCH_CALENDAR_USERS ?? 30);
const perDay = Number(process.env.BENCH_CALENDAR_PER_DAY ?? 18);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const dataDir = path.resolve(process.env.BENCH_DATA ?? 'bench/.data', `calendar-${users}x${perDay}`);
const PASSWORD = 'bench-password';
const HEAD = 'calendar.head@bench.local';
const managerEmail = (i: number) => `calendar.manager${i}@bench.local`;
const TZ = 'Europe/Moscow';
const DAY = 86_400_000;
const TYPES = ['call', 'call', 'call', 'call', 'meeting', 'email', 'proposal', 'letter'] as const;

/** Working days (Mon-Fri) from `back` working days ago to `ahead` ahead, as local dates. */
function workingDays(back: number, ahead: number): string[] {
  const days: string[] = [];
  const today = Date.parse(new Date().toISOString().slice(0, 10));
  for (let d = -Math.ceil(back * 1.4); d <= Math.ceil(ahead * 1.4); d++) {
    const date = new Date(today + d * DAY);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) days.push(date.toISOString().slice(0, 10));
  }
  return days;
}

async function seedPlans(db: Db, ownerId: string, seed: number): Promise<void> {
  const r = rng(seed);
  const firms = (await db.selectFrom('companies').select('id').where('owner_id', '=', ownerId).execute()).map((c) => c.id);
  const today = new Date().toISOString().slice(0, 10);
  const at = new Date().toISOString();
  const activities: Insertable<DB['activities']>[] = [];
  const tasks: Insertable<DB['tasks']>[] = [];
  for (const date of workingDays(200, 25)) {
    const past = date < today;
    for (let i = 0; i < perDay; i++) {
      const type = TYPES[Math.floor(r() * TYPES.length)]!;
      const time = r() < 1 / 3 ? `${String(9 + Math.floor(r() * 9)).padStart(2, '0')}:${['00', '15', '30', '45'][Math.floor(r() * 4)]}` : null;
      const doneAt = past ? `${date}T${String(6 + Math.floor(r() * 10)).padStart(2, '0')}:00:00.000Z` : null;
      activities.push({
        id: newId(), type, direction: type === 'call' ? 'out' : null, status: past ? 'done' : 'open', company_id: firms[Math.floor(r() * firms.length)] ?? null,
        deal_id: null, owner_id: ownerId, planned_date: date, planned_time: time, planned_at: time ? zonedToUtc(date, time, TZ) : null,
        planned_key: time ? `${date} ${time}` : date, done_at: doneAt, result: null, call_result: null, duration_sec: type === 'meeting' ? 3600 : null,
        claim_status: null, subject: `Plan ${i + 1}`, notes: null, next_step_declined: 0, next_step_reason: null, previous_id: null,
        timeline_at: doneAt ?? at, search_text: `plan ${i + 1}`, version: 1, created_by: ownerId, created_at: at, updated_at: at,
      });
    }
    for (let i = 0; i < 2; i++) {
      const time = i === 0 ? '16:00' : null;
      tasks.push({
        id: newId(), title: `Task ${date} ${i + 1}`, description: null, assignee_id: ownerId, created_by: ownerId, due_date: date, due_time: time,
        due_at: time ? zonedToUtc(date, time, TZ) : null, due_key: time ? `${date} ${time}` : date, priority: 'normal', priority_rank: 1,
        status: past ? 'done' : 'open', done_at: past ? `${date}T15:00:00.000Z` : null, checklist: '[]', company_id: null, contact_id: null,
        deal_id: null, version: 1, created_at: at, updated_at: at,
      });
    }
  }
  for (let i = 0; i < activities.length; i += 5000) await insertRows(db, 'activities', activities.slice(i, i + 5000));
  await insertRows(db, 'tasks', tasks);
}

async function seed(url: string, marker: string): Promise<number | null> {
  const started = Date.now();
  const database = openDatabase(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }).database);
  const { db } = database;
  await migrateToLatest(database);
  if (fs.existsSync(marker)) {
    await sql.raw(database.dialect === 'postgres' ? 'VACUUM ANALYZE activities' : 'ANALYZE').execute(db);
    await database.close();
    return null;
  }
  await ensureSystemRoles(db);
  await ensureDefaultPipelines(db, 'RU');
  await ensureAdmin(db, 'bench@voronka.local', PASSWORD);
  const departmentId = newId();
  const at = new Date().toISOString();
  await db.insertInto('departments').values({ id: departmentId, name: 'Sales', parent_id: null, created_at: at, updated_at: at }).execute();
  await createUser(db, { email: HEAD, name: 'Head of sales', password: PASSWORD, roleKey: 'head_of_sales', departmentId });
  const ids: string[] = [];
  for (let i = 1; i <= users; i++) {
    ids.push(await createUser(db, { email: managerEmail(i), name: `Manager ${i}`, password: PASSWORD, roleKey: 'sales_manager', departmentId }));
  }
  await db.updateTable('users').set({ time_zone: TZ }).execute();
  await seedDemoCompanies(db, { size: users * 100, ownerIds: ids, batch: 1000 });
  const load = async () => {
    for (const [i, id] of ids.entries()) await seedPlans(db, id, 100 + i);
  };
  if (database.dialect === 'postgres') await withoutSecondaryIndexes(db, ['activities', 'tasks'], load);
  else await load();
  await sql.raw(database.dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(db);
  await database.close();
  fs.writeFileSync(marker, new Date().toISOString());
  return (Date.now() - started) / 1000;
}

async function runEngine(engine: string, url: string) {
  console.log(`\n== ${engine}: a department of ${users} managers, ${perDay} activities each per working day`);
  const seconds = await seed(url, path.join(dataDir, `${engine}.seeded`));
  console.log(seconds !== null ? `   seeded in ${seconds.toFixed(0)} s` : `   reusing the database seeded earlier in ${dataDir}`);
  const server = await startServer({ DATABASE_URL: url });
  try {
    const head = new Session(server.url);
    await head.login(HEAD, PASSWORD);
    const manager = new Session(server.url);
    await manager.login(managerEmail(1), PASSWORD);
    const [, me] = await head.timed<{ departmentId: string }>('GET', '/auth/me');
    const week = `/calendar?view=week&departmentId=${me.departmentId}`;
    const [, body] = await head.timed<{ items: unknown[]; truncated: boolean }>('GET', week);
    console.log(`   department week: ${body.items.length} items${body.truncated ? ' (truncated)' : ''}`);
    const [, feed] = await manager.timed<{ url: string }>('POST', '/calendar/feed');
    const ics = new URL(feed.url).pathname;
    const cpuBefore = cpuMs(server.proc.pid!);
    const departmentWeek = await measure(samples, 10, async () => (await head.timed('GET', week))[0]);
    const serverCpu = (cpuMs(server.proc.pid!) - cpuBefore) / (samples + 10);
    const rows: Record<string, Stats> = {
      [`GET /calendar week, department of ${users}`]: departmentWeek,
      'GET /calendar week, one manager (info)': await measure(samples, 10, async () => (await manager.timed('GET', '/calendar?view=week'))[0]),
      'GET /calendar month, one manager (info)': await measure(Math.min(samples, 100), 5, async () => (await manager.timed('GET', '/calendar?view=month'))[0]),
      'GET iCal feed, one manager, -60..+365 days (info)': await measure(Math.min(samples, 30), 3, async () => {
        const started = performance.now();
        const res = await fetch(`${server.url}${ics}`);
        await res.text();
        return performance.now() - started;
      }),
    };
    const out = Object.entries(rows).map(([scenario, s]) => {
      const target = scenario.includes('(info)') ? null : 50;
      return { engine, scenario, n: s.n, 'p50 ms': s.p50.toFixed(2), 'p99 ms': s.p99.toFixed(2), 'max ms': s.max.toFixed(1), target: target ? `p99 < ${target}` : '', ok: target ? (s.p99 < target ? 'yes' : 'NO') : '' };
    });
    // On a shared machine latency follows the load; the server's own CPU time per request does much less.
    out.splice(1, 0, { engine, scenario: 'server CPU ms per department week (info)', n: samples + 10, 'p50 ms': serverCpu.toFixed(1), 'p99 ms': '', 'max ms': '', target: '', ok: '' });
    return out;
  } finally {
    await server.stop();
  }
}

/** User + system CPU time a process has used, in ms (Linux /proc, 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const all = await onEngines(dataDir, runEngine);
console.log(`\nVoronka calendar bench: ${users} managers x ${perDay} activities per working day, ${samples} sequential requests, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}\n`);
console.log(table(all));
