import type { Executor } from '../../platform/db/database.js';
import type { DepartmentTable } from '../../platform/db/schema.js';

function selectDepartments(db: Executor) {
  return db
    .selectFrom('departments')
    .select((eb) => [
      'departments.id',
      'departments.name',
      'departments.parent_id',
      'departments.created_at',
      'departments.updated_at',
      eb.selectFrom('users').select(eb.fn.countAll<number>().as('n')).whereRef('users.department_id', '=', 'departments.id').as('user_count'),
    ]);
}

export type DepartmentRow = Awaited<ReturnType<ReturnType<typeof selectDepartments>['executeTakeFirstOrThrow']>>;

export function listDepartments(db: Executor): Promise<DepartmentRow[]> {
  return selectDepartments(db).orderBy('departments.name').orderBy('departments.id').execute();
}

export function findDepartment(db: Executor, id: string): Promise<DepartmentRow | undefined> {
  return selectDepartments(db).where('departments.id', '=', id).executeTakeFirst();
}

/** id -> parent id of every department (the tree is small; cycle checks walk it in memory). */
export async function parentMap(db: Executor): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('departments').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function countChildren(db: Executor, id: string): Promise<number> {
  const r = await db.selectFrom('departments').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertDepartment(db: Executor, row: DepartmentTable): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function updateDepartment(db: Executor, id: string, set: Partial<DepartmentTable>): Promise<void> {
  await db.updateTable('departments').set(set).where('id', '=', id).execute();
}

export async function deleteDepartment(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('departments').where('id', '=', id).execute();
}
