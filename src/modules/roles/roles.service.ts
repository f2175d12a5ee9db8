import type { Db, Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { actions, resources, scopes, type Permissions, type Scope } from '../../platform/access/permissions.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import * as repo from './roles.repository.js';
import type { CreateRoleInput, RoleDto, UpdateRoleInput } from './roles.schema.js';

export const ADMIN_ROLE = 'admin';

const rank = (s: Scope | undefined) => scopes.indexOf(s ?? 'none');

/** True when `have` grants at least the scope `want` grants for every resource and action. */
export function permissionsCover(have: Permissions, want: Permissions): boolean {
  return resources.every((r) => actions.every((a) => rank(have[r]?.[a]) >= rank(want[r]?.[a])));
}

const fullAccess: Permissions = Object.fromEntries(resources.map((r) => [r, Object.fromEntries(actions.map((a) => [a, 'all']))]));

function toDto(r: repo.RoleRow): RoleDto {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    permissions: JSON.parse(r.permissions) as Permissions,
    isSystem: r.is_system === 1,
    userCount: Number(r.user_count ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function assertGrantable(by: Principal, permissions: Permissions) {
  if (!permissionsCover(by.permissions, permissions)) {
    throw new AppError('role.exceeds_own', 403, 'A role cannot grant more than your own role has', {
      fields: [{ field: 'permissions', code: 'role.exceeds_own', message: 'grants more than your role' }],
    });
  }
}

export async function listRoles(db: Db): Promise<RoleDto[]> {
  return (await repo.listRoles(db)).map(toDto);
}

async function getRole(db: Executor, id: string): Promise<RoleDto> {
  const row = await repo.findRole(db, id);
  if (!row) throw AppError.notFound('role');
  return toDto(row);
}

const audited = (r: RoleDto) => ({ key: r.key, name: r.name, permissions: r.permissions });

export async function createRole(db: Db, input: CreateRoleInput, actor: Actor, by: Principal): Promise<RoleDto> {
  assertGrantable(by, input.permissions);
  if (await repo.keyTaken(db, input.key)) {
    throw new AppError('role.key_taken', 409, 'A role with this key exists', { fields: [{ field: 'key', code: 'role.key_taken', message: 'is already used' }] });
  }
  const id = newId();
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    await repo.insertRole(trx, { id, key: input.key, name: input.name, permissions: JSON.stringify(input.permissions), is_system: 0, created_at: now, updated_at: now });
    const created = toDto((await repo.findRole(trx, id))!);
    await writeAudit(trx, actor, 'role', id, 'create', diff({}, audited(created)));
    return created;
  });
}

export async function updateRole(db: Db, id: string, input: UpdateRoleInput, actor: Actor, by: Principal): Promise<RoleDto> {
  const before = await getRole(db, id);
  if (input.permissions) {
    if (before.key === ADMIN_ROLE && !permissionsCover(input.permissions, fullAccess)) {
      throw new AppError('role.admin_locked', 422, 'The administrator role keeps every permission', {
        fields: [{ field: 'permissions', code: 'role.admin_locked', message: 'the administrator role keeps every permission' }],
      });
    }
    assertGrantable(by, input.permissions);
  }
  return db.transaction().execute(async (trx) => {
    await repo.updateRole(trx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.permissions && { permissions: JSON.stringify(input.permissions) }),
      updated_at: new Date().toISOString(),
    });
    const after = toDto((await repo.findRole(trx, id))!);
    await writeAudit(trx, actor, 'role', id, 'update', diff(audited(before), audited(after)));
    return after;
  });
}

export async function deleteRole(db: Db, id: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const role = await getRole(trx, id);
    if (role.isSystem) throw new AppError('role.system', 409, 'Roles shipped with Voronka cannot be deleted');
    if (role.userCount > 0) throw new AppError('role.in_use', 409, `${role.userCount} user(s) have this role`, { userCount: role.userCount });
    await repo.deleteRole(trx, id);
    await writeAudit(trx, actor, 'role', id, 'delete', diff(audited(role), {}));
  });
}
