/**
 * The reverse conversion planner (pure): from a revenue target and a history of won deals and done activities,
 * how many deals, proposals, meetings and calls a period needs, in total and per working day.
 *
 * Definitions over the history window (the same owners, the same months):
 * - average deal = won revenue / won deals;
 * - proposal -> won = won deals / done proposals; meeting -> proposal = done proposals / done meetings;
 *   call -> meeting = done meetings / done calls (ratios of counts in the same window, not per-deal paths).
 * Needed counts round up at each step from the previous step's whole number:
 *   deals = ceil(revenue / average deal), proposals = ceil(deals / (proposal -> won)), meetings = ceil(proposals /
 *   (meeting -> proposal)), calls = ceil(meetings / (call -> meeting)); each is computed from the integer counts
 *   (e.g. proposals = ceil(deals x proposals_h / won_h)) so no floating-point ratio shifts a ceiling.
 * A step without a rate (nothing in the history to divide by) and every step after it is null.
 */

export const stepKeys = ['deals', 'proposals', 'meetings', 'calls'] as const;
export type StepKey = (typeof stepKeys)[number];

export interface History {
  won: number;
  /** minor units of the base currency */
  wonRevenue: number;
  proposals: number;
  meetings: number;
  calls: number;
}

export interface Rates {
  averageDeal: number | null;
  proposalToWon: number | null;
  meetingToProposal: number | null;
  callToMeeting: number | null;
}

export interface Step {
  key: StepKey;
  needed: number | null;
  perWorkingDay: number | null;
  done: number;
  scheduled: number;
  gap: number | null;
  perRemainingDay: number | null;
}

export interface PlannerInput {
  revenue: number | null;
  history: History;
  workingDays: number;
  remainingWorkingDays: number;
  done: Record<StepKey, number>;
  scheduled: Record<StepKey, number>;
}

const ratio = (a: number, b: number, digits = 4): number | null => (b > 0 ? Math.round((a / b) * 10 ** digits) / 10 ** digits : null);
const perDay = (n: number | null, days: number): number | null => (n === null || days <= 0 ? null : Math.round((n / days) * 10) / 10);

export function ratesOf(h: History): Rates {
  return {
    averageDeal: h.won > 0 ? Math.round(h.wonRevenue / h.won) : null,
    proposalToWon: ratio(h.won, h.proposals),
    meetingToProposal: ratio(h.proposals, h.meetings),
    callToMeeting: ratio(h.meetings, h.calls),
  };
}

/** ceil(n x num / den) in integers; null when the rate is unknown (den or num is 0) or n is null. */
const scale = (n: number | null, num: number, den: number): number | null =>
  n === null || num <= 0 || den <= 0 ? null : Math.ceil((n * num) / den);

/** Deals, proposals, meetings and calls the revenue needs (all null without a revenue target). */
export function neededCounts(revenue: number | null, h: History): Record<StepKey, number | null> {
  const deals = revenue === null ? null : scale(revenue, h.won, h.wonRevenue);
  const proposals = scale(deals, h.proposals, h.won);
  const meetings = scale(proposals, h.meetings, h.proposals);
  const calls = scale(meetings, h.calls, h.meetings);
  return { deals, proposals, meetings, calls };
}

export function reverseConversion(input: PlannerInput): Step[] {
  const needed = neededCounts(input.revenue, input.history);
  return stepKeys.map((key) => {
    const n = needed[key];
    const done = input.done[key];
    const scheduled = input.scheduled[key];
    return {
      key,
      needed: n,
      perWorkingDay: perDay(n, input.workingDays),
      done,
      scheduled,
      gap: n === null ? null : Math.max(0, n - done - scheduled),
      perRemainingDay: n === null ? null : perDay(Math.max(0, n - done), input.remainingWorkingDays),
    };
  });
}

/** A working calendar: ISO weekdays (1 = Monday) plus the days off and the transferred working days of a country. */
export interface WorkCalendar {
  workDays: readonly number[];
  holidays: readonly string[];
  workingDays: readonly string[];
}

const addDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Working days in [from, to) ('YYYY-MM-DD'): the calendar's weekdays except holidays, plus transferred working days. */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  const off = new Set(cal.holidays);
  const on = new Set(cal.workingDays);
  const weekdays = new Set(cal.workDays);
  let n = 0;
  for (let d = from; d < to; d = addDay(d)) {
    const weekday = ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    if (on.has(d) || (weekdays.has(weekday) && !off.has(d))) n++;
  }
  return n;
}
