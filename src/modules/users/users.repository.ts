import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { UserTable } from '../../platform/db/schema.js';
import type { Cursor } from '../../platform/http/pagination.js';
import type { UserSort } from './users.schema.js';

export interface UserFilter {
  words: string[];
  roleKey?: string;
  departmentId?: string;
  active?: boolean;
  sort: UserSort;
  limit: number;
  after: Cursor | null;
}

const sortColumns = { name: 'users.name', email: 'users.email', createdAt: 'users.created_at' } as const;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function selectUsers(db: Executor) {
  return db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'roles.key as role',
      'roles.name as role_name',
      'users.department_id',
      'departments.name as department_name',
      'users.locale',
      'users.theme',
      'users.accent_color',
      'users.time_zone',
      'users.is_active',
      'users.created_at',
    ]);
}

export type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

export function findUser(db: Executor, id: string): Promise<UserRow | undefined> {
  return selectUsers(db).where('users.id', '=', id).executeTakeFirst();
}

/** One page of users plus one extra row (the caller derives the next cursor from it). */
export function listUsers(db: Executor, f: UserFilter): Promise<UserRow[]> {
  const desc = f.sort.startsWith('-');
  const column = sortColumns[f.sort.replace('-', '') as keyof typeof sortColumns];
  let q = selectUsers(db);
  for (const w of f.words) q = q.where(sql<boolean>`users.search_text like ${`%${escapeLike(w)}%`} escape '\\'`);
  if (f.roleKey) q = q.where('roles.key', '=', f.roleKey);
  if (f.departmentId) q = q.where('users.department_id', '=', f.departmentId);
  if (f.active !== undefined) q = q.where('users.is_active', '=', f.active ? 1 : 0);
  if (f.after) {
    const { v, id } = f.after;
    q = q.where(({ eb, refTuple, tuple }) => eb(refTuple(column, 'users.id'), desc ? '<' : '>', tuple(String(v), id)));
  }
  return q
    .orderBy(column, desc ? 'desc' : 'asc')
    .orderBy('users.id', desc ? 'desc' : 'asc')
    .limit(f.limit + 1)
    .execute();
}

export async function emailTaken(db: Executor, email: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst());
}

export function findRoleByKey(db: Executor, key: string) {
  return db.selectFrom('roles').select(['id', 'key', 'permissions']).where('key', '=', key).executeTakeFirst();
}

export async function departmentExists(db: Executor, id: string): Promise<boolean> {
  return !!(await db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst());
}

export async function insertUser(db: Executor, row: UserTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Executor, id: string, set: Partial<UserTable>): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/** Active users holding the role, other than the given user. */
export async function countOtherActiveWithRole(db: Executor, roleKey: string, exceptUserId: string): Promise<number> {
  const r = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('roles.key', '=', roleKey)
    .where('users.is_active', '=', 1)
    .where('users.id', '!=', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function endSessions(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function clearLoginFailures(db: Executor, email: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', `email:${email}`).execute();
}
