import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Session, startServer } from '../../../bench/lib.js';
import { engines, freshDatabaseUrl, type Engine } from '../../../test/engines.js';
import { createVoronka } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { openDatabase } from '../../platform/db/database.js';
import { createLogger } from '../../platform/logger.js';
import { createUser } from '../users/index.js';
import type { ImportJob } from './imports.schema.js';
import { companyHeader, companyRow, csvLine } from './testdata.js';

/** The real server in a child process, killed with SIGKILL in the middle of an import and started again. */

const ROWS = 100_000;
const USER = { email: 'crash@test.local', password: 'correct horse battery' };

function writeCsv(file: string, from: number, count: number): void {
  const fd = fs.openSync(file, 'w');
  let chunk = csvLine(companyHeader);
  for (let i = 0; i < count; i++) {
    chunk += csvLine(companyRow(from + i));
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

async function startImport(s: Session, file: string): Promise<string> {
  const res = await fetch(`${s.url}/api/v1/imports/uploads`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-file-name': path.basename(file) },
    body: fs.readFileSync(file),
  });
  const up = (await res.json()) as { id: string };
  expect(res.status).toBe(201);
  const [, sug] = await s.timed<{ mapping: unknown }>('GET', `/imports/uploads/${up.id}/suggest?entity=company`);
  const [, job] = await s.timed<ImportJob>('POST', '/imports', { uploadId: up.id, entity: 'company', mapping: sug.mapping, key: 'inn', mode: 'upsert' });
  return job.id;
}

async function until(s: Session, id: string, ok: (j: ImportJob) => boolean, seconds: number): Promise<ImportJob> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const [, job] = await s.timed<ImportJob>('GET', `/imports/${id}`);
    if (ok(job)) return job;
    if (Date.now() > end) throw new Error(`import ${id} stuck at ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const killed = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });

describe.each(engines())('import crash safety (%s)', (engine: Engine) => {
  let fresh: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    fresh = await freshDatabaseUrl(engine);
    env = { DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, DEFAULT_COUNTRY: 'RU' };
    const v = await createVoronka(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { logger: createLogger('silent') });
    await createUser(v.ctx.database.db, { email: USER.email, name: 'Crash', password: USER.password, roleKey: 'admin' });
    await v.close();
  });
  afterAll(() => fresh.drop());

  /** What the database holds for the job: tags, companies from the file, duplicated INNs. */
  async function inspect(id: string) {
    const database = openDatabase(loadConfig({ ...env, LOG_LEVEL: 'silent' }).database);
    try {
      const { db } = database;
      const job = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const tags = await db.selectFrom('import_rows').select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', id).executeTakeFirstOrThrow();
      const companies = await db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const dup = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT inn FROM companies GROUP BY inn HAVING count(*) > 1) d`.execute(db);
      return { job, tags: Number(tags.n), companies: Number(companies.n), duplicates: Number(dup.rows[0]!.n) };
    } finally {
      await database.close();
    }
  }

  it(
    'resumes after SIGKILL from the last committed batch: every row once, none half-written',
    async () => {
      const file = path.join(fresh.dataDir, 'big.csv');
      writeCsv(file, 1_000_000, ROWS);
      let server = await startServer(env);
      const s = new Session(server.url);
      await s.login(USER.email, USER.password);
      const id = await startImport(s, file);
      await until(s, id, (j) => j.rowsDone >= 5_000, 600);
      await killed(server.proc);

      const mid = await inspect(id);
      expect(mid.job.status).toBe('running');
      expect(mid.job.rows_done).toBeLessThan(ROWS);
      expect(mid.job.rows_done % 1000).toBe(0);
      expect(mid.job.checkpoint).toBe(mid.job.rows_done + 1);
      expect(mid.tags).toBe(mid.job.created_count);
      expect(mid.companies).toBe(mid.job.rows_done);
      expect(mid.duplicates).toBe(0);

      server = await startServer(env);
      try {
        const s2 = new Session(server.url);
        await s2.login(USER.email, USER.password);
        const done = await until(s2, id, (j) => j.status !== 'running' && j.status !== 'queued', 900);
        expect(done).toMatchObject({ status: 'done', rowsDone: ROWS, created: ROWS, rowsErrors: 0, rowsTotal: ROWS });
      } finally {
        await server.stop();
      }
      const end = await inspect(id);
      expect(end.companies).toBe(ROWS);
      expect(end.tags).toBe(ROWS);
      expect(end.duplicates).toBe(0);
    },
    1_200_000,
  );

  it(
    'marks the import failed with its progress when the file is gone after the crash',
    async () => {
      const file = path.join(fresh.dataDir, 'second.csv');
      writeCsv(file, 2_000_000, 30_000);
      let server = await startServer(env);
      const s = new Session(server.url);
      await s.login(USER.email, USER.password);
      const id = await startImport(s, file);
      await until(s, id, (j) => j.rowsDone >= 1_000, 600);
      await killed(server.proc);
      const mid = await inspect(id);
      fs.rmSync(path.join(fresh.dataDir, 'imports'), { recursive: true, force: true });
      server = await startServer(env);
      try {
        const s2 = new Session(server.url);
        await s2.login(USER.email, USER.password);
        const failed = await until(s2, id, (j) => j.status === 'failed', 120);
        expect(failed.rowsDone).toBe(mid.job.rows_done);
        expect(failed.failure).toMatch(/file is gone/);
      } finally {
        await server.stop();
      }
    },
    600_000,
  );
});
