import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ReportTable } from '../../platform/db/schema.js';

/** SQL of saved reports. */

function selectReports(db: Executor) {
  return db.selectFrom('reports as r').leftJoin('users as u', 'u.id', 'r.owner_id').selectAll('r').select('u.name as owner_name');
}

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export async function findReport(db: Executor, id: string) {
  return selectReports(db).where('r.id', '=', id).executeTakeFirst();
}

/** The user's own reports and every shared one, by name; `after` is the (name, id) of the previous page's last row. */
export async function listReports(db: Executor, userId: string, limit: number, after: { name: string; id: string } | null) {
  let q = selectReports(db).where((eb) => eb.or([eb('r.owner_id', '=', userId), eb('r.is_shared', '=', 1)]));
  if (after) q = q.where((eb) => eb(eb.refTuple('r.name', 'r.id'), '>', eb.tuple(after.name, after.id)));
  return q.orderBy('r.name').orderBy('r.id').limit(limit).execute();
}

export async function insertReport(db: Executor, row: Insertable<ReportTable>): Promise<void> {
  await db.insertInto('reports').values(row).execute();
}

export async function updateReport(db: Executor, id: string, set: Updateable<ReportTable>): Promise<void> {
  await db.updateTable('reports').set(set).where('id', '=', id).execute();
}

export async function deleteReport(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('reports').where('id', '=', id).execute();
}
