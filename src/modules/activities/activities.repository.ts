import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ActivityTable } from '../../platform/db/schema.js';
import { subtreeIds } from '../../shared/tree.js';

/** SQL of activity rows, their contact persons and the records they link to. */

export const ENTITY = 'activity';

/** Activities with the names their cards show: company, deal, owner. */
export function selectActivities(db: Executor) {
  return db
    .selectFrom('activities as a')
    .leftJoin('companies as co', 'co.id', 'a.company_id')
    .leftJoin('deals as d', 'd.id', 'a.deal_id')
    .leftJoin('users as u', 'u.id', 'a.owner_id')
    .select([
      'a.id', 'a.type', 'a.direction', 'a.status', 'a.company_id', 'a.deal_id', 'a.owner_id', 'a.planned_date', 'a.planned_time',
      'a.planned_at', 'a.planned_key', 'a.done_at', 'a.result', 'a.call_result', 'a.duration_sec', 'a.claim_status', 'a.subject',
      'a.notes', 'a.next_step_declined', 'a.next_step_reason', 'a.previous_id', 'a.timeline_at', 'a.version', 'a.created_by',
      'a.created_at', 'a.updated_at', 'co.name as company_name', 'd.title as deal_title', 'u.name as owner_name',
    ]);
}
export type ActivityRow = Awaited<ReturnType<ReturnType<typeof selectActivities>['executeTakeFirstOrThrow']>>;

export async function findActivity(db: Executor, id: string): Promise<ActivityRow | undefined> {
  return selectActivities(db).where('a.id', '=', id).executeTakeFirst();
}

/** Contact persons of the activities, in their order. */
export async function contactsOf(db: Executor, activityIds: readonly string[]) {
  if (!activityIds.length) return [];
  return db
    .selectFrom('activity_contacts as ac')
    .innerJoin('contacts as c', 'c.id', 'ac.contact_id')
    .select(['ac.activity_id', 'c.id', 'c.full_name'])
    .where('ac.activity_id', 'in', activityIds)
    .orderBy('ac.activity_id')
    .orderBy('ac.sort')
    .execute();
}

export async function insertActivity(db: Executor, row: Insertable<ActivityTable>): Promise<void> {
  await db.insertInto('activities').values(row).execute();
}

/** Optimistic update: true when the row still had `version`. */
export async function updateActivity(db: Executor, id: string, version: number, set: Updateable<ActivityTable>): Promise<boolean> {
  const r = await db.updateTable('activities').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteActivity(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('activities').where('id', '=', id).execute();
}

/** Replaces the activity's contact persons (`fresh`: a new activity, nothing to delete). */
export async function replaceContacts(db: Executor, activityId: string, contactIds: readonly string[], fresh = false): Promise<void> {
  if (!fresh) await db.deleteFrom('activity_contacts').where('activity_id', '=', activityId).execute();
  if (!contactIds.length) return;
  await db.insertInto('activity_contacts').values(contactIds.map((contact_id, sort) => ({ activity_id: activityId, contact_id, sort }))).execute();
}

export async function fieldVersions(db: Executor, id: string): Promise<string> {
  return (await db.selectFrom('activities').select('field_versions').where('id', '=', id).executeTakeFirstOrThrow()).field_versions;
}

export async function setFieldVersions(db: Executor, id: string, fieldVersions: string): Promise<void> {
  await db.updateTable('activities').set({ field_versions: fieldVersions }).where('id', '=', id).execute();
}

/** A user's time zone and whether the account is active, or undefined. */
export async function findUser(db: Executor, id: string) {
  return db.selectFrom('users').select(['id', 'name', 'time_zone', 'is_active']).where('id', '=', id).executeTakeFirst();
}

export async function findCompany(db: Executor, id: string) {
  return db.selectFrom('companies').select(['id', 'name', 'owner_id']).where('id', '=', id).executeTakeFirst();
}

export async function findDeal(db: Executor, id: string) {
  return db.selectFrom('deals').select(['id', 'title', 'owner_id', 'company_id']).where('id', '=', id).executeTakeFirst();
}

/** Owners of the contacts that exist, by id. */
export async function contactOwners(db: Executor, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('contacts').select(['id', 'owner_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.owner_id]));
}

/** Ids of the users in the department and its sub-departments. */
export async function departmentUsers(db: Executor, departmentId: string): Promise<string[]> {
  const departments = await db.selectFrom('departments').select(['id', 'parent_id as parentId']).execute();
  const users = await db.selectFrom('users').select('id').where('department_id', 'in', [...subtreeIds(departments, departmentId)]).execute();
  return users.map((u) => u.id);
}

/** An activity's audit rows, newest first; `before` is the last id of the previous page. */
export async function history(db: Executor, id: string, limit: number, before: string | null) {
  let q = db
    .selectFrom('audit_log as l')
    .leftJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.id', 'l.at', 'l.user_id', 'u.name as user_name', 'l.action', 'l.field', 'l.old_value', 'l.new_value'])
    .where('l.entity', '=', ENTITY)
    .where('l.entity_id', '=', id);
  if (before) q = q.where('l.id', '<', before);
  return q.orderBy('l.id', 'desc').limit(limit).execute();
}
