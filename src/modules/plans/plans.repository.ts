import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { SalesPlanTable } from '../../platform/db/schema.js';

/** SQL of sales plans and of the targets they name (users, departments). */

export type PlanRow = SalesPlanTable;

/** Which plans a reader sees: everything (null), or users' plans of these users and departments' plans of these departments. */
export interface PlanVisibility {
  userIds: readonly string[];
  departmentIds: readonly string[];
}

export interface PlanFilter {
  period?: string;
  periods?: readonly string[];
  periodKind?: string;
  targetKind?: string;
  targetId?: string;
  after?: string;
  limit?: number;
}

export async function listPlans(db: Executor, f: PlanFilter, visible: PlanVisibility | null): Promise<PlanRow[]> {
  let q = db.selectFrom('sales_plans').selectAll();
  if (f.period) q = q.where('period', '=', f.period);
  if (f.periods) q = f.periods.length ? q.where('period', 'in', f.periods) : q.where('id', '=', '');
  if (f.periodKind) q = q.where('period_kind', '=', f.periodKind);
  if (f.targetKind) q = q.where('target_kind', '=', f.targetKind);
  if (f.targetId !== undefined) q = q.where('target_id', '=', f.targetId);
  if (f.after) q = q.where('id', '>', f.after);
  if (visible) {
    const { userIds, departmentIds } = visible;
    q = q.where((eb) =>
      eb.or([
        userIds.length ? eb.and([eb('target_kind', '=', 'user'), eb('target_id', 'in', userIds)]) : eb.lit(false),
        departmentIds.length ? eb.and([eb('target_kind', '=', 'department'), eb('target_id', 'in', departmentIds)]) : eb.lit(false),
      ]),
    );
  }
  q = q.orderBy('id');
  if (f.limit) q = q.limit(f.limit);
  return q.execute();
}

export async function findPlan(db: Executor, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('sales_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPlanOf(db: Executor, targetKind: string, targetId: string, period: string): Promise<PlanRow | undefined> {
  return db
    .selectFrom('sales_plans')
    .selectAll()
    .where('target_kind', '=', targetKind)
    .where('target_id', '=', targetId)
    .where('period', '=', period)
    .executeTakeFirst();
}

export async function insertPlan(db: Executor, row: Insertable<SalesPlanTable>): Promise<void> {
  await db.insertInto('sales_plans').values(row).execute();
}

/** Updates when the version still matches; returns whether it did. */
export async function updatePlan(db: Executor, id: string, version: number, set: Updateable<SalesPlanTable>): Promise<boolean> {
  const r = await db.updateTable('sales_plans').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deletePlan(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sales_plans').where('id', '=', id).execute();
}

export async function departments(db: Executor) {
  return db.selectFrom('departments').select(['id', 'name', 'parent_id as parentId']).execute();
}

/** Users (active or not) of the departments. */
export async function usersOfDepartments(db: Executor, departmentIds: readonly string[]): Promise<string[]> {
  if (!departmentIds.length) return [];
  return (await db.selectFrom('users').select('id').where('department_id', 'in', departmentIds).execute()).map((u) => u.id);
}

export async function userNames(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'name', 'department_id', 'time_zone', 'is_active']).where('id', 'in', ids).execute();
}
