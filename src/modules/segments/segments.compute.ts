import type { Executor } from '../../platform/db/database.js';
import type { CompanySegmentTable, ProductSegmentTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { baseCurrency, convertAmount } from '../products/index.js';
import { abcClasses, bcgMatrix, coefficientOfVariation, daysBetween, monthsBefore, rfmScores, xyzClass } from './segments.math.js';
import * as repo from './segments.repository.js';
import type { SegmentSettings } from './segments.schema.js';

/**
 * Computes every class from the facts (won deals and their lines):
 * - the analysis date is the first day of the month of `asOf`; every window is whole calendar months before it;
 * - client revenue = won deals' amounts; client margin = the lines' net minus the product's cost x quantity
 *   where the cost is known (deals without lines count with their amount); product revenue = lines' net,
 *   product margin = net minus cost; a bundle line counts as one item (the bundle product);
 * - money in the base currency by the rates of each closing day (sums of a day and currency are converted
 *   once); currencies without a rate are left out and reported;
 * - XYZ uses monthly revenue over xyzMonths (months without sales count as 0); an object whose first sale is
 *   after the window's first month is "new" and gets no XYZ class.
 */

export interface ComputeResult {
  companies: CompanySegmentTable[];
  products: ProductSegmentTable[];
  unconverted: string[];
}

class Converter {
  readonly unconverted = new Set<string>();
  private constructor(
    private readonly db: Executor,
    readonly base: string,
  ) {}
  static async of(db: Executor) {
    return new Converter(db, await baseCurrency(db));
  }
  async toBase(amount: number, currency: string, date: string): Promise<number | null> {
    if (currency === this.base) return amount;
    try {
      return await convertAmount(this.db, amount, currency, this.base, date);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'exchange_rate.missing') throw err;
      this.unconverted.add(currency);
      return null;
    }
  }
}

/** Sums by object id and month. */
class Ledger {
  readonly byMonth = new Map<string, Map<string, number>>();
  add(id: string, month: string, v: number) {
    const m = this.byMonth.get(id) ?? new Map<string, number>();
    m.set(month, (m.get(month) ?? 0) + v);
    this.byMonth.set(id, m);
  }
  sum(id: string, months: Set<string>): number {
    let s = 0;
    for (const [k, v] of this.byMonth.get(id) ?? []) if (months.has(k)) s += v;
    return s;
  }
  series(id: string, months: string[]): number[] {
    const m = this.byMonth.get(id);
    return months.map((k) => m?.get(k) ?? 0);
  }
}

const monthStart = (asOf: string) => `${asOf.slice(0, 7)}-01`;

