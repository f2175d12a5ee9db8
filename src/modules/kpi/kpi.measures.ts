/**
 * Built-in manager KPIs of a period (pure), from the facts of one user:
 * - activities_done: done activities except notes; calls, meetings, proposals: done ones of the type;
 * - contacts: done calls, meetings, e-mails and letters; contacts_per_day: contacts per working day of the period
 *   elapsed so far (two decimals);
 * - won_count, lost_count: deals closed in the period; won_revenue: the won ones in the base currency (amounts
 *   without an exchange rate left out); avg_deal: won_revenue / the won deals it covers;
 * - conversion: won / (won + lost) x 100; cycle_days: average days from creating to winning a deal won in the period;
 * - plan_revenue, plan_execution: won_revenue / the user's revenue plan x 100;
 * - overdue: open activities whose promised time has passed (now, not per period).
 * Percentages and days have one decimal; a measure without a base (division by zero) is null.
 */

export const measureKeys = [
  'activities_done',
  'calls',
  'meetings',
  'proposals',
  'contacts',
  'contacts_per_day',
  'working_days',
  'won_count',
  'won_revenue',
  'lost_count',
  'conversion',
  'avg_deal',
  'cycle_days',
  'plan_revenue',
  'plan_execution',
  'overdue',
] as const;
export type MeasureKey = (typeof measureKeys)[number];
export type Measures = Record<MeasureKey, number | null>;

export interface UserFacts {
  /** done activities by type */
  done: Readonly<Record<string, number>>;
  won: number;
  wonRevenue: number;
  /** won deals whose amount converted to the base currency */
  wonConverted: number;
  lost: number;
  /** sum of the days from creation to the win over the won deals */
  cycleDays: number;
  workingDays: number;
  planRevenue: number | null;
  overdue: number;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const div = (a: number, b: number | null, digits: number, times = 1): number | null => (b ? round((a / b) * times, digits) : null);
const contactTypes = ['call', 'meeting', 'email', 'letter'];

export function measuresOf(f: UserFacts): Measures {
  const n = (type: string) => f.done[type] ?? 0;
  const contacts = contactTypes.reduce((s, t) => s + n(t), 0);
  return {
    activities_done: Object.entries(f.done).reduce((s, [type, k]) => (type === 'note' ? s : s + k), 0),
    calls: n('call'),
    meetings: n('meeting'),
    proposals: n('proposal'),
    contacts,
    contacts_per_day: div(contacts, f.workingDays, 2),
    working_days: f.workingDays,
    won_count: f.won,
    won_revenue: f.wonRevenue,
    lost_count: f.lost,
    conversion: div(f.won, f.won + f.lost, 1, 100),
    avg_deal: f.wonConverted ? Math.round(f.wonRevenue / f.wonConverted) : null,
    cycle_days: div(f.cycleDays, f.won, 1),
    plan_revenue: f.planRevenue,
    plan_execution: div(f.wonRevenue, f.planRevenue, 1, 100),
    overdue: f.overdue,
  };
}
