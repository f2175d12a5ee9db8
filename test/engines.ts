import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../src/platform/config.js';
import { createVoronka, type Voronka } from '../src/app.js';
import { createLogger } from '../src/platform/logger.js';

export type Engine = 'sqlite' | 'postgres';

/** The engines this run covers: SQLite always, PostgreSQL when the global setup started it. */
export function engines(): Engine[] {
  return inject('pgUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, empty database of the engine: a temp SQLite file, or a new database in the test cluster. */
export async function freshDatabaseUrl(engine: Engine): Promise<{ url: string; dataDir: string; drop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-test-'));
  if (engine === 'sqlite') {
    return { url: `sqlite:${path.join(dataDir, 'test.db')}`, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const admin = inject('pgUrl');
  if (!admin) throw new Error('PostgreSQL is not available in this run');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    url: admin.replace(/\/[^/]*$/, `/${name}`),
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      // pg's pool.end() resolves before its sockets close: let the app's backends exit first, or
      // FORCE kills them mid-goodbye and the app's ending clients raise an unhandled FATAL 57P01.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestVoronka extends Voronka {
  engine: Engine;
  config: Config;
  /** Closes the app and drops its database. */
  destroy(): Promise<void>;
}

export async function startTestApp(engine: Engine, env: Record<string, string> = {}): Promise<TestVoronka> {
  const fresh = await freshDatabaseUrl(engine);
  const config = loadConfig({ DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, LOG_LEVEL: 'silent', DEFAULT_COUNTRY: 'RU', ...env });
  const v = await createVoronka(config, { logger: createLogger('silent') });
  return {
    ...v,
    engine,
    config,
    destroy: async () => {
      await v.close();
      await fresh.drop();
    },
  };
}
