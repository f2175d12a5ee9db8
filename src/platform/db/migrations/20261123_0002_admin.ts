import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/** Same folding as src/shared/text.ts foldText at the time of writing (frozen here). */
const fold = (s: string) => s.toLocaleLowerCase('ru').replace(/ё/g, 'е');

/** users.search_text (folded name + e-mail) for case-insensitive Cyrillic search; audit lookups by user. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  const users: { id: string; name: string; email: string }[] = await db.selectFrom('users').select(['id', 'name', 'email']).execute();
  for (const u of users) {
    await db.updateTable('users').set({ search_text: fold(`${u.name} ${u.email}`) }).where('id', '=', u.id).execute();
  }
  await db.schema.createIndex('audit_user_idx').on('audit_log').columns(['user_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_user_idx').execute();
  await db.schema.alterTable('users').dropColumn('search_text').execute();
}
