import type { Res, TestClient } from './client.js';
import type { TestVoronka } from './engines.js';

/** Factories and readers for activity, task and timeline tests, through the API. */

export async function makeActivity(client: TestClient, body: Record<string, unknown>): Promise<any> {
  const res = await client.post('/activities', { type: 'call', plannedDate: '2030-01-10', ...body });
  if (res.status !== 201) throw new Error(`activity: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function makeContact(client: TestClient, firstName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await client.post('/contacts', { firstName, confirmDuplicate: true, ...extra });
  if (res.status !== 201) throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function setTimeZone(v: TestVoronka, userId: string, timeZone: string): Promise<void> {
  await v.ctx.database.db.updateTable('users').set({ time_zone: timeZone }).where('id', '=', userId).execute();
}

/** Pending (not fired) reminder jobs of an entity. */
export async function pendingReminders(v: TestVoronka, entity: string, entityId: string) {
  return v.ctx.database.db
    .selectFrom('reminders')
    .select(['user_id', 'fire_at', 'title'])
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .where('fired_at', 'is', null)
    .execute();
}

export async function auditOf(v: TestVoronka, entityId: string) {
  return v.ctx.database.db.selectFrom('audit_log').select(['action', 'field', 'old_value', 'new_value']).where('entity_id', '=', entityId).orderBy('id').execute();
}

/** Every item of a keyset-paged list, page by page. */
export async function allPages(client: TestClient, path: string, cursorParam = 'cursor'): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const res: Res = await client.get(cursor ? `${path}${sep}${cursorParam}=${encodeURIComponent(cursor)}` : path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}
