import type { Executor } from '../../platform/db/database.js';
import type { RoleTable } from '../../platform/db/schema.js';

function selectRoles(db: Executor) {
  return db
    .selectFrom('roles')
    .select((eb) => [
      'roles.id',
      'roles.key',
      'roles.name',
      'roles.permissions',
      'roles.is_system',
      'roles.created_at',
      'roles.updated_at',
      eb.selectFrom('users').select(eb.fn.countAll<number>().as('n')).whereRef('users.role_id', '=', 'roles.id').as('user_count'),
    ]);
}

export type RoleRow = Awaited<ReturnType<ReturnType<typeof selectRoles>['executeTakeFirstOrThrow']>>;

export function listRoles(db: Executor): Promise<RoleRow[]> {
  return selectRoles(db).orderBy('roles.name').orderBy('roles.id').execute();
}

export function findRole(db: Executor, id: string): Promise<RoleRow | undefined> {
  return selectRoles(db).where('roles.id', '=', id).executeTakeFirst();
}

export async function keyTaken(db: Executor, key: string): Promise<boolean> {
  return !!(await db.selectFrom('roles').select('id').where('key', '=', key).executeTakeFirst());
}

export async function insertRole(db: Executor, row: RoleTable): Promise<void> {
  await db.insertInto('roles').values(row).execute();
}

export async function updateRole(db: Executor, id: string, set: Partial<RoleTable>): Promise<void> {
  await db.updateTable('roles').set(set).where('id', '=', id).execute();
}

export async function deleteRole(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('roles').where('id', '=', id).execute();
}
