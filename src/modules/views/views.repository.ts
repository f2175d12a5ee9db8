import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { SavedViewTable } from '../../platform/db/schema.js';

/** SQL of saved views. */

function selectViews(db: Executor) {
  return db.selectFrom('saved_views as v').leftJoin('users as u', 'u.id', 'v.user_id').selectAll('v').select('u.name as user_name');
}

export type ViewRow = NonNullable<Awaited<ReturnType<typeof findView>>>;

export async function findView(db: Executor, id: string) {
  return selectViews(db).where('v.id', '=', id).executeTakeFirst();
}

/** The user's own views and every shared one, by name; `after` is the (name, id) of the previous page's last row. */
export async function listViews(db: Executor, userId: string, entity: string, limit: number, after: { name: string; id: string } | null) {
  let q = selectViews(db)
    .where('v.entity', '=', entity)
    .where((eb) => eb.or([eb('v.user_id', '=', userId), eb('v.is_shared', '=', 1)]));
  if (after) q = q.where((eb) => eb(eb.refTuple('v.name', 'v.id'), '>', eb.tuple(after.name, after.id)));
  return q.orderBy('v.name').orderBy('v.id').limit(limit).execute();
}

export async function insertView(db: Executor, row: Insertable<SavedViewTable>): Promise<void> {
  await db.insertInto('saved_views').values(row).execute();
}

export async function updateView(db: Executor, id: string, set: Updateable<SavedViewTable>): Promise<void> {
  await db.updateTable('saved_views').set(set).where('id', '=', id).execute();
}

export async function deleteView(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('saved_views').where('id', '=', id).execute();
}
