import type { Db } from '../../platform/db/database.js';
import { systemRoles } from '../../platform/access/permissions.js';
import { hashPassword } from '../../platform/auth/password.js';
import { newId, newSecret } from '../../platform/ids.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit, systemActor } from '../../platform/audit/audit.js';

/** Inserts the shipped roles that are missing (existing ones keep their edited permissions). */
export async function ensureSystemRoles(db: Db): Promise<void> {
  const now = new Date().toISOString();
  for (const role of systemRoles) {
    await db
      .insertInto('roles')
      .values({ id: newId(), key: role.key, name: role.name, permissions: JSON.stringify(role.permissions), is_system: 1, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  roleKey: string;
  departmentId?: string | null;
  locale?: string;
}

export async function createUser(db: Db, u: NewUser): Promise<string> {
  const role = await db.selectFrom('roles').select('id').where('key', '=', u.roleKey).executeTakeFirst();
  if (!role) throw AppError.validation([{ field: 'role', code: 'user.role_unknown', message: `unknown role ${u.roleKey}` }]);
  const email = u.email.toLowerCase();
  const exists = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (exists) throw new AppError('user.email_taken', 409, 'A user with this e-mail exists', { fields: [{ field: 'email', code: 'user.email_taken', message: 'is already used' }] });
  const now = new Date().toISOString();
  const id = newId();
  const password_hash = await hashPassword(u.password);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id,
        email,
        name: u.name,
        password_hash,
        role_id: role.id,
        department_id: u.departmentId ?? null,
        locale: u.locale ?? 'en',
        theme: 'light',
        accent_color: 'blue',
        time_zone: 'UTC',
        is_active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeAudit(trx, systemActor, 'user', id, 'create');
  });
  return id;
}

export async function setPassword(db: Db, email: string, password: string): Promise<void> {
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
