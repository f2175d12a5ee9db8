import type { Principal } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { getPipeline, stageById, type Pipeline } from '../pipelines/index.js';
import * as repo from './funnels.drill.repository.js';
import type { FunnelActivitiesQuery, FunnelActivity, FunnelDeal, FunnelDealsQuery } from './funnels.schema.js';
import { entryFilter, rangeOf, visibleOwners } from './funnels.service.js';

/**
 * The drill-downs: the deals behind a number of the sales funnel, the rejections or the activity funnel, and the
 * activities behind the activity funnel's calls, meetings and proposals. Each reads the rows its number counts,
 * with the same filters and the viewer's read scope, so a list is as long as its number.
 */

const invalid = (field: string, code: string, message: string) => AppError.validation([{ field, code, message }]);

function afterOf(cursor: string | undefined): repo.After {
  if (!cursor) return null;
  const c = decodeCursor(cursor);
  if (typeof c.v !== 'string') throw invalid('cursor', 'validation.cursor_invalid', 'is not a cursor from this list');
  return { at: c.v, id: c.id };
}

function page<R, T extends { id: string }>(rows: R[], limit: number, map: (r: R) => T, at: (t: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit).map(map);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ v: at(last), id: last.id }) : null };
}

/**
 * The stage a drill names. entered: a stage of the pipeline. lost: an open stage (of the pipeline when one is
 * given), a deleted one too (the rejections by stage still count the deals lost there).
 */
async function drillStage(db: Db, q: FunnelDealsQuery, pipeline: Pipeline | null): Promise<string | null> {
  if (!q.stageId) return null;
  const unknown = () => invalid('query.stageId', 'funnel.stage_unknown', 'not a stage of the pipeline');
  if (q.measure === 'entered') {
    if (!pipeline?.stages.some((s) => s.id === q.stageId)) throw unknown();
    return q.stageId;
  }
  const stage = await stageById(db, q.stageId);
  if (!stage || (pipeline && stage.pipelineId !== pipeline.id)) throw unknown();
  if (stage.kind !== 'open') throw invalid('query.measure', 'funnel.lost_needs_open_stage', 'deals are lost at open stages');
  return stage.id;
}

/** The deals behind a number: entered a stage, lost (at a stage, for a reason, with a product), won or created in the period. */
export async function funnelDeals(db: Db, p: Principal, q: FunnelDealsQuery): Promise<{ items: FunnelDeal[]; nextCursor: string | null }> {
  const pipeline = q.pipelineId ? await getPipeline(db, q.pipelineId) : null;
  const stageId = await drillStage(db, q, pipeline);
  const after = afterOf(q.cursor);
  const ownerless = q.ownerId === 'none';
  const f = await entryFilter(db, p, { ...q, ownerId: ownerless ? undefined : q.ownerId }, pipeline?.id ?? null);
  // Deals without a manager are in the all scope only, and in no manager's or department's numbers.
  if (f.owners !== null && (!f.owners.length || ownerless)) return { items: [], nextCursor: null };
  const filter: repo.DealDrillFilter = { ...f, measure: q.measure, stageId, lostReasonId: q.lostReasonId, ownerless, lineProductId: q.lineProductId };
  const rows = await (q.measure === 'created' ? repo.drillCreated : repo.drillEntries)(db, filter, q.limit + 1, after);
  const deal = (r: (typeof rows)[number]): FunnelDeal => ({
    id: r.id,
    title: r.title,
    companyId: r.company_id,
    companyName: r.company_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    amount: Number(r.amount),
    currency: r.currency,
    stageId: r.stage_id,
    stageName: r.stage_name,
    status: r.kind as FunnelDeal['status'],
    enteredAt: r.entered_at,
  });
  return page(rows, q.limit, deal, (d) => d.enteredAt);
}

/** The calls, meetings or proposals done in the period behind the activity funnel (the activity read scope). */
export async function funnelActivities(db: Db, p: Principal, q: FunnelActivitiesQuery): Promise<{ items: FunnelActivity[]; nextCursor: string | null }> {
  const range = rangeOf(q);
  const after = afterOf(q.cursor);
  const owners = await visibleOwners(db, p, 'activity', q);
  if (owners !== null && !owners.length) return { items: [], nextCursor: null };
  const rows = await repo.drillActivities(db, { ...range, owners, type: q.type }, q.limit + 1, after);
  const activity = (r: (typeof rows)[number]): FunnelActivity => ({
    id: r.id,
    type: r.type as FunnelActivity['type'],
    direction: r.direction as FunnelActivity['direction'],
    doneAt: r.done_at!,
    subject: r.subject,
    companyId: r.company_id,
    companyName: r.company_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    result: r.result,
    callResult: r.call_result,
  });
  return page(rows, q.limit, activity, (a) => a.doneAt);
}
