/**
 * Forecast math (pure).
 * - Weighted pipeline: each open deal counts amount x probability (the deal's own, else its stage's), in the month
 *   of its expected close date; a date in a past month counts in the current month (overdue deals are still
 *   expected), a deal without a date is left out of the months.
 * - Historical: for each stage, among the closed (won or lost) deals of the history window that ever entered it,
 *   win rate = won / entered, and remaining days = the average of (closed_at - first entry into the stage) over
 *   the won ones. An open deal in that stage is expected to bring amount x win rate on today + remaining days.
 *   A stage no closed deal has passed falls back to the deal's probability and expected close date.
 * Amounts are minor units of the base currency, rounded per deal.
 */

const DAY = 86_400_000;

export interface OpenDeal {
  id: string;
  stageId: string;
  /** base currency; null when it cannot be converted */
  amount: number | null;
  /** effective probability, percent */
  probability: number;
  expectedCloseDate: string | null;
}

/** A closed deal's first entry into a stage. */
export interface StagePassage {
  dealId: string;
  stageId: string;
  enteredAt: string;
  won: boolean;
  closedAt: string;
}

export interface StageStats {
  entered: number;
  won: number;
  winRate: number | null;
  /** average days from entering the stage to winning; null without won deals */
  remainingDays: number | null;
}

export function stageStats(passages: readonly StagePassage[]): Map<string, StageStats> {
  const acc = new Map<string, { deals: Set<string>; won: number; days: number }>();
  for (const p of passages) {
    const a = acc.get(p.stageId) ?? { deals: new Set<string>(), won: 0, days: 0 };
    if (a.deals.has(p.dealId)) continue;
    a.deals.add(p.dealId);
    if (p.won) {
      a.won++;
      a.days += Math.max(0, Date.parse(p.closedAt) - Date.parse(p.enteredAt)) / DAY;
    }
    acc.set(p.stageId, a);
  }
  return new Map(
    [...acc].map(([stageId, a]) => [
      stageId,
      {
        entered: a.deals.size,
        won: a.won,
        winRate: a.deals.size ? Math.round((a.won / a.deals.size) * 10000) / 10000 : null,
        remainingDays: a.won ? Math.round((a.days / a.won) * 10) / 10 : null,
      },
    ]),
  );
}

export interface DealForecast {
  id: string;
  weighted: number | null;
  winRate: number | null;
  historical: number | null;
  /** the month the weighted pipeline counts the deal in */
  expectedMonth: string | null;
  historicalClose: string | null;
  historicalMonth: string | null;
}

const monthOf = (day: string | null, currentMonth: string): string | null => {
  if (!day) return null;
  const m = day.slice(0, 7);
  return m < currentMonth ? currentMonth : m;
};

export function forecastDeals(deals: readonly OpenDeal[], stats: ReadonlyMap<string, StageStats>, now: Date): DealForecast[] {
  const today = now.toISOString().slice(0, 10);
  const currentMonth = today.slice(0, 7);
  return deals.map((d) => {
    const s = stats.get(d.stageId);
    const known = s !== undefined && s.entered > 0;
    const winRate = known ? s.winRate : d.probability / 100;
    const close =
      known && s.remainingDays !== null ? new Date(now.getTime() + s.remainingDays * DAY).toISOString().slice(0, 10) : known ? null : d.expectedCloseDate;
    return {
      id: d.id,
      weighted: d.amount === null ? null : Math.round((d.amount * d.probability) / 100),
      winRate,
      historical: d.amount === null || winRate === null ? null : Math.round(d.amount * winRate),
      expectedMonth: monthOf(d.expectedCloseDate, currentMonth),
      historicalClose: close,
      historicalMonth: monthOf(close, currentMonth),
    };
  });
}

/** Per month of `months`: the weighted and the historical forecast. */
export function forecastByMonth(forecasts: readonly DealForecast[], months: readonly string[]): Map<string, { weighted: number; historical: number }> {
  const out = new Map(months.map((m) => [m, { weighted: 0, historical: 0 }]));
  for (const f of forecasts) {
    const w = f.expectedMonth ? out.get(f.expectedMonth) : undefined;
    if (w && f.weighted !== null) w.weighted += f.weighted;
    const h = f.historicalMonth ? out.get(f.historicalMonth) : undefined;
    if (h && f.historical !== null) h.historical += f.historical;
  }
  return out;
}
