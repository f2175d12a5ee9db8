import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

const indexes = [
  ['companies_created_idx', ['created_at', 'id']],
  ['companies_owner_name_idx', ['owner_id', 'name_normalized', 'id']],
  ['companies_status_name_idx', ['status', 'name_normalized', 'id']],
] as const;

/** Indexes for company lists sorted by creation, and by name within an owner's scope or a status. */
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of indexes) await db.schema.createIndex(name).on('companies').columns([...columns]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of indexes) await db.schema.dropIndex(name).execute();
}
