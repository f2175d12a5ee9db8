import { createUser } from '../src/modules/users/index.js';
import { newId } from '../src/platform/ids.js';
import { TestClient } from './client.js';
import type { Voronka } from '../src/app.js';

let n = 0;
export const PASSWORD = 'correct horse battery';

/** A user with the role (and department), signed in through the API. */
export async function userClient(v: Voronka, roleKey = 'admin', departmentId: string | null = null) {
  n += 1;
  const email = `${roleKey}.${n}.${Date.now()}@test.local`;
  const id = await createUser(v.ctx.database.db, { email, name: `${roleKey} ${n}`, password: PASSWORD, roleKey, departmentId });
  const client = new TestClient(v);
  const res = await client.login(email, PASSWORD);
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return { client, id, email };
}

export async function makeDepartment(v: Voronka, name: string, parentId: string | null = null): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await v.ctx.database.db.insertInto('departments').values({ id, name, parent_id: parentId, created_at: now, updated_at: now }).execute();
  return id;
}
