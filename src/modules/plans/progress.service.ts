import type { Executor } from '../../platform/db/database.js';
import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import { monthsOf, periodKindOf, periodRange } from '../../shared/periods.js';
import * as actuals from './actuals.repository.js';
import { baseConverter, rateDay, sumInBase, type BaseConverter } from './base-money.js';
import * as repo from './plans.repository.js';
import { measureKeys, type ActualValues, type PlanValues, type ProgressResponse, type ProgressRow, type Target, type TargetKind } from './plans.schema.js';
import { plansOf } from './plans.service.js';
import { intersect, ownersOfTarget, planVisibility, storedTargetId, type Owners } from './targets.js';

/**
 * Plan vs actual, computed live from the facts:
 * - revenue: won deals closed in the period (UTC days), converted to the base currency by the rates of the
 *   period's last day (today while it lasts); deals: how many were won;
 * - calls, meetings, proposals: done activities of the type with done_at in the period.
 * A department's actual covers the users of it and its subdepartments. A quarter, half-year or year without a
 * plan of its own shows the sum of its months' plans (measure by measure, over the months that plan it).
 * Deal numbers follow the viewer's deal read scope, activity numbers their activity read scope.
 */

const emptyPlan = (): PlanValues => ({ revenue: null, deals: null, calls: null, meetings: null, proposals: null });

function sumPlans(rows: readonly PlanValues[]): PlanValues {
  const out = emptyPlan();
  for (const r of rows) for (const k of measureKeys) if (r[k] !== null) out[k] = (out[k] ?? 0) + r[k];
  return out;
}

export const percentOf = (actual: number, plan: number | null): number | null => (plan ? Math.round((actual / plan) * 1000) / 10 : null);

const activityMeasure: Record<string, 'calls' | 'meetings' | 'proposals'> = { call: 'calls', meeting: 'meetings', proposal: 'proposals' };

export interface Facts {
  won: Awaited<ReturnType<typeof actuals.wonByOwner>>;
  done: Awaited<ReturnType<typeof actuals.doneByOwner>>;
  conv: BaseConverter;
}

export async function factsFor(db: Executor, dealOwners: Owners, activityOwners: Owners, from: string, to: string, now: Date): Promise<Facts> {
  const [won, done, conv] = await Promise.all([
    actuals.wonByOwner(db, dealOwners, from, to),
    actuals.doneByOwner(db, activityOwners, from, to),
    baseConverter(db, rateDay(to, now)),
  ]);
  return { won, done, conv };
}

const among = (owners: Owners) => {
  const set = owners && new Set(owners);
  return (id: string | null) => set === null || (id !== null && set.has(id));
};

/** The actual values of the owners (already narrowed to what the viewer may read). */
export async function actualOf(f: Facts, dealOwners: Owners, activityOwners: Owners): Promise<ActualValues> {
  const inDeals = among(dealOwners);
  const inActivities = among(activityOwners);
  const won = f.won.filter((r) => inDeals(r.ownerId));
  const { total, unconverted } = await sumInBase(f.conv, won);
  const out: ActualValues = { revenue: total, deals: won.reduce((s, r) => s + r.n, 0), calls: 0, meetings: 0, proposals: 0, unconverted };
  for (const r of f.done) {
    const m = activityMeasure[r.type];
    if (m && inActivities(r.ownerId)) out[m]! += r.n;
  }
  return out;
}

/** The plan of a target for a period: its own, else the sum of its months' plans (null when neither exists). */
export async function planOf(db: Executor, target: Target, period: string): Promise<{ id: string | null; derived: boolean; values: PlanValues } | null> {
  const months = periodKindOf(period) === 'month' ? [] : monthsOf(period);
  const rows = await repo.listPlans(db, { periods: [period, ...months], targetKind: target.kind, targetId: storedTargetId(target.kind, target.id) }, null);
  const own = rows.find((r) => r.period === period);
  if (own) return { id: own.id, derived: false, values: (await plansOf(db, [own]))[0]! };
  if (!rows.length) return null;
  const plans = await plansOf(db, rows);
  return { id: null, derived: true, values: sumPlans(plans) };
}

export async function progress(db: Executor, p: Principal, q: { period: string; targetKind?: TargetKind; targetId?: string }, now = new Date()): Promise<ProgressResponse> {
  const visible = await planVisibility(db, p, 'read');
  const months = periodKindOf(q.period) === 'month' ? [] : monthsOf(q.period);
  const rows = await repo.listPlans(
    db,
    { periods: [q.period, ...months], targetKind: q.targetKind, targetId: q.targetKind && q.targetId !== undefined ? storedTargetId(q.targetKind, q.targetId) : undefined },
    visible,
  );
  const plans = await plansOf(db, rows);
  const byTarget = new Map<string, typeof plans>();
  for (const plan of plans) {
    const key = `${plan.target.kind}:${plan.target.id ?? ''}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), plan]);
  }
  const dealScope = ownerFilter(p, scopeOf(p, 'deal', 'read'));
  const activityScope = ownerFilter(p, scopeOf(p, 'activity', 'read'));
  const targets = [...byTarget.values()].map((list) => list[0]!.target);
  const ownersByTarget = new Map<string, Owners>(await Promise.all(targets.map(async (t) => [`${t.kind}:${t.id ?? ''}`, await ownersOfTarget(db, t.kind, t.id)] as const)));
  const all = [...ownersByTarget.values()];
  const union: Owners = all.some((o) => o === null) ? null : [...new Set(all.flatMap((o) => o ?? []))];
  const { from, to } = periodRange(q.period);
  const facts = await factsFor(db, intersect(union, dealScope), intersect(union, activityScope), from, to, now);
  const items: ProgressRow[] = [];
  for (const [key, list] of byTarget) {
    const own = list.find((x) => x.period === q.period);
    const plan = own ?? { ...sumPlans(list), id: null };
    const owners = ownersByTarget.get(key)!;
    const actual = await actualOf(facts, intersect(owners, dealScope), intersect(owners, activityScope));
    const percent = emptyPlan();
    for (const k of measureKeys) percent[k] = percentOf(actual[k] ?? 0, plan[k]);
    items.push({ target: list[0]!.target, period: q.period, planId: plan.id, derived: !own, plan: pick(plan), actual, percent });
  }
  const order: Record<TargetKind, number> = { company: 0, department: 1, user: 2 };
  items.sort((a, b) => order[a.target.kind] - order[b.target.kind] || (a.target.name ?? '').localeCompare(b.target.name ?? ''));
  return { baseCurrency: facts.conv.base, items };
}

const pick = (v: PlanValues): PlanValues => ({ revenue: v.revenue, deals: v.deals, calls: v.calls, meetings: v.meetings, proposals: v.proposals });
