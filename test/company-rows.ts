import type { Voronka } from '../src/app.js';
import { newId } from '../src/platform/ids.js';

/** Test data for the contact suites: a company row inserted directly (the company API is another module's). */
export async function insertCompany(v: Voronka, name: string, ownerId: string | null): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await v.ctx.database.db
    .insertInto('companies')
    .values({
      id,
      name,
      name_normalized: name.toLowerCase(),
      status: 'potential',
      status_changed_at: now,
      owner_id: ownerId,
      search_text: name.toLowerCase(),
      okved_extra: '[]',
      addresses: '[]',
      custom: '{}',
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
