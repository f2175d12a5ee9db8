/**
 * The import/export bench (part of npm run bench): imports BENCH_IMPORT_ROWS companies (default 1,000,000)
 * from a CSV with validation and upsert by INN into an empty database, through the real server, on SQLite and
 * PostgreSQL; then exports them all as CSV and XLSX. Prints rows/s and the server's peak RSS beside the
 * issue's targets. The generated file is kept in BENCH_DATA/import-<rows>.csv.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createUser, ensureSystemRoles } from '../src/modules/users/index.js';
import { companyHeader, companyRow, csvLine } from '../src/modules/imports/testdata.js';
import type { ImportJob } from '../src/modules/imports/imports.schema.js';
import { findPgBin, startPgCluster, type PgCluster } from '../test/pg-cluster.js';
import { memoryOf, Session, startServer, table } from './lib.js';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const only = process.env.BENCH_ENGINES?.split(',') ?? ['sqlite', 'postgres'];
const dataDir = path.resolve(process.env.BENCH_DATA ?? 'bench/.data');
const ADMIN = { email: 'bench@voronka.local', password: 'bench-password' };
const targets = { sqlite: 20_000, postgres: 15_000, export: 50_000, rssMb: 500 };

function csvFile(): string {
  const file = path.join(dataDir, `import-${rows}.csv`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dataDir, { recursive: true });
  const fd = fs.openSync(`${file}.tmp`, 'w');
  let chunk = csvLine(companyHeader);
  for (let i = 0; i < rows; i++) {
    chunk += csvLine(companyRow(i));
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

async function prepare(url: string): Promise<void> {
  const database = openDatabase(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }).database);
  await migrateToLatest(database);
  await ensureSystemRoles(database.db);
  await createUser(database.db, { email: ADMIN.email, name: 'Bench', password: ADMIN.password, roleKey: 'admin' });
  await database.close();
}

/** Downloads an export, counting rows (CSV lines) or bytes as they arrive; returns seconds. */
async function timedDownload(s: Session, query: string): Promise<{ seconds: number; bytes: number; lines: number }> {
  const started = performance.now();
  const res = await fetch(`${s.url}/api/v1/companies/export?${query}`, { headers: { cookie: s.cookie } });
  if (!res.ok || !res.body) throw new Error(`export failed: ${res.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines += 1;
  }
  return { seconds: (performance.now() - started) / 1000, bytes, lines };
}

async function runEngine(engine: string, url: string, file: string, dir: string) {
  console.log(`\n== ${engine}: import ${rows.toLocaleString('en')} companies, then export them`);
  await prepare(url);
  const server = await startServer({ DATABASE_URL: url, DATA_DIR: dir });
  const out: Record<string, string | number>[] = [];
  try {
    const s = new Session(server.url);
    await s.login(ADMIN.email, ADMIN.password);
    const res = await fetch(`${s.url}/api/v1/imports/uploads`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-file-name': path.basename(file), 'content-length': String(fs.statSync(file).size) },
      body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const upload = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`upload failed: ${JSON.stringify(upload)}`);
    const [, suggested] = await s.timed<{ mapping: unknown }>('GET', `/imports/uploads/${upload.id}/suggest?entity=company`);
    const started = performance.now();
    const [, job] = await s.timed<ImportJob>('POST', '/imports', { uploadId: upload.id, entity: 'company', mapping: suggested.mapping, key: 'inn', mode: 'upsert' });
    let last = 0;
    let done: ImportJob;
    for (;;) {
      [, done] = await s.timed<ImportJob>('GET', `/imports/${job.id}`);
      if (!['queued', 'running'].includes(done.status)) break;
      if (Date.now() - last > 5000) {
        last = Date.now();
        process.stdout.write(`\r  imported ${done.rowsDone.toLocaleString('en')} / ${rows.toLocaleString('en')}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    process.stdout.write('\n');
    const seconds = (performance.now() - started) / 1000;
    if (done.status !== 'done' || done.created !== rows) throw new Error(`import ended ${JSON.stringify(done)}`);
    const importRate = Math.round(rows / seconds);
    const target = targets[engine as 'sqlite' | 'postgres'];
    out.push({ engine, scenario: 'import (validate + upsert by INN)', rows, seconds: seconds.toFixed(1), 'rows/s': importRate, target: `>= ${target}`, ok: importRate >= target ? 'yes' : 'NO' });
    const csv = await timedDownload(s, 'format=csv');
    const csvRate = Math.round((csv.lines - 1) / csv.seconds);
    out.push({ engine, scenario: `export CSV (${(csv.bytes / 1e6).toFixed(0)} MB)`, rows: csv.lines - 1, seconds: csv.seconds.toFixed(1), 'rows/s': csvRate, target: `>= ${targets.export}`, ok: csvRate >= targets.export ? 'yes' : 'NO' });
    const xlsx = await timedDownload(s, 'format=xlsx');
    out.push({ engine, scenario: `export XLSX (${(xlsx.bytes / 1e6).toFixed(0)} MB)`, rows, seconds: xlsx.seconds.toFixed(1), 'rows/s': Math.round(rows / xlsx.seconds), target: '', ok: '' });
    const mem = memoryOf(server.proc.pid!);
    out.push({ engine, scenario: 'server RSS / peak (MB)', rows: '', seconds: '', 'rows/s': `${mem.rssMb} / ${mem.peakMb}`, target: `< ${targets.rssMb}`, ok: mem.peakMb < targets.rssMb ? 'yes' : 'NO' });
  } finally {
    await server.stop();
  }
  return out;
}

const all: Record<string, string | number>[] = [];
const file = csvFile();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-import-bench-'));
let cluster: PgCluster | null = null;
try {
  if (only.includes('sqlite')) all.push(...(await runEngine('sqlite', `sqlite:${path.join(work, 'bench.db')}`, file, path.join(work, 'sqlite'))));
  if (only.includes('postgres')) {
    const bin = findPgBin();
    if (!bin) console.log('PostgreSQL binaries not found: skipping the PostgreSQL half');
    else {
      cluster = await startPgCluster(bin);
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query('CREATE DATABASE import_bench');
      await admin.end();
      all.push(...(await runEngine('postgres', cluster.url.replace(/\/postgres$/, '/import_bench'), file, path.join(work, 'pgdata'))));
    }
  }
  console.log(`\nVoronka import/export bench: ${rows.toLocaleString('en')} companies, ${os.cpus().length} cores\n`);
  console.log(table(all));
} finally {
  cluster?.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
