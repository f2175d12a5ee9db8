import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';

/** SQL of the funnel reports: aggregates over the funnel facts (deal_funnel_entries); the drill-downs are in funnels.drill.repository.ts. */

export interface EntryFilter {
  /** null: every pipeline */
  pipelineId: string | null;
  from: string;
  to: string;
  /** null: every owner */
  owners: string[] | null;
  companyId?: string;
  productId?: string;
  /** the group and its sub-groups */
  productGroupIds?: string[];
}

export type EntryQuery<O> = SelectQueryBuilder<DB & { e: DB['deal_funnel_entries'] }, 'e', O>;

/** Entries of the period (first entries into a stage, `from` inclusive, `to` exclusive) the filter selects. */
export function filtered<O>(db: Executor, q: EntryQuery<O>, f: EntryFilter): EntryQuery<O> {
  let out = q.where('e.entered_at', '>=', f.from).where('e.entered_at', '<', f.to);
  if (f.pipelineId) out = out.where('e.pipeline_id', '=', f.pipelineId);
  if (f.owners) out = out.where('e.owner_id', 'in', f.owners);
  if (f.companyId) out = out.where('e.deal_id', 'in', db.selectFrom('deals').select('id').where('company_id', '=', f.companyId));
  if (f.productId) out = out.where('e.deal_id', 'in', db.selectFrom('deal_lines').select('deal_id').where('product_id', '=', f.productId));
  if (f.productGroupIds) {
    const groups = f.productGroupIds;
    out = out.where('e.deal_id', 'in', db.selectFrom('deal_lines as l').innerJoin('products as pr', 'pr.id', 'l.product_id').select('l.deal_id').where('pr.group_id', 'in', groups));
  }
  return out;
}

export const entries = (db: Executor) => db.selectFrom('deal_funnel_entries as e') as unknown as EntryQuery<object>;

/** The won or lost stages of every pipeline (deleted ones aside, as in a pipeline's funnel). */
export const closedStages = (db: Executor, kind: 'won' | 'lost') => db.selectFrom('stages').select('id').where('kind', '=', kind).where('deleted_at', 'is', null);

/** Per owner and stage: deals entered, and the stays that ended (count, total seconds). */
export async function stageCounts(db: Executor, f: EntryFilter) {
  if (!f.companyId && !f.productId && !f.productGroupIds && f.pipelineId) return dailyCounts(db, f, f.pipelineId);
  const rows = await filtered(db, entries(db), f)
    .select([
      'e.owner_id',
      'e.stage_id',
      sql<number>`count(*)`.as('entered'),
      sql<number>`sum(CASE WHEN e.implied = 0 AND e.seconds IS NOT NULL THEN 1 ELSE 0 END)`.as('stays'),
      sql<number>`sum(CASE WHEN e.implied = 0 THEN e.seconds ELSE NULL END)`.as('seconds'),
    ])
    .groupBy(['e.owner_id', 'e.stage_id'])
    .execute();
  return rows.map((r) => ({ ownerId: r.owner_id, stageId: r.stage_id, entered: Number(r.entered), stays: Number(r.stays ?? 0), seconds: Number(r.seconds ?? 0) }));
}

/** The same from the daily sums (no deal filter): a few thousand rows per quarter, whatever the number of deals. */
async function dailyCounts(db: Executor, f: EntryFilter, pipelineId: string) {
  const { months, days } = splitRange(f.from, f.to);
  let q = db
    .selectFrom('deal_funnel_days')
    .where('pipeline_id', '=', pipelineId)
    .where((eb) => eb.or([...(months.length ? [eb('day', 'in', months.map((m) => `M${m}`))] : []), ...days.map(([a, b]) => eb.and([eb('day', '>=', a), eb('day', '<', b)]))]));
  if (f.owners) q = q.where('owner_key', 'in', f.owners);
  const rows = await q
    .select(['owner_key', 'stage_id', sql<number>`sum(entered)`.as('entered'), sql<number>`sum(stays)`.as('stays'), sql<number>`sum(seconds)`.as('seconds')])
    .groupBy(['owner_key', 'stage_id'])
    .execute();
  // Rows a deleted or reassigned deal left at zero add nothing (and make no group).
  return rows
    .map((r) => ({ ownerId: r.owner_key || null, stageId: r.stage_id, entered: Number(r.entered), stays: Number(r.stays), seconds: Number(r.seconds) }))
    .filter((r) => r.entered !== 0);
}

/** Per owner, stage lost at and the deal's lost reason: deals lost in the period (entries of the lost stages). */
export async function lostCounts(db: Executor, f: EntryFilter, lostStageIds: string[]) {
  if (!lostStageIds.length) return [];
  const rows = await filtered(db, entries(db), f)
    .where('e.stage_id', 'in', lostStageIds)
    .select(['e.owner_id', 'e.from_stage_id', 'e.lost_reason_id', sql<number>`count(*)`.as('n')])
    .groupBy(['e.owner_id', 'e.from_stage_id', 'e.lost_reason_id'])
    .execute();
  return rows.map((r) => ({ ownerId: r.owner_id, stageId: r.from_stage_id, reasonId: r.lost_reason_id ?? null, count: Number(r.n) }));
}

