import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DealTable } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import type { LineValues } from './deals.lines.js';

/** SQL of deal rows, their contacts, lines, stage history and the board's per-stage counters. */

export const ENTITY = 'deal';

/** Deals with what their cards show: stage kind and probability, company and owner names. */
export function selectDeals(db: Executor) {
  return db
    .selectFrom('deals as d')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .leftJoin('companies as co', 'co.id', 'd.company_id')
    .leftJoin('users as u', 'u.id', 'd.owner_id')
    .select([
      'd.id', 'd.title', 'd.company_id', 'd.pipeline_id', 'd.stage_id', 'd.owner_id', 'd.type', 'd.source_channel', 'd.source_campaign',
      'd.amount', 'd.amount_mode', 'd.currency', 'd.expected_close_date', 'd.probability', 'd.lost_reason_id', 'd.lost_comment',
      'd.closed_at', 'd.stage_entered_at', 'd.version', 'd.created_by', 'd.created_at', 'd.updated_at',
      's.kind as stage_kind', 's.probability as stage_probability', 's.planned_days as stage_planned_days',
      'co.name as company_name', 'u.name as owner_name',
    ]);
}
export type DealRow = Awaited<ReturnType<ReturnType<typeof selectDeals>['executeTakeFirstOrThrow']>>;

export async function findDeal(db: Executor, id: string): Promise<DealRow | undefined> {
  return selectDeals(db).where('d.id', '=', id).executeTakeFirst();
}

