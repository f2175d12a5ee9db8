import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/** Indexes for the contact list sorts (created/updated, owner + name) and saved-view lookups. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('contacts_created_idx').on('contacts').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('contacts_updated_idx').on('contacts').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('contacts_owner_name_idx').on('contacts').columns(['owner_id', 'full_name', 'id']).execute();
  await db.schema.createIndex('saved_views_user_idx').on('saved_views').columns(['user_id', 'entity']).execute();
  await db.schema.createIndex('saved_views_shared_idx').on('saved_views').columns(['entity', 'is_shared']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['contacts_created_idx', 'contacts_updated_idx', 'contacts_owner_name_idx', 'saved_views_user_idx', 'saved_views_shared_idx']) {
    await db.schema.dropIndex(name).execute();
  }
}
