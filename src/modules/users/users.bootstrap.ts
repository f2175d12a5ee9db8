import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { systemRoles, type Permissions } from '../../platform/access/permissions.js';
import { hashPassword } from '../../platform/auth/password.js';
import { newId, newSecret } from '../../platform/ids.js';
import { AppError } from '../../platform/errors.js';
import { systemActor } from '../../platform/audit/audit.js';
import { fieldIssues } from '../../platform/http/errors.js';
import { passwordRule } from './auth.schema.js';
import { createUserRequest } from './users.schema.js';
import { createUser as createUserAs } from './users.service.js';

/**
 * Creates the shipped roles; on an existing database, gives each shipped role the permissions of resources
 * it has no entry for yet (a newer version's modules), keeping an administrator's edits of the others.
 */
export async function ensureSystemRoles(db: Db): Promise<void> {
  const now = new Date().toISOString();
  for (const role of systemRoles) {
    await db
      .insertInto('roles')
      .values({ id: newId(), key: role.key, name: role.name, permissions: JSON.stringify(role.permissions), is_system: 1, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const stored = await db.selectFrom('roles').select(['id', 'permissions']).where('key', '=', role.key).executeTakeFirstOrThrow();
    const current = JSON.parse(stored.permissions) as Permissions;
    const missing = Object.entries(role.permissions).filter(([resource]) => !(resource in current));
    if (!missing.length) continue;
    const merged = { ...current, ...Object.fromEntries(missing) };
    await db.updateTable('roles').set({ permissions: JSON.stringify(merged), updated_at: now }).where('id', '=', stored.id).execute();
  }
}

export type NewUser = z.input<typeof createUserRequest>;

/** Creates a user on behalf of the system (CLI, first start, tests); input is validated like the API's. */
export async function createUser(db: Db, u: NewUser): Promise<string> {
  const parsed = createUserRequest.safeParse(u);
  if (!parsed.success) throw AppError.validation(fieldIssues(parsed.error));
  return (await createUserAs(db, parsed.data, systemActor)).id;
}

export async function setPassword(db: Db, email: string, password: string): Promise<void> {
  const parsed = passwordRule.safeParse(password);
  if (!parsed.success) throw AppError.validation(fieldIssues(parsed.error, 'password'));
  const res = await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), updated_at: new Date().toISOString() })
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError('user.not_found', 404, `No user with e-mail ${email}`);
  await db.deleteFrom('login_attempts').where('key', '=', `email:${email.toLowerCase()}`).execute();
}

export const DEFAULT_ADMIN_EMAIL = 'admin@voronka.local';

/** On an empty database: the admin account. Returns its password when it was just created. */
export async function ensureAdmin(db: Db, email = DEFAULT_ADMIN_EMAIL, password?: string): Promise<{ email: string; password: string | null }> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return { email, password: null };
  const pw = password ?? newSecret(9);
  await createUser(db, { email, name: 'Administrator', password: pw, roleKey: 'admin' });
  return { email, password: pw };
}
