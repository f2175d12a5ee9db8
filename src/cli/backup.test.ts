import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { engines, freshDatabaseUrl } from '../../test/engines.js';
import { loadConfig, type Config } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { createVoronka } from '../app.js';
import { createUser } from '../modules/users/index.js';
import { backupDatabase, restoreDatabase } from './backup.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(engine: 'sqlite' | 'postgres') {
  const fresh = await freshDatabaseUrl(engine);
  cleanups.push(fresh.drop);
  const config = loadConfig({ DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, LOG_LEVEL: 'silent' });
  const open = async () => {
    const v = await createVoronka(config, { logger: createLogger('silent') });
    const emails = async () => (await v.ctx.database.db.selectFrom('users').select('email').orderBy('email').execute()).map((u) => u.email);
    return { v, emails };
  };
  return { config, dir: fresh.dataDir, open };
}

const user = (email: string) => ({ email, name: email, password: 'long enough', roleKey: 'operator' });

describe.each(engines())('backup and restore on %s', (engine) => {
  it('restores the database to the moment of the backup', async () => {
    const { config, dir, open } = await setup(engine);
    const first = await open();
    await createUser(first.v.ctx.database.db, user('before@test.local'));
    const file = path.join(dir, 'backups', 'voronka.backup');
    expect(await backupDatabase(config, file)).toContain(file);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    await createUser(first.v.ctx.database.db, user('after@test.local'));
    expect(await first.emails()).toEqual(['after@test.local', 'before@test.local']);
    await expect(backupDatabase(config, file)).rejects.toThrow(/already exists/);

    if (engine === 'sqlite') await expect(restoreDatabase(config, file)).rejects.toThrow(/in use.*server running/);
    await first.v.close();
    expect(await restoreDatabase(config, file)).toContain(file);

    const second = await open();
    expect(await second.emails()).toEqual(['before@test.local']);
    await createUser(second.v.ctx.database.db, user('again@test.local'));
    await second.v.close();
  });

  it('refuses files that are not backups of this engine, with a clear message', async () => {
    const { config, dir, open } = await setup(engine);
    await (await open()).v.close();
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'hello');
    await expect(restoreDatabase(config, path.join(dir, 'missing.db'))).rejects.toThrow(/does not exist/);
    await expect(restoreDatabase(config, text)).rejects.toThrow(engine === 'sqlite' ? /not a SQLite database/ : /not a PostgreSQL backup/);
    if (engine === 'sqlite') {
      const foreign = path.join(dir, 'foreign.db');
      const db = new SQLite(foreign);
      db.exec('create table t (x)');
      db.close();
      await expect(restoreDatabase(config, foreign)).rejects.toThrow(/not a Voronka backup/);
      const newer = path.join(dir, 'newer.db');
      await backupDatabase(config, newer);
      const n = new SQLite(newer);
      n.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('29990101_0001_future', new Date().toISOString());
      n.close();
      await expect(restoreDatabase(config, newer)).rejects.toThrow(/newer Voronka.*29990101_0001_future/);
    }
  });
});

describe('backup of a missing SQLite database', () => {
  it('says there is nothing to back up', async () => {
    const { dir } = await setup('sqlite');
    const config: Config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'none.db')}` });
    await expect(backupDatabase(config, path.join(dir, 'out.db'))).rejects.toThrow(/no database .* nothing to back up/);
  });
});
