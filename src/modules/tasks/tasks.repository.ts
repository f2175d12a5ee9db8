import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { TaskTable } from '../../platform/db/schema.js';

/** SQL of task rows and of the records they link to. */

export const ENTITY = 'task';

/** Tasks with the names their cards show: assignee, delegator, company, contact, deal. */
export function selectTasks(db: Executor) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('users as ua', 'ua.id', 't.assignee_id')
    .leftJoin('users as uc', 'uc.id', 't.created_by')
    .leftJoin('companies as co', 'co.id', 't.company_id')
    .leftJoin('contacts as ct', 'ct.id', 't.contact_id')
    .leftJoin('deals as d', 'd.id', 't.deal_id')
    .select([
      't.id', 't.title', 't.description', 't.assignee_id', 't.created_by', 't.due_date', 't.due_time', 't.due_at', 't.due_key',
      't.priority', 't.priority_rank', 't.status', 't.done_at', 't.checklist', 't.company_id', 't.contact_id', 't.deal_id',
      't.version', 't.created_at', 't.updated_at', 'ua.name as assignee_name', 'uc.name as created_by_name',
      'co.name as company_name', 'ct.full_name as contact_name', 'd.title as deal_title',
    ]);
}
export type TaskRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirstOrThrow']>>;

export async function findTask(db: Executor, id: string): Promise<TaskRow | undefined> {
  return selectTasks(db).where('t.id', '=', id).executeTakeFirst();
}

export async function insertTask(db: Executor, row: Insertable<TaskTable>): Promise<void> {
  await db.insertInto('tasks').values(row).execute();
}

/** Optimistic update: true when the row still had `version`. */
export async function updateTask(db: Executor, id: string, version: number, set: Updateable<TaskTable>): Promise<boolean> {
  const r = await db.updateTable('tasks').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteTask(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('tasks').where('id', '=', id).execute();
}

export async function fieldVersions(db: Executor, id: string): Promise<string> {
  return (await db.selectFrom('tasks').select('field_versions').where('id', '=', id).executeTakeFirstOrThrow()).field_versions;
}

export async function setFieldVersions(db: Executor, id: string, fieldVersions: string): Promise<void> {
  await db.updateTable('tasks').set({ field_versions: fieldVersions }).where('id', '=', id).execute();
}

/** The owner (and for deals the company) of a linked record, or undefined when it does not exist. */
export async function linkedOwner(db: Executor, table: 'companies' | 'contacts', id: string) {
  return db.selectFrom(table).select(['id', 'owner_id']).where('id', '=', id).executeTakeFirst();
}

export async function findDeal(db: Executor, id: string) {
  return db.selectFrom('deals').select(['id', 'owner_id', 'company_id']).where('id', '=', id).executeTakeFirst();
}