/** [from, to) as the whole months inside it (YYYY-MM) and the day ranges left at its edges. */
export function splitRange(from: string, to: string): { months: string[]; days: [string, string][] } {
  const monthAfter = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 1)).toISOString().slice(0, 7);
  const first = from.endsWith('-01') ? from.slice(0, 7) : monthAfter(from.slice(0, 7));
  const months: string[] = [];
  for (let m = first; `${monthAfter(m)}-01` <= to; m = monthAfter(m)) months.push(m);
  if (!months.length) return { months, days: [[from, to]] };
  const start = `${months[0]}-01`;
  const end = `${monthAfter(months[months.length - 1]!)}-01`;
  return { months, days: [...(from < start ? [[from, start] as [string, string]] : []), ...(end < to ? [[end, to] as [string, string]] : [])] };
}

/**
 * Losses of the period (entries of lost stages) counted by a key (owner, stage lost at, or each product on the deal's
 * lines: a deal with two lines of a product counts once there) and reason.
 */
export async function rejectionCounts(db: Executor, f: EntryFilter, by: 'owner' | 'product' | 'stage') {
  const base = filtered(db, entries(db), f).where('e.stage_id', 'in', closedStages(db, 'lost'));
  const rows =
    by === 'product'
      ? await base
          .innerJoin('deal_lines as l', 'l.deal_id', 'e.deal_id')
          .where('l.product_id', 'is not', null)
          .select([sql<string>`l.product_id`.as('key'), 'e.lost_reason_id', sql<number>`count(DISTINCT e.deal_id || e.stage_id)`.as('n')])
          .groupBy(['l.product_id', 'e.lost_reason_id'])
          .execute()
      : await base
          .select([sql<string>`${sql.ref(by === 'owner' ? 'e.owner_id' : 'e.from_stage_id')}`.as('key'), 'e.lost_reason_id', sql<number>`count(*)`.as('n')])
          .groupBy([by === 'owner' ? 'e.owner_id' : 'e.from_stage_id', 'e.lost_reason_id'])
          .execute();
  return rows.map((r) => ({ key: r.key as string | null, reasonId: r.lost_reason_id ?? null, count: Number(r.n) }));
}

/** Won deals of the period (entries of won stages of any pipeline) per owner. */
export async function wonByOwner(db: Executor, f: EntryFilter) {
  const rows = await filtered(db, entries(db), f).where('e.stage_id', 'in', closedStages(db, 'won')).select(['e.owner_id', sql<number>`count(*)`.as('n')]).groupBy('e.owner_id').execute();
  return rows.map((r) => ({ ownerId: r.owner_id, count: Number(r.n) }));
}

/** Deals created in the period per owner. */
export async function createdByOwner(db: Executor, range: { from: string; to: string; owners: string[] | null }) {
  let q = db.selectFrom('deals').where('created_at', '>=', range.from).where('created_at', '<', range.to);
  if (range.owners) q = q.where('owner_id', 'in', range.owners);
  const rows = await q.select(['owner_id', sql<number>`count(*)`.as('n')]).groupBy('owner_id').execute();
  return rows.map((r) => ({ ownerId: r.owner_id, count: Number(r.n) }));
}

/** Calls, meetings and proposals done in the period (whole UTC days) per owner and type, from the daily done counts. */
export async function activitiesDone(db: Executor, range: { from: string; to: string; owners: string[] | null }) {
  let q = db.selectFrom('activity_done_counts').where('done_date', '>=', range.from).where('done_date', '<', range.to).where('type', 'in', ['call', 'meeting', 'proposal']);
  if (range.owners) q = q.where('owner_id', 'in', range.owners);
  const rows = await q.select(['owner_id', 'type', sql<number>`sum(n)`.as('n')]).groupBy(['owner_id', 'type']).execute();
  return rows.map((r) => ({ ownerId: r.owner_id, type: r.type, count: Number(r.n) }));
}

/** Department ids of the subtree rooted at `id` (itself included). */
export async function departmentTree(db: Executor, id: string): Promise<string[]> {
  const all = await db.selectFrom('departments').select(['id', 'parent_id']).execute();
  return subtree(all, id);
}

export async function productGroupTree(db: Executor, id: string): Promise<string[]> {
  const all = await db.selectFrom('product_groups').select(['id', 'parent_id']).execute();
  return subtree(all, id);
}

function subtree(rows: { id: string; parent_id: string | null }[], root: string): string[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const r of rows) if (r.parent_id === out[i] && !out.includes(r.id)) out.push(r.id);
  return out;
}

export async function usersOf(db: Executor, departmentIds: string[] | null) {
  let q = db.selectFrom('users').select(['id', 'name', 'department_id']);
  if (departmentIds) q = q.where('department_id', 'in', departmentIds);
  return q.execute();
}

export async function namesOf(db: Executor, table: 'departments' | 'products' | 'stages' | 'lost_reasons', ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
