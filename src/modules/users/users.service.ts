import type { Db, Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import type { Permissions } from '../../platform/access/permissions.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from '../../platform/auth/password.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { foldText } from '../../shared/text.js';
import { permissionsCover } from '../roles/index.js';
import * as repo from './users.repository.js';
import type { CreateUserInput, ListUsersQuery, UpdateUserInput, UserDto } from './users.schema.js';

const ADMIN_ROLE = 'admin';

export function toUserDto(r: repo.UserRow): UserDto {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    roleName: r.role_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    locale: r.locale as UserDto['locale'],
    theme: r.theme as UserDto['theme'],
    accentColor: r.accent_color as UserDto['accentColor'],
    timeZone: r.time_zone,
    isActive: r.is_active === 1,
    createdAt: r.created_at,
  };
}

/** What the audit log records of a user. */
const snapshot = (u: UserDto) => ({ email: u.email, name: u.name, role: u.role, departmentId: u.departmentId, isActive: u.isActive, locale: u.locale });

export const userSearchText = (name: string, email: string) => foldText(`${name} ${email}`);

const invalid = (field: string, code: string, message: string) => AppError.validation([{ field, code, message }]);

async function roleFor(db: Executor, key: string, actor: Principal | null) {
  const role = await repo.findRoleByKey(db, key);
  if (!role) throw invalid('roleKey', 'user.role_unknown', `unknown role ${key}`);
  if (actor && !permissionsCover(actor.permissions, JSON.parse(role.permissions) as Permissions)) {
    throw new AppError('user.role_exceeds_own', 403, 'You may not assign a role with more rights than your own', { fields: [{ field: 'roleKey', code: 'user.role_exceeds_own', message: 'grants more than your role' }] });
  }
  return role;
}

async function checkDepartment(db: Executor, id: string | null | undefined) {
  if (id && !(await repo.departmentExists(db, id))) throw invalid('departmentId', 'user.department_unknown', 'no such department');
}

export async function getUser(db: Executor, id: string): Promise<UserDto> {
  const row = await repo.findUser(db, id);
  if (!row) throw AppError.notFound('user');
  return toUserDto(row);
}

export async function listUsers(db: Db, q: ListUsersQuery) {
  const rows = await repo.listUsers(db, {
    words: q.q ? foldText(q.q).split(/\s+/).filter(Boolean) : [],
    roleKey: q.roleKey,
    departmentId: q.departmentId,
    active: q.active === undefined ? undefined : q.active === 'true',
    sort: q.sort,
    limit: q.limit,
    after: q.cursor ? decodeCursor(q.cursor) : null,
  });
  const items = rows.slice(0, q.limit).map(toUserDto);
  const last = items[items.length - 1];
  const key = q.sort.replace('-', '') as 'name' | 'email' | 'createdAt';
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ v: last[key], id: last.id }) : null };
}

/** Creates a user. `by` is the signed-in admin (null for the CLI and first start: no role ceiling). */
export async function createUser(db: Db, input: CreateUserInput, actor: Actor, by: Principal | null = null): Promise<UserDto> {
  const email = input.email.toLowerCase();
  const role = await roleFor(db, input.roleKey, by);
  await checkDepartment(db, input.departmentId);
  if (await repo.emailTaken(db, email)) {
    throw new AppError('user.email_taken', 409, 'A user with this e-mail exists', { fields: [{ field: 'email', code: 'user.email_taken', message: 'is already used' }] });
  }
  const id = newId();
  const now = new Date().toISOString();
  const password_hash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    await repo.insertUser(trx, {
      id,
      email,
      name: input.name,
      password_hash,
      role_id: role.id,
      department_id: input.departmentId ?? null,
      locale: input.locale ?? 'en',
      theme: 'light',
      accent_color: 'blue',
      time_zone: 'UTC',
      is_active: 1,
      created_at: now,
      updated_at: now,
      search_text: userSearchText(input.name, email),
    });
    const created = await getUser(trx, id);
    await writeAudit(trx, actor, 'user', id, 'create', diff({}, snapshot(created)));
    return created;
  });
}

export async function updateUser(db: Db, id: string, input: UpdateUserInput, actor: Actor, by: Principal): Promise<UserDto> {
  const before = await getUser(db, id);
  const role = input.roleKey !== undefined && input.roleKey !== before.role ? await roleFor(db, input.roleKey, by) : null;
  if (input.departmentId !== before.departmentId) await checkDepartment(db, input.departmentId);
  if (input.isActive === false && id === by.id) throw invalid('isActive', 'user.cannot_deactivate_self', 'you cannot deactivate yourself');
  const losesAdmin = before.role === ADMIN_ROLE && before.isActive && (role !== null || input.isActive === false);
  return db.transaction().execute(async (trx) => {
    if (losesAdmin && (await repo.countOtherActiveWithRole(trx, ADMIN_ROLE, id)) === 0) {
      throw new AppError('user.last_admin', 409, 'This is the last active administrator');
    }
    const name = input.name ?? before.name;
    await repo.updateUser(trx, id, {
      name,
      search_text: userSearchText(name, before.email),
      ...(role && { role_id: role.id }),
      ...(input.departmentId !== undefined && { department_id: input.departmentId }),
      ...(input.isActive !== undefined && { is_active: input.isActive ? 1 : 0 }),
      ...(input.locale !== undefined && { locale: input.locale }),
      updated_at: new Date().toISOString(),
    });
    if (input.isActive === false) await repo.endSessions(trx, id);
    const after = await getUser(trx, id);
    await writeAudit(trx, actor, 'user', id, 'update', diff(snapshot(before), snapshot(after)));
    return after;
  });
}

/** An administrator sets a new password: the user's sessions end and any login lockout is lifted. */
export async function resetPassword(db: Db, id: string, password: string, actor: Actor): Promise<void> {
  const user = await getUser(db, id);
  const password_hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, { password_hash, updated_at: new Date().toISOString() });
    await repo.endSessions(trx, id);
    await repo.clearLoginFailures(trx, user.email);
    await writeAudit(trx, actor, 'user', id, 'password_reset');
  });
}
