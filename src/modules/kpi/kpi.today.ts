import type { Executor } from '../../platform/db/database.js';
import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import { periodRange } from '../../shared/periods.js';
import { utcToZoned, zonedToUtc } from '../../shared/zoned.js';
import { actualOf, factsFor, intersect, planOf, reversePlan } from '../plans/index.js';
import * as repo from './kpi.repository.js';
import type { TodayResponse } from './kpi.schema.js';

/**
 * "My numbers today": what the user did today (their local day), what is planned and overdue, the month plan vs
 * actual and what is left of it, and from the reverse conversion of the month's revenue plan how many deals,
 * proposals, meetings and calls are still needed today: ceil((needed - done before today) / remaining working
 * days, today included) - done today, never negative. The planner counts UTC days.
 */

const DAY = 86_400_000;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
const left = (plan: number | null | undefined, actual: number) => (plan === null || plan === undefined ? null : Math.max(0, plan - actual));

export async function myToday(db: Executor, p: Principal, defaultCountry: string, now = new Date()): Promise<TodayResponse> {
  const me = (await repo.activeUsers(db, [p.id]))[0];
  const tz = me?.time_zone ?? 'UTC';
  const today = utcToZoned(now, tz).date;
  const month = today.slice(0, 7);
  const dealOwners = intersect([p.id], ownerFilter(p, scopeOf(p, 'deal', 'read')));
  const activityOwners = intersect([p.id], ownerFilter(p, scopeOf(p, 'activity', 'read')));
  const dayFrom = zonedToUtc(today, '00:00', tz);
  const dayTo = zonedToUtc(nextDay(today), '00:00', tz);
  const { from, to } = periodRange(month);
  const todayFacts = await factsFor(db, dealOwners, activityOwners, dayFrom, dayTo, now);
  const todayActual = await actualOf(todayFacts, dealOwners, activityOwners);
  const monthFacts = await factsFor(db, dealOwners, activityOwners, from, to, now);
  const monthActual = await actualOf(monthFacts, dealOwners, activityOwners);
  const plan = await planOf(db, { kind: 'user', id: p.id, name: p.name }, month);
  const planner = await reversePlan(db, p, { targetKind: 'user', targetId: p.id, period: month, historyMonths: 6 }, defaultCountry, now);
  const scheduled = activityOwners?.length ? await repo.scheduledOn(db, p.id, today) : [];
  const overdue = (await repo.overdueByOwner(db, activityOwners, now.toISOString()))[0]?.n ?? 0;
  const n = (type: string) => Number(scheduled.find((r) => r.type === type)?.n ?? 0);
  const doneToday = { deals: todayActual.deals ?? 0, proposals: todayActual.proposals ?? 0, meetings: todayActual.meetings ?? 0, calls: todayActual.calls ?? 0 };
  const neededToday = Object.fromEntries(
    planner.steps.map((s) => {
      if (s.needed === null || planner.remainingWorkingDays === 0) return [s.key, null];
      const before = s.done - doneToday[s.key];
      return [s.key, Math.max(0, Math.ceil(Math.max(0, s.needed - before) / planner.remainingWorkingDays) - doneToday[s.key])];
    }),
  ) as TodayResponse['neededToday'];
  const actual = { revenue: monthActual.revenue ?? 0, deals: monthActual.deals ?? 0, calls: monthActual.calls ?? 0, meetings: monthActual.meetings ?? 0, proposals: monthActual.proposals ?? 0 };
  const pv = plan?.values ?? null;
  return {
    date: today,
    month,
    baseCurrency: monthFacts.conv.base,
    done: { ...doneToday, activities: todayFacts.done.filter((r) => r.type !== 'note').reduce((s, r) => s + r.n, 0), won: doneToday.deals, wonRevenue: todayActual.revenue ?? 0 },
    scheduled: { calls: n('call'), meetings: n('meeting'), proposals: n('proposal'), activities: scheduled.reduce((s, r) => s + Number(r.n), 0) },
    overdue,
    plan: pv && { revenue: pv.revenue, deals: pv.deals, calls: pv.calls, meetings: pv.meetings, proposals: pv.proposals },
    actual,
    left: {
      revenue: left(pv?.revenue, actual.revenue),
      deals: left(pv?.deals, actual.deals),
      calls: left(pv?.calls, actual.calls),
      meetings: left(pv?.meetings, actual.meetings),
      proposals: left(pv?.proposals, actual.proposals),
    },
    remainingWorkingDays: planner.remainingWorkingDays,
    neededToday,
  };
}