export async function computeClasses(db: Executor, s: SegmentSettings, asOf: string, now: string): Promise<ComputeResult> {
  const end = monthStart(asOf);
  const windows = { abc: monthsBefore(end, s.abcMonths), xyz: monthsBefore(end, s.xyzMonths), rfm: monthsBefore(end, s.rfmMonths) };
  const bcgAll = monthsBefore(end, s.bcgMonths * 2);
  const bcgPrev = new Set(bcgAll.slice(0, s.bcgMonths));
  const bcgCur = new Set(bcgAll.slice(s.bcgMonths));
  const longest = Math.max(s.abcMonths, s.xyzMonths, s.rfmMonths, s.bcgMonths * 2);
  const from = `${monthsBefore(end, longest)[0]}-01`;
  const conv = await Converter.of(db);

  const revenue = new Ledger();
  const margin = new Ledger();
  const deals = new Ledger();
  const lastDay = new Map<string, string>();
  for (const f of await repo.clientDealFacts(db, from, end)) {
    const amount = await conv.toBase(Number(f.amount), f.currency, f.day);
    if (amount === null) continue;
    const month = f.day.slice(0, 7);
    revenue.add(f.companyId, month, amount);
    deals.add(f.companyId, month, Number(f.deals));
    if (!f.hasLines) margin.add(f.companyId, month, amount);
    if (windows.rfm.includes(month) && (lastDay.get(f.companyId) ?? '') < f.day) lastDay.set(f.companyId, f.day);
  }

  const productNet = new Ledger();
  const productMargin = new Ledger();
  const groups = new Map<string, string | null>();
  for (const l of await repo.lineFacts(db, from, end)) {
    const net = await conv.toBase(Number(l.net), l.currency, l.day);
    if (net === null) continue;
    const costOrig = l.purchaseCost === null || l.costCurrency === null ? 0 : Math.round((Number(l.purchaseCost) * Number(l.quantity)) / 1000);
    const cost = costOrig && l.costCurrency ? await conv.toBase(costOrig, l.costCurrency, l.day) : 0;
    const lineMargin = net - (cost ?? 0);
    const month = l.day.slice(0, 7);
    if (l.companyId) margin.add(l.companyId, month, lineMargin);
    if (l.productId) {
      productNet.add(l.productId, month, net);
      productMargin.add(l.productId, month, lineMargin);
      groups.set(l.productId, l.groupId);
    }
  }

  const abcSet = new Set(windows.abc);
  const rfmSet = new Set(windows.rfm);
  const xyzFirst = windows.xyz[0]!;
  const [firstClient, firstProduct] = await Promise.all([repo.firstClientSales(db), repo.firstProductSales(db)]);

  // clients
  const clientIds = [...revenue.byMonth.keys()];
  const clientMetric = s.metric === 'margin' ? margin : revenue;
  const clientAbcInput = clientIds.map((id) => ({ id, value: clientMetric.sum(id, abcSet), sales: revenue.sum(id, abcSet) })).filter((i) => i.sales !== 0);
  const clientAbc = abcClasses(clientAbcInput, s.abcA, s.abcB);
  const rfmInput = clientIds
    .filter((id) => lastDay.has(id))
    .map((id) => ({ id, recencyDays: daysBetween(lastDay.get(id)!, end), frequency: deals.sum(id, rfmSet), monetary: revenue.sum(id, rfmSet) }));
  const rfm = rfmScores(rfmInput, s.rfmBuckets);
  const rfmById = new Map(rfmInput.map((i) => [i.id, i]));
  const companies: CompanySegmentTable[] = [];
  for (const id of clientIds) {
    const abc = clientAbc.get(id);
    const x = xyzOf(revenue.series(id, windows.xyz), firstClient.get(id), xyzFirst, s);
    const r = rfm.get(id);
    const ri = rfmById.get(id);
    if (!abc && x.cls === null && !x.isNew && !r) continue;
    companies.push({
      company_id: id,
      abc: abc?.cls ?? null,
      xyz: x.cls,
      is_new: x.isNew ? 1 : 0,
      metric_value: clientMetric.sum(id, abcSet),
      share_before_bp: abc?.shareBeforeBp ?? null,
      cv_bp: x.cv === null ? null : Math.round(x.cv * 10000),
      rfm_r: r?.r ?? null,
      rfm_f: r?.f ?? null,
      rfm_m: r?.m ?? null,
      recency_days: ri?.recencyDays ?? null,
      frequency: ri?.frequency ?? 0,
      monetary: ri?.monetary ?? 0,
      computed_at: now,
    });
  }

  // products
  const productIds = [...productNet.byMonth.keys()];
  const productMetric = s.metric === 'margin' ? productMargin : productNet;
  const productAbc = abcClasses(
    productIds.map((id) => ({ id, value: productMetric.sum(id, abcSet), sales: productNet.sum(id, abcSet) })).filter((i) => i.sales !== 0),
    s.abcA,
    s.abcB,
  );
  const bcg = bcgMatrix(
    productIds.map((id) => ({ id, group: groups.get(id) ?? null, revenue: productNet.sum(id, bcgCur), revenuePrev: productNet.sum(id, bcgPrev) })),
    s.bcgShare,
    s.bcgGrowth === null ? null : s.bcgGrowth / 100,
  );
  const products: ProductSegmentTable[] = productIds.map((id) => {
    const abc = productAbc.get(id);
    const x = xyzOf(productNet.series(id, windows.xyz), firstProduct.get(id), xyzFirst, s);
    const b = bcg.get(id);
    return {
      product_id: id,
      abc: abc?.cls ?? null,
      xyz: x.cls,
      is_new: x.isNew ? 1 : 0,
      metric_value: productMetric.sum(id, abcSet),
      share_before_bp: abc?.shareBeforeBp ?? null,
      cv_bp: x.cv === null ? null : Math.round(x.cv * 10000),
      bcg: b?.quadrant ?? null,
      revenue: productNet.sum(id, bcgCur),
      revenue_prev: productNet.sum(id, bcgPrev),
      growth_bp: b?.growth == null ? null : Math.round(b.growth * 10000),
      rel_share_bp: b?.relativeShare == null ? null : Math.round(b.relativeShare * 10000),
      computed_at: now,
    };
  });
  return { companies, products, unconverted: [...conv.unconverted].sort() };
}

function xyzOf(series: number[], firstSale: string | undefined, windowFirstMonth: string, s: SegmentSettings) {
  const isNew = firstSale !== undefined && firstSale.slice(0, 7) > windowFirstMonth;
  if (isNew) return { cls: null, cv: null, isNew };
  const cv = coefficientOfVariation(series);
  return { cls: cv === null ? null : xyzClass(cv, s.xyzX, s.xyzY), cv, isNew };
}
