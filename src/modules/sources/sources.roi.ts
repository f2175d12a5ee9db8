import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { monthsOf, periodRange } from '../../shared/periods.js';
import { baseCurrency, convertAmount } from '../products/index.js';
import * as repo from './sources.repository.js';
import type { RoiQuery, RoiReport, RoiRow } from './sources.schema.js';

/**
 * ROI of sources over a period, by channel or by channel + campaign:
 * - leads = deals CREATED in the period with the source (the user's deal read scope);
 * - new companies = companies created in the period whose source is the channel (company read scope; by channel only);
 * - won / revenue = deals WON (closed in a won stage) in the period, amounts in the base currency by the rate
 *   of the closing day; cost = the costs of the period's months in the base currency by the rate of the
 *   month's first day (costs are company-wide, not scoped);
 * - cost per lead = cost / leads, cost per sale = cost / won (rounded minor units), ROI = (revenue - cost) / cost.
 * By campaign, a channel-wide cost (campaign '') pairs with the channel's deals without a campaign.
 */

interface Acc {
  leads: number;
  newCompanies: number | null;
  won: number;
  revenue: number;
  cost: number;
}

const keyOf = (channel: string | null, campaign: string | null) => JSON.stringify([channel, campaign]);
const div = (a: number, b: number) => (b > 0 ? Math.round(a / b) : null);
const finish = (channel: string | null, campaign: string | null, a: Acc): RoiRow => ({
  channel,
  campaign,
  ...a,
  costPerLead: a.cost > 0 ? div(a.cost, a.leads) : null,
  costPerSale: a.cost > 0 ? div(a.cost, a.won) : null,
  roi: a.cost > 0 ? (a.revenue - a.cost) / a.cost : null,
});

export async function roi(db: Db, p: Principal, q: RoiQuery): Promise<RoiReport> {
  const { from, to } = periodRange(q.period);
  const dealOwners = ownerFilter(p, scopeOf(p, 'deal', 'read'));
  const companyOwners = ownerFilter(p, scopeOf(p, 'company', 'read'));
  const base = await baseCurrency(db);
  const unconverted = new Set<string>();
  const toBase = async (amount: number, currency: string, date: string): Promise<number | null> => {
    if (currency === base) return amount;
    try {
      return await convertAmount(db, amount, currency, base, date);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'exchange_rate.missing') throw err;
      unconverted.add(currency);
      return null;
    }
  };

  const byCampaign = q.by === 'campaign';
  const rows = new Map<string, { channel: string | null; campaign: string | null; acc: Acc }>();
  const at = (channel: string | null, campaign: string | null) => {
    const c = byCampaign && channel !== null ? (campaign ?? '') : null;
    const k = keyOf(channel, c);
    let r = rows.get(k);
    if (!r) rows.set(k, (r = { channel, campaign: c, acc: { leads: 0, newCompanies: byCampaign ? null : 0, won: 0, revenue: 0, cost: 0 } }));
    return r.acc;
  };

  const [leads, won, companies, costs] = await Promise.all([
    repo.leadFacts(db, from, to, dealOwners),
    repo.wonFacts(db, from, to, dealOwners),
    byCampaign ? Promise.resolve([]) : repo.companyFacts(db, from, to, companyOwners),
    repo.costFacts(db, monthsOf(q.period)),
  ]);
  for (const l of leads) at(l.channel, l.campaign).leads += Number(l.count);
  for (const w of won) {
    const amount = await toBase(Number(w.amount), w.currency, w.day);
    const acc = at(w.channel, w.campaign);
    acc.won += Number(w.count);
    if (amount !== null) acc.revenue += amount;
  }
  for (const c of companies) {
    const acc = at(c.channel, null);
    acc.newCompanies = (acc.newCompanies ?? 0) + Number(c.count);
  }
  for (const c of costs) {
    const amount = await toBase(Number(c.amount), c.currency, `${c.month}-01`);
    if (amount !== null) at(c.channel, c.campaign).cost += amount;
  }

  const list = [...rows.values()]
    .map((r) => finish(r.channel, r.campaign, r.acc))
    .sort((a, b) => b.revenue - a.revenue || (a.channel ?? '\uffff').localeCompare(b.channel ?? '\uffff') || (a.campaign ?? '').localeCompare(b.campaign ?? ''));
  const sum = (f: (r: RoiRow) => number) => list.reduce((s, r) => s + f(r), 0);
  const total = finish(null, null, {
    leads: sum((r) => r.leads),
    newCompanies: byCampaign ? null : sum((r) => r.newCompanies ?? 0),
    won: sum((r) => r.won),
    revenue: sum((r) => r.revenue),
    cost: sum((r) => r.cost),
  });
  return { period: q.period, from, to, currency: base, rows: list, total, unconverted: [...unconverted].sort() };
}

/** Channels with their campaigns, from the deals of the user's scope and the costs. */
export async function channels(db: Db, p: Principal) {
  const names = await repo.channelNames(db, ownerFilter(p, scopeOf(p, 'deal', 'read')));
  const map = new Map<string, Set<string>>();
  for (const n of names) {
    if (!n.channel) continue;
    const set = map.get(n.channel) ?? new Set<string>();
    if (n.campaign) set.add(n.campaign);
    map.set(n.channel, set);
  }
  return {
    channels: [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([channel, set]) => ({ channel, campaigns: [...set].sort() })),
  };
}
