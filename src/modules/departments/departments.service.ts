import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import * as repo from './departments.repository.js';
import type { CreateDepartmentInput, DepartmentDto, UpdateDepartmentInput } from './departments.schema.js';

function toDto(r: repo.DepartmentRow): DepartmentDto {
  return {
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    userCount: Number(r.user_count ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const audited = (d: DepartmentDto) => ({ name: d.name, parentId: d.parentId });

async function getDepartment(db: Executor, id: string): Promise<DepartmentDto> {
  const row = await repo.findDepartment(db, id);
  if (!row) throw AppError.notFound('department');
  return toDto(row);
}

function parentUnknown(): AppError {
  return AppError.validation([{ field: 'parentId', code: 'department.parent_unknown', message: 'no such department' }]);
}

export async function listDepartments(db: Db): Promise<DepartmentDto[]> {
  return (await repo.listDepartments(db)).map(toDto);
}

export async function createDepartment(db: Db, input: CreateDepartmentInput, actor: Actor): Promise<DepartmentDto> {
  const id = newId();
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    if (input.parentId && !(await repo.findDepartment(trx, input.parentId))) throw parentUnknown();
    await repo.insertDepartment(trx, { id, name: input.name, parent_id: input.parentId ?? null, created_at: now, updated_at: now });
    const created = await getDepartment(trx, id);
    await writeAudit(trx, actor, 'department', id, 'create', diff({}, audited(created)));
    return created;
  });
}

/** True when making `parentId` the parent of `id` would close a loop (parentId is id or below it). */
function wouldCycle(parents: Map<string, string | null>, id: string, parentId: string): boolean {
  for (let at: string | null | undefined = parentId; at; at = parents.get(at)) {
    if (at === id) return true;
  }
  return false;
}

export async function updateDepartment(db: Db, id: string, input: UpdateDepartmentInput, actor: Actor): Promise<DepartmentDto> {
  return db.transaction().execute(async (trx) => {
    const before = await getDepartment(trx, id);
    if (input.parentId) {
      const parents = await repo.parentMap(trx);
      if (!parents.has(input.parentId)) throw parentUnknown();
      if (wouldCycle(parents, id, input.parentId)) {
        throw new AppError('department.cycle', 422, 'A department cannot be placed inside itself or its sub-departments', {
          fields: [{ field: 'parentId', code: 'department.cycle', message: 'is this department or one of its sub-departments' }],
        });
      }
    }
    await repo.updateDepartment(trx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.parentId !== undefined && { parent_id: input.parentId }),
      updated_at: new Date().toISOString(),
    });
    const after = await getDepartment(trx, id);
    await writeAudit(trx, actor, 'department', id, 'update', diff(audited(before), audited(after)));
    return after;
  });
}

export async function deleteDepartment(db: Db, id: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = await getDepartment(trx, id);
    const children = await repo.countChildren(trx, id);
    if (d.userCount > 0 || children > 0) {
      throw new AppError('department.not_empty', 409, 'Move its users and sub-departments elsewhere first', { userCount: d.userCount, childCount: children });
    }
    await repo.deleteDepartment(trx, id);
    await writeAudit(trx, actor, 'department', id, 'delete', diff(audited(d), {}));
  });
}
