import type { Principal } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/database.js';
import * as repo from './funnels.repository.js';
import type { ActivityFunnel, ActivityNumbers, Rejections, RejectionsQuery } from './funnels.schema.js';
import { entryFilter, rangeOf, visibleOwners, type PeriodInput } from './funnels.service.js';

/** The activity funnel (calls -> meetings -> proposals -> deals -> won per manager) and the rejections report. */

const zero = (): ActivityNumbers => ({ calls: 0, meetings: 0, proposals: 0, deals: 0, won: 0 });
const stepOfType: Record<string, keyof ActivityNumbers> = { call: 'calls', meeting: 'meetings', proposal: 'proposals' };

/**
 * Per manager: calls, meetings and proposals done in the period (by the ACTIVITY read scope), deals created and
 * deals won in the period (by the DEAL read scope).
 */
export async function activityFunnel(db: Db, p: Principal, q: PeriodInput & { ownerId?: string; departmentId?: string }): Promise<ActivityFunnel> {
  const range = rangeOf(q);
  const activityOwners = await visibleOwners(db, p, 'activity', q);
  const dealOwners = await visibleOwners(db, p, 'deal', q);
  const none = (o: string[] | null) => o !== null && !o.length;
  const done = none(activityOwners) ? [] : await repo.activitiesDone(db, { ...range, owners: activityOwners });
  const created = none(dealOwners) ? [] : await repo.createdByOwner(db, { ...range, owners: dealOwners });
  const won = none(dealOwners) ? [] : await repo.wonByOwner(db, { ...range, pipelineId: null, owners: dealOwners });
  const byOwner = new Map<string, ActivityNumbers>();
  const total = zero();
  const add = (ownerId: string | null, key: keyof ActivityNumbers, n: number) => {
    total[key] += n;
    if (!ownerId) return;
    const row = byOwner.get(ownerId) ?? zero();
    row[key] += n;
    byOwner.set(ownerId, row);
  };
  for (const a of done) add(a.ownerId, stepOfType[a.type]!, a.count);
  for (const d of created) add(d.ownerId, 'deals', d.count);
  for (const w of won) add(w.ownerId, 'won', w.count);
  const names = new Map((await repo.usersOf(db, null)).map((u) => [u.id, u.name]));
  return {
    ...range,
    total,
    managers: [...byOwner]
      .map(([id, numbers]) => ({ id, name: names.get(id) ?? '', numbers }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
  };
}

/** Lost deals of the period by manager, product (each product on the deal's lines) or stage lost at, per lost reason. */
export async function rejections(db: Db, p: Principal, q: RejectionsQuery): Promise<Rejections> {
  const f = await entryFilter(db, p, q, q.pipelineId ?? null);
  const rows = f.owners !== null && !f.owners.length ? [] : await repo.rejectionCounts(db, f, q.by);
  const reasonIds = [...new Set(rows.map((r) => r.reasonId))];
  const reasonNames = await repo.namesOf(db, 'lost_reasons', reasonIds.filter((r): r is string => r !== null));
  const keys = [...new Set(rows.map((r) => r.key))].filter((k): k is string => k !== null);
  const keyNames =
    q.by === 'owner' ? new Map((await repo.usersOf(db, null)).map((u) => [u.id, u.name])) : await repo.namesOf(db, q.by === 'product' ? 'products' : 'stages', keys);
  const grouped = new Map<string | null, Map<string | null, number>>();
  for (const r of rows) {
    const m = grouped.get(r.key) ?? new Map<string | null, number>();
    m.set(r.reasonId, (m.get(r.reasonId) ?? 0) + r.count);
    grouped.set(r.key, m);
  }
  const nameOfReason = (id: string | null) => (id ? (reasonNames.get(id) ?? null) : null);
  const out = [...grouped].map(([id, m]) => {
    const counts = [...m].map(([reasonId, count]) => ({ reasonId, name: nameOfReason(reasonId), count })).sort((a, b) => b.count - a.count);
    return { id, name: id ? (keyNames.get(id) ?? null) : null, counts, total: counts.reduce((n, c) => n + c.count, 0) };
  });
  out.sort((a, b) => b.total - a.total || (a.name ?? '').localeCompare(b.name ?? ''));
  return {
    from: f.from,
    to: f.to,
    reasons: reasonIds.map((id) => ({ id, name: nameOfReason(id) })).sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff')),
    rows: out,
    // a deal with several products shows in several product rows: the total counts each loss once
    total: q.by === 'product' ? await countLost(db, f) : out.reduce((n, r) => n + r.total, 0),
  };
}

async function countLost(db: Db, f: repo.EntryFilter): Promise<number> {
  if (f.owners !== null && !f.owners.length) return 0;
  return (await repo.rejectionCounts(db, f, 'stage')).reduce((n, r) => n + r.count, 0);
}
