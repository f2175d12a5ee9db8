import type { Executor } from '../../platform/db/database.js';
import { closedStages, entries, filtered, type EntryFilter } from './funnels.repository.js';

/** SQL of the drill-downs: the deals and the activities behind a funnel number, in keyset pages. */

export interface DealDrillFilter extends EntryFilter {
  /** entered: deals that entered `stageId`; lost / won: entries of the lost / won stages; created: deals created */
  measure: 'entered' | 'lost' | 'won' | 'created';
  /** entered: the stage; lost: the open stage lost at (null: any) */
  stageId: string | null;
  /** lost: one reason ('none': without) */
  lostReasonId?: string;
  /** deals without a manager only */
  ownerless: boolean;
  /** deals with a line of this product too */
  lineProductId?: string;
}

export type After = { at: string; id: string } | null;

const linesOf = (db: Executor, productId: string) => db.selectFrom('deal_lines').select('deal_id').where('product_id', '=', productId);

/** Deals behind a number of the entries, ordered by the time they entered (keyset on entered_at, deal id). */
export async function drillEntries(db: Executor, f: DealDrillFilter, limit: number, after: After) {
  let q = filtered(db, entries(db), f)
    .innerJoin('deals as d', 'd.id', 'e.deal_id')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .leftJoin('companies as c', 'c.id', 'd.company_id')
    .leftJoin('users as u', 'u.id', 'd.owner_id')
    .select(['d.id', 'd.title', 'd.company_id', 'c.name as company_name', 'd.owner_id', 'u.name as owner_name', 'd.amount', 'd.currency', 'd.stage_id', 's.name as stage_name', 's.kind', 'e.entered_at']);
  if (f.measure === 'entered') q = q.where('e.stage_id', '=', f.stageId!);
  else q = q.where('e.stage_id', 'in', closedStages(db, f.measure === 'won' ? 'won' : 'lost'));
  if (f.measure === 'lost' && f.stageId) q = q.where('e.from_stage_id', '=', f.stageId);
  if (f.lostReasonId === 'none') q = q.where('e.lost_reason_id', 'is', null);
  else if (f.lostReasonId) q = q.where('e.lost_reason_id', '=', f.lostReasonId);
  if (f.ownerless) q = q.where('e.owner_id', 'is', null);
  if (f.lineProductId) q = q.where('e.deal_id', 'in', linesOf(db, f.lineProductId));
  if (after) q = q.where((eb) => eb.or([eb('e.entered_at', '>', after.at), eb.and([eb('e.entered_at', '=', after.at), eb('e.deal_id', '>', after.id)])]));
  return q.orderBy('e.entered_at').orderBy('e.deal_id').limit(limit).execute();
}

/** Deals created in the period (the activity funnel's deals), by creation time (keyset on created_at, id). */
export async function drillCreated(db: Executor, f: DealDrillFilter, limit: number, after: After) {
  let q = db
    .selectFrom('deals as d')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .leftJoin('companies as c', 'c.id', 'd.company_id')
    .leftJoin('users as u', 'u.id', 'd.owner_id')
    .select(['d.id', 'd.title', 'd.company_id', 'c.name as company_name', 'd.owner_id', 'u.name as owner_name', 'd.amount', 'd.currency', 'd.stage_id', 's.name as stage_name', 's.kind', 'd.created_at as entered_at'])
    .where('d.created_at', '>=', f.from)
    .where('d.created_at', '<', f.to);
  if (f.owners) q = q.where('d.owner_id', 'in', f.owners);
  if (f.ownerless) q = q.where('d.owner_id', 'is', null);
  if (f.pipelineId) q = q.where('d.pipeline_id', '=', f.pipelineId);
  if (f.companyId) q = q.where('d.company_id', '=', f.companyId);
  for (const product of [f.productId, f.lineProductId]) if (product) q = q.where('d.id', 'in', linesOf(db, product));
  if (f.productGroupIds) {
    const groups = f.productGroupIds;
    q = q.where('d.id', 'in', db.selectFrom('deal_lines as l').innerJoin('products as pr', 'pr.id', 'l.product_id').select('l.deal_id').where('pr.group_id', 'in', groups));
  }
  if (after) q = q.where((eb) => eb.or([eb('d.created_at', '>', after.at), eb.and([eb('d.created_at', '=', after.at), eb('d.id', '>', after.id)])]));
  return q.orderBy('d.created_at').orderBy('d.id').limit(limit).execute();
}

/** Activities of a type done in the period by the given owners (null: every owner), by the time done (keyset on done_at, id). */
export async function drillActivities(db: Executor, f: { from: string; to: string; owners: string[] | null; type: string }, limit: number, after: After) {
  let q = db
    .selectFrom('activities as a')
    .leftJoin('companies as c', 'c.id', 'a.company_id')
    .leftJoin('users as u', 'u.id', 'a.owner_id')
    .select(['a.id', 'a.type', 'a.direction', 'a.done_at', 'a.subject', 'a.company_id', 'c.name as company_name', 'a.owner_id', 'u.name as owner_name', 'a.result', 'a.call_result'])
    .where('a.done_at', '>=', f.from)
    .where('a.done_at', '<', f.to)
    .where('a.type', '=', f.type);
  if (f.owners) q = q.where('a.owner_id', 'in', f.owners);
  if (after) q = q.where((eb) => eb.or([eb('a.done_at', '>', after.at), eb.and([eb('a.done_at', '=', after.at), eb('a.id', '>', after.id)])]));
  return q.orderBy('a.done_at').orderBy('a.id').limit(limit).execute();
}
