import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { engines, freshDatabaseUrl } from '../../../test/engines.js';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from './database.js';
import { MigrationError, migrateToLatest, pendingMigrations } from './migrate.js';

describe.each(engines())('migrations on %s', (engine) => {
  let database: Database | null = null;
  let drop: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await database?.close();
    await drop?.();
  });

  async function open() {
    const fresh = await freshDatabaseUrl(engine);
    drop = fresh.drop;
    database = openDatabase(loadConfig({ DATABASE_URL: fresh.url }).database);
    return database;
  }

  it('applies every migration once; a second run applies nothing', async () => {
    const db = await open();
    expect((await migrateToLatest(db)).length).toBeGreaterThan(0);
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('rolls a failed migration back completely and says which one failed', async () => {
    const db = await open();
    await sql`CREATE TABLE companies (id text)`.execute(db.db);
    const err = await migrateToLatest(db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as Error).message).toMatch(/Migration 20261123_0001_foundation failed and was rolled back/);
    const users = await sql`SELECT 1 FROM users`.execute(db.db).catch(() => 'missing');
    expect(users).toBe('missing');
    expect(await pendingMigrations(db)).toContain('20261123_0001_foundation');
  });

  it('refuses a database migrated by a newer version', async () => {
    const db = await open();
    await migrateToLatest(db);
    await db.db.insertInto('kysely_migration').values({ name: '99999999_9999_from_the_future', timestamp: new Date().toISOString() }).execute();
    await expect(migrateToLatest(db)).rejects.toThrow(MigrationError);
  });
});

describe('configuration', () => {
  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL/);
  });

  it('defaults to SQLite in the data dir, or PostgreSQL from DATABASE_URL', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/x' }).database).toEqual({ kind: 'sqlite', file: '/tmp/x/voronka.db' });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });
});
