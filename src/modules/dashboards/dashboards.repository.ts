import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DashboardTable, DashboardWidgetTable } from '../../platform/db/schema.js';

/** SQL of dashboards and their widgets. */

export type DashboardRow = Awaited<ReturnType<typeof listDashboards>>[number];
export type WidgetRow = Awaited<ReturnType<typeof widgetsOf>>[number];

export async function listDashboards(db: Executor, userId: string) {
  return db.selectFrom('dashboards').selectAll().where('user_id', '=', userId).orderBy('sort').orderBy('id').execute();
}

export async function findDashboard(db: Executor, id: string) {
  return db.selectFrom('dashboards').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Widgets of the dashboards with their report's name, owner and sharing. */
export async function widgetsOf(db: Executor, dashboardIds: string[]) {
  if (!dashboardIds.length) return [];
  return db
    .selectFrom('dashboard_widgets as w')
    .innerJoin('reports as r', 'r.id', 'w.report_id')
    .selectAll('w')
    .select(['r.name as report_name', 'r.owner_id as report_owner_id', 'r.is_shared as report_is_shared'])
    .where('w.dashboard_id', 'in', dashboardIds)
    .orderBy('w.position')
    .orderBy('w.id')
    .execute();
}

export async function insertDashboard(db: Executor, row: Insertable<DashboardTable>): Promise<void> {
  await db.insertInto('dashboards').values(row).execute();
}

export async function updateDashboard(db: Executor, id: string, set: Updateable<DashboardTable>): Promise<void> {
  await db.updateTable('dashboards').set(set).where('id', '=', id).execute();
}

export async function deleteDashboard(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('dashboards').where('id', '=', id).execute();
}

export async function insertWidget(db: Executor, row: Insertable<DashboardWidgetTable>): Promise<void> {
  await db.insertInto('dashboard_widgets').values(row).execute();
}

export async function updateWidget(db: Executor, id: string, set: Updateable<DashboardWidgetTable>): Promise<void> {
  await db.updateTable('dashboard_widgets').set(set).where('id', '=', id).execute();
}

export async function deleteWidget(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('dashboard_widgets').where('id', '=', id).execute();
}

export async function nextPosition(db: Executor, dashboardId: string): Promise<number> {
  const r = await db.selectFrom('dashboard_widgets').select((eb) => eb.fn.max('position').as('p')).where('dashboard_id', '=', dashboardId).executeTakeFirst();
  return r?.p === null || r?.p === undefined ? 0 : Number(r.p) + 1;
}

/** Marks the user's ready-made dashboards as made; false when they already were (another request got there first). */
export async function claimDefaults(db: Executor, userId: string, kind: string, at: string): Promise<boolean> {
  const rows = await db
    .insertInto('dashboard_defaults')
    .values({ user_id: userId, kind, created_at: at })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .returning('user_id')
    .execute();
  return rows.length > 0;
}

export async function defaultsMade(db: Executor, userId: string): Promise<boolean> {
  return !!(await db.selectFrom('dashboard_defaults').select('user_id').where('user_id', '=', userId).executeTakeFirst());
}
