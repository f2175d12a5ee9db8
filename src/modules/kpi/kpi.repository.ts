import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { KpiFormulaTable } from '../../platform/db/schema.js';

/** SQL of KPI formulas and the read-only aggregates behind the KPIs (`owners` null: everyone). */

type Owners = readonly string[] | null;

export async function listFormulas(db: Executor) {
  return db.selectFrom('kpi_formulas').selectAll().orderBy('sort').orderBy('key').execute();
}

export async function findFormula(db: Executor, id: string) {
  return db.selectFrom('kpi_formulas').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function formulaByKey(db: Executor, key: string) {
  return db.selectFrom('kpi_formulas').select('id').where('key', '=', key).executeTakeFirst();
}

export async function insertFormula(db: Executor, row: Insertable<KpiFormulaTable>): Promise<void> {
  await db.insertInto('kpi_formulas').values(row).execute();
}

export async function updateFormula(db: Executor, id: string, set: Updateable<KpiFormulaTable>): Promise<void> {
  await db.updateTable('kpi_formulas').set(set).where('id', '=', id).execute();
}

export async function deleteFormula(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('kpi_formulas').where('id', '=', id).execute();
}

/** Active users among the owners. */
export async function activeUsers(db: Executor, owners: Owners) {
  if (owners && !owners.length) return [];
  let q = db.selectFrom('users').select(['id', 'name', 'department_id', 'time_zone']).where('is_active', '=', 1);
  if (owners) q = q.where('id', 'in', owners);
  return q.orderBy('name').orderBy('id').execute();
}

/** Deals closed (won or lost) in [from, to): owner, outcome and the days from creation to closing. */
export async function closedDeals(db: Executor, owners: Owners, from: string, to: string) {
  if (owners && !owners.length) return [];
  let q = db
    .selectFrom('deals as d')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .select(['d.owner_id', 's.kind', 'd.created_at', 'd.closed_at'])
    .where('s.kind', 'in', ['won', 'lost'])
    .where('d.closed_at', '>=', from)
    .where('d.closed_at', '<', to);
  if (owners) q = q.where('d.owner_id', 'in', owners);
  return q.execute();
}

/** Open activities whose promised time is before `now`, by owner. */
export async function overdueByOwner(db: Executor, owners: Owners, now: string) {
  if (owners && !owners.length) return [];
  let q = db
    .selectFrom('activities')
    .select((eb) => ['owner_id', eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .where('planned_at', '<', now);
  if (owners) q = q.where('owner_id', 'in', owners);
  return (await q.groupBy('owner_id').execute()).map((r) => ({ ownerId: r.owner_id, n: Number(r.n) }));
}

/** One user's open activities planned for a day, by type. */
export async function scheduledOn(db: Executor, userId: string, day: string) {
  return db
    .selectFrom('activities')
    .select((eb) => ['type', eb.fn.countAll<number>().as('n')])
    .where('owner_id', '=', userId)
    .where('status', '=', 'open')
    .where('planned_date', '=', day)
    .groupBy('type')
    .execute();
}
