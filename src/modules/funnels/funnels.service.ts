import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { periodRange } from '../../shared/periods.js';
import { getPipeline } from '../pipelines/index.js';
import * as repo from './funnels.repository.js';
import { buildNumbers, emptyCounts, type Counts } from './funnels.numbers.js';
import type { FunnelQuery, FunnelReport } from './funnels.schema.js';

/** Funnel by manager / department / company, by client and by product (the drill-downs are in funnels.drill.ts). */

export interface PeriodInput {
  period?: string;
  from?: string;
  to?: string;
}

export interface DealFilterInput extends PeriodInput {
  ownerId?: string;
  departmentId?: string;
  companyId?: string;
  productId?: string;
  productGroupId?: string;
}

const MAX_DAYS = 3 * 366;

/** [from, to) of a period key or a custom range (at most three years). */
export function rangeOf(q: PeriodInput): { from: string; to: string } {
  if (q.period) {
    if (q.from || q.to) throw AppError.validation([{ field: q.from ? 'query.from' : 'query.to', code: 'funnel.period_and_range', message: 'give a period or a range, not both' }]);
    return periodRange(q.period);
  }
  if (!q.from || !q.to) {
    const field = q.from ? 'query.to' : q.to ? 'query.from' : 'query.period';
    throw AppError.validation([{ field, code: 'funnel.period_required', message: 'give a period, or from and to' }]);
  }
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
  if (!(days > 0)) throw AppError.validation([{ field: 'query.to', code: 'funnel.range_reversed', message: 'must be after from' }]);
  if (days > MAX_DAYS) throw AppError.validation([{ field: 'query.to', code: 'funnel.range_too_long', message: 'at most three years' }]);
  return { from: q.from, to: q.to };
}

/** Owners whose numbers the principal may see (by the resource's read scope) narrowed by the owner and department filters. */
export async function visibleOwners(db: Db, p: Principal, resource: 'deal' | 'activity', q: { ownerId?: string; departmentId?: string }): Promise<string[] | null> {
  let owners = ownerFilter(p, scopeOf(p, resource, 'read'));
  const narrow = (ids: string[]) => (owners = owners === null ? ids : owners.filter((o) => ids.includes(o)));
  if (q.ownerId) narrow([q.ownerId]);
  if (q.departmentId) narrow((await repo.usersOf(db, await repo.departmentTree(db, q.departmentId))).map((u) => u.id));
  return owners;
}

export async function entryFilter(db: Db, p: Principal, q: DealFilterInput, pipelineId: string | null): Promise<repo.EntryFilter> {
  return {
    pipelineId,
    ...rangeOf(q),
    owners: await visibleOwners(db, p, 'deal', q),
    companyId: q.companyId,
    productId: q.productId,
    productGroupIds: q.productGroupId ? await repo.productGroupTree(db, q.productGroupId) : undefined,
  };
}

export async function funnelReport(db: Db, p: Principal, q: FunnelQuery): Promise<FunnelReport> {
  const pipeline = await getPipeline(db, q.pipelineId);
  const f = await entryFilter(db, p, q, pipeline.id);
  const lostIds = pipeline.stages.filter((s) => s.kind === 'lost').map((s) => s.id);
  const empty = f.owners !== null && !f.owners.length;
  const counts = empty ? [] : await repo.stageCounts(db, f);
  const lost = empty ? [] : await repo.lostCounts(db, f, lostIds);
  const reasonNames = await repo.namesOf(db, 'lost_reasons', [...new Set(lost.flatMap((l) => (l.reasonId ? [l.reasonId] : [])))]);
  const users = await repo.usersOf(db, null);
  const userById = new Map(users.map((u) => [u.id, u]));
  const keyOf = (ownerId: string | null): string | null => (q.groupBy === 'department' ? (ownerId ? (userById.get(ownerId)?.department_id ?? null) : null) : ownerId);
  const total = emptyCounts();
  const groups = new Map<string | null, Counts>();
  const groupOf = (ownerId: string | null) => {
    const key = keyOf(ownerId);
    const g = groups.get(key) ?? emptyCounts();
    groups.set(key, g);
    return g;
  };
  for (const c of counts) for (const target of q.groupBy === 'none' ? [total] : [total, groupOf(c.ownerId)]) target.add(c);
  for (const l of lost) for (const target of q.groupBy === 'none' ? [total] : [total, groupOf(l.ownerId)]) target.addLost(l);
  const names = q.groupBy === 'department' ? await repo.namesOf(db, 'departments', [...groups.keys()].filter((k): k is string => k !== null)) : new Map(users.map((u) => [u.id, u.name]));
  return {
    pipeline: { id: pipeline.id, name: pipeline.name },
    from: f.from,
    to: f.to,
    stages: pipeline.stages.map((s) => ({ id: s.id, name: s.name, kind: s.kind, plannedDays: s.plannedDays })),
    total: buildNumbers(pipeline, total, reasonNames),
    groups: [...groups]
      .map(([id, c]) => ({ id, name: id ? (names.get(id) ?? null) : null, numbers: buildNumbers(pipeline, c, reasonNames) }))
      .sort((a, b) => b.numbers.entered - a.numbers.entered || (a.name ?? '').localeCompare(b.name ?? '')),
  };
}
