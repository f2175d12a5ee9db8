import type { Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/index.js';
import { monthsOf, periodRange, shiftPeriod } from '../../shared/periods.js';
import * as actuals from './actuals.repository.js';
import { baseConverter } from './base-money.js';
import { forecastByMonth, forecastDeals, stageStats, type OpenDeal } from './forecast.js';
import type { ForecastQuery, ForecastResponse } from './plans.schema.js';
import { actualOf, factsFor, planOf } from './progress.service.js';
import { readableTarget, scopedOwners } from './targets.js';

/**
 * Both forecasts of a target for the months of a period, next to the month plans and the won revenue so far.
 * Open deals are read in groups (stage, currency, probability, expected close day), so a month's weighted sum is
 * rounded per group; amounts are converted at today's rates. Stage statistics come from the deals closed in the
 * `historyMonths` months up to today, within the viewer's deal scope and the target.
 */

const DRILL_DOWN = 50;

export async function forecast(db: Executor, p: Principal, q: ForecastQuery, now = new Date()): Promise<ForecastResponse> {
  const target = await readableTarget(db, p, q.targetKind, q.targetId);
  const owners = await scopedOwners(db, p, 'deal', target);
  const today = now.toISOString().slice(0, 10);
  const conv = await baseConverter(db, today);
  const historyFrom = `${shiftPeriod(today.slice(0, 7), -q.historyMonths)}-01`;
  const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  const [groups, passages, top, names] = await Promise.all([
    actuals.openDealGroups(db, owners),
    actuals.stagePassages(db, owners, historyFrom, tomorrow),
    actuals.topOpenDeals(db, owners, DRILL_DOWN),
    actuals.stageNames(db),
  ]);
  const stats = stageStats(passages.map((r) => ({ dealId: r.deal_id, stageId: r.to_stage_id, enteredAt: String(r.entered_at), won: r.kind === 'won', closedAt: r.closed_at! })));
  const unconverted = new Map<string, number>();
  const open: OpenDeal[] = [];
  for (const [i, g] of groups.entries()) {
    const amount = await conv.convert(g.amount, g.currency);
    if (amount === null) unconverted.set(g.currency, (unconverted.get(g.currency) ?? 0) + g.amount);
    open.push({ id: String(i), stageId: g.stage_id, amount, probability: g.probability, expectedCloseDate: g.expected_close_date });
  }
  const months = monthsOf(q.period);
  const byMonth = forecastByMonth(forecastDeals(open, stats, now), months);
  const monthRows = [];
  for (const month of months) {
    const { from, to } = periodRange(month);
    const [plan, won] = await Promise.all([planOf(db, target, month), factsFor(db, owners, [], from, to, now)]);
    const actual = await actualOf(won, owners, []);
    monthRows.push({ month, plan: plan?.values.revenue ?? null, actual: actual.revenue ?? 0, ...byMonth.get(month)! });
  }
  const topOpen: OpenDeal[] = [];
  for (const d of top) {
    topOpen.push({ id: d.id, stageId: d.stage_id, amount: await conv.convert(Number(d.amount), d.currency), probability: Number(d.probability), expectedCloseDate: d.expected_close_date });
  }
  const perDeal = forecastDeals(topOpen, stats, now);
  const stageName = new Map(names.map((s) => [s.id, s.name]));
  return {
    target,
    period: q.period,
    baseCurrency: conv.base,
    months: monthRows,
    stages: names
      .filter((s) => s.kind === 'open' && stats.has(s.id))
      .sort((a, b) => a.pipeline_id.localeCompare(b.pipeline_id) || a.sort - b.sort)
      .map((s) => ({ stageId: s.id, name: s.name, ...stats.get(s.id)! })),
    deals: top.map((d, i) => ({
      id: d.id,
      title: d.title,
      stageId: d.stage_id,
      stageName: stageName.get(d.stage_id) ?? '',
      amount: topOpen[i]!.amount,
      probability: Number(d.probability),
      weighted: perDeal[i]!.weighted,
      winRate: perDeal[i]!.winRate,
      historical: perDeal[i]!.historical,
      expectedClose: d.expected_close_date,
      historicalClose: perDeal[i]!.historicalClose,
    })),
    unconverted: [...unconverted].map(([currency, amount]) => ({ currency, amount })),
  };
}
