import type { Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/index.js';
import { periodRange, shiftPeriod } from '../../shared/periods.js';
import { listHolidays, workSettingsOf } from '../worktime/index.js';
import * as actuals from './actuals.repository.js';
import { planOf, actualOf, factsFor } from './progress.service.js';
import { ratesOf, reverseConversion, workingDaysBetween, type StepKey, type WorkCalendar } from './planner.js';
import type { PlannerQuery, PlannerResponse, Target } from './plans.schema.js';
import { readableTarget, scopedOwners } from './targets.js';

/**
 * The reverse conversion planner over the database. The history window of a period that has ended is the
 * `historyMonths` whole months before it started; of a current or future period, the last `historyMonths` months up to and
 * including today (the day of the month capped at 28). Done counts
 * are those of the period so far; scheduled are open activities planned for days of the period (deals: open
 * deals expected to close in it). Working days follow the user's working calendar and their country's holidays;
 * a department or the company uses Monday to Friday and the instance's default country. Days are UTC days.
 */

const defaultWorkDays = [1, 2, 3, 4, 5];

export async function calendarFor(db: Executor, target: Target, defaultCountry: string, from: string, to: string): Promise<WorkCalendar> {
  const settings = target.kind === 'user' ? (await workSettingsOf(db, [target.id!])).get(target.id!) : undefined;
  const country = settings?.holidayCountry ?? defaultCountry;
  const days = await listHolidays(db, { country, from, to });
  return {
    workDays: settings?.workDays ?? defaultWorkDays,
    holidays: days.filter((h) => !h.isWorkday).map((h) => h.date),
    workingDays: days.filter((h) => h.isWorkday).map((h) => h.date),
  };
}

export function historyWindow(period: { from: string; to: string }, months: number, now: Date): { from: string; to: string } {
  const today = now.toISOString().slice(0, 10);
  const periodFrom = period.from;
  if (period.to <= today) return { from: `${shiftPeriod(periodFrom.slice(0, 7), -months)}-01`, to: periodFrom };
  const day = Math.min(Number(today.slice(8, 10)), 28);
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: `${shiftPeriod(today.slice(0, 7), -months)}-${String(day).padStart(2, '0')}`, to: tomorrow };
}

const byType = (rows: { type: string; n: number }[], type: string) => rows.filter((r) => r.type === type).reduce((s, r) => s + r.n, 0);

export async function reversePlan(db: Executor, p: Principal, q: PlannerQuery, defaultCountry: string, now = new Date()): Promise<PlannerResponse> {
  const target = await readableTarget(db, p, q.targetKind, q.targetId);
  const { from, to } = periodRange(q.period);
  const plan = q.revenue === undefined ? await planOf(db, target, q.period) : null;
  const revenue = q.revenue ?? plan?.values.revenue ?? null;
  const [dealOwners, activityOwners] = await Promise.all([scopedOwners(db, p, 'deal', target), scopedOwners(db, p, 'activity', target)]);
  const window = historyWindow({ from, to }, q.historyMonths, now);
  const past = await actualOf(await factsFor(db, dealOwners, activityOwners, window.from, window.to, now), dealOwners, activityOwners);
  const facts = await factsFor(db, dealOwners, activityOwners, from, to, now);
  const current = await actualOf(facts, dealOwners, activityOwners);
  const scheduled = await actuals.scheduledByOwner(db, activityOwners, from, to);
  const dealsScheduled = await actuals.openClosingIn(db, dealOwners, from, to);
  const today = now.toISOString().slice(0, 10);
  const calendar = await calendarFor(db, target, defaultCountry, from, to);
  const workingDays = workingDaysBetween(from, to, calendar);
  const remainingWorkingDays = workingDaysBetween(today > from ? today : from, to, calendar);
  const history = { won: past.deals ?? 0, wonRevenue: past.revenue ?? 0, proposals: past.proposals ?? 0, meetings: past.meetings ?? 0, calls: past.calls ?? 0 };
  const done: Record<StepKey, number> = { deals: current.deals ?? 0, proposals: current.proposals ?? 0, meetings: current.meetings ?? 0, calls: current.calls ?? 0 };
  const steps = reverseConversion({
    revenue,
    history,
    workingDays,
    remainingWorkingDays,
    done,
    scheduled: { deals: dealsScheduled, proposals: byType(scheduled, 'proposal'), meetings: byType(scheduled, 'meeting'), calls: byType(scheduled, 'call') },
  });
  return {
    target,
    period: q.period,
    baseCurrency: facts.conv.base,
    revenue,
    revenueSource: q.revenue !== undefined ? 'input' : revenue !== null ? 'plan' : 'none',
    history: { ...window, ...history, ...ratesOf(history) },
    workingDays,
    remainingWorkingDays,
    steps,
  };
}
