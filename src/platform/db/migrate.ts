import { Migrator, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {}

function migrator(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
  });
}

/**
 * Applies pending migrations in one transaction (both engines support transactional DDL),
 * so a failure leaves the database as it was. Throws MigrationError with a readable message.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  let result: MigrationResultSet;
  try {
    result = await migrator(database).migrateToLatest();
  } catch (err) {
    throw new MigrationError(`Database migration could not start: ${(err as Error).message}`);
  }
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(
      `Migration ${failed} failed and was rolled back: ${(result.error as Error).message}. The server will not start on this database.`,
    );
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Names of migrations that are known to the code but not applied yet. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const all = await migrator(database).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