export async function lostReasonName(db: Executor, id: string): Promise<string | null> {
  return (await db.selectFrom('lost_reasons').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
}

export async function insertDeal(db: Executor, row: Insertable<DealTable>): Promise<void> {
  await db.insertInto('deals').values(row).execute();
}

/** Optimistic update: true when the row still had `version`. */
export async function updateDeal(db: Executor, id: string, version: number, set: Updateable<DealTable>): Promise<boolean> {
  const r = await db.updateTable('deals').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteDeal(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('deals').where('id', '=', id).execute();
}

export async function loadLines(db: Executor, dealId: string) {
  return db.selectFrom('deal_lines').selectAll().where('deal_id', '=', dealId).orderBy('sort').orderBy('id').execute();
}

/** Replaces the deal's lines (`fresh`: a new deal, nothing to delete). */
export async function replaceLines(db: Executor, dealId: string, lines: LineValues[], fresh = false): Promise<void> {
  if (!fresh) await db.deleteFrom('deal_lines').where('deal_id', '=', dealId).execute();
  if (!lines.length) return;
  await db.insertInto('deal_lines').values(lines.map((l, sort) => ({ ...l, id: newId(), deal_id: dealId, sort }))).execute();
}

export async function loadContacts(db: Executor, dealId: string) {
  return db
    .selectFrom('deal_contacts as dc')
    .innerJoin('contacts as c', 'c.id', 'dc.contact_id')
    .select(['c.id', 'c.full_name'])
    .where('dc.deal_id', '=', dealId)
    .orderBy('dc.sort')
    .execute();
}

export async function replaceContacts(db: Executor, dealId: string, contactIds: string[], fresh = false): Promise<void> {
  if (!fresh) await db.deleteFrom('deal_contacts').where('deal_id', '=', dealId).execute();
  if (!contactIds.length) return;
  await db.insertInto('deal_contacts').values(contactIds.map((contact_id, sort) => ({ deal_id: dealId, contact_id, sort }))).execute();
}

/** Which of the ids are contacts. */
export async function existingContacts(db: Executor, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('contacts').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** A company's owner and status (for access checks and the "current client" rule), or undefined. */
export async function findCompany(db: Executor, id: string) {
  return db.selectFrom('companies').select(['id', 'owner_id', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function isActiveUser(db: Executor, id: string): Promise<boolean> {
  const u = await db.selectFrom('users').select('is_active').where('id', '=', id).executeTakeFirst();
  return u?.is_active === 1;
}

export async function insertStageChange(
  db: Executor,
  row: { deal_id: string; from_stage_id: string | null; to_stage_id: string; at: string; user_id: string | null; seconds_in_from_stage: number | null },
): Promise<void> {
  await db.insertInto('deal_stage_history').values({ id: newId(), ...row }).execute();
}

export async function stageHistory(db: Executor, dealId: string) {
  return db
    .selectFrom('deal_stage_history as h')
    .leftJoin('users as u', 'u.id', 'h.user_id')
    .select(['h.id', 'h.from_stage_id', 'h.to_stage_id', 'h.at', 'h.user_id', 'u.name as user_name', 'h.seconds_in_from_stage'])
    .where('h.deal_id', '=', dealId)
    .orderBy('h.at')
    .orderBy('h.id')
    .execute();
}

/** A deal's share of its board column. */
export interface Contribution {
  stageId: string;
  ownerId: string | null;
  currency: string;
  amount: number;
  /** the deal's own probability; null = the stage's */
  probability: number | null;
}

/** Adds (sign 1) or removes (sign -1) deals' shares in the per-stage counters; one upsert per counter row. */
export async function adjustTotals(db: Executor, changes: { c: Contribution; sign: 1 | -1 }[]): Promise<void> {
  const rows = new Map<string, { stage_id: string; owner_key: string; currency: string; count: number; amount_sum: number; auto_amount_sum: number; manual_weighted_sum: number }>();
  for (const { c, sign } of changes) {
    const key = `${c.stageId}|${c.ownerId ?? ''}|${c.currency}`;
    const r = rows.get(key) ?? { stage_id: c.stageId, owner_key: c.ownerId ?? '', currency: c.currency, count: 0, amount_sum: 0, auto_amount_sum: 0, manual_weighted_sum: 0 };
    r.count += sign;
    r.amount_sum += sign * c.amount;
    if (c.probability === null) r.auto_amount_sum += sign * c.amount;
    else r.manual_weighted_sum += sign * c.amount * c.probability;
    rows.set(key, r);
  }
  // Always in key order: two transactions moving deals in opposite directions lock the rows alike (no deadlock).
  for (const [, r] of [...rows].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!r.count && !r.amount_sum && !r.auto_amount_sum && !r.manual_weighted_sum) continue;
    await db
      .insertInto('deal_stage_totals')
      .values(r)
      .onConflict((oc) =>
        oc.columns(['stage_id', 'owner_key', 'currency']).doUpdateSet({
          count: sql`deal_stage_totals.count + excluded.count`,
          amount_sum: sql`deal_stage_totals.amount_sum + excluded.amount_sum`,
          auto_amount_sum: sql`deal_stage_totals.auto_amount_sum + excluded.auto_amount_sum`,
          manual_weighted_sum: sql`deal_stage_totals.manual_weighted_sum + excluded.manual_weighted_sum`,
        }),
      )
      .execute();
  }
}

/** Recounts every per-stage counter from the deals (after bulk loads). */
export async function rebuildTotals(db: Executor): Promise<void> {
  await db.deleteFrom('deal_stage_totals').execute();
  await sql`INSERT INTO deal_stage_totals (stage_id, owner_key, currency, count, amount_sum, auto_amount_sum, manual_weighted_sum)
    SELECT stage_id, coalesce(owner_id, ''), currency, count(*), sum(amount),
      sum(CASE WHEN probability IS NULL THEN amount ELSE 0 END), sum(CASE WHEN probability IS NULL THEN 0 ELSE amount * probability END)
    FROM deals GROUP BY stage_id, coalesce(owner_id, ''), currency`.execute(db);
}

/** A deal's audit rows, newest first; `before` is the last id of the previous page. */
export async function history(db: Executor, id: string, limit: number, before: string | null) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.at', 'a.user_id', 'u.name as user_name', 'a.action', 'a.field', 'a.old_value', 'a.new_value'])
    .where('a.entity', '=', ENTITY)
    .where('a.entity_id', '=', id);
  if (before) q = q.where('a.id', '<', before);
  return q.orderBy('a.id', 'desc').limit(limit).execute();
}
