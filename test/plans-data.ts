import type { TestClient } from './client.js';
import { makeActivity } from './activities.js';
import { lostReasonId, makeCompany, makeDeal, makePipeline, type TestPipeline } from './deals.js';
import type { TestVoronka } from './engines.js';
import { makeDepartment, userClient } from './factories.js';

/**
 * The small fixed data set of the plans and KPI tests (amounts in kopecks, RUB is the base currency):
 * - departments Sales and its subdepartment Sub; m1 (manager, Sales), m2 (manager, Sub), head (head of sales, Sales);
 * - every closed deal was created 10 days before it closed, or when it entered its first stage;
 * - m1 won: 8,000,000 (2026-02-10) and 12,000,000 (2026-03-05) with stage history Lead -> Offer -> Won,
 *   10,000,000 (2026-04-10), 5,000,000 (2026-04-20), 7,000,000 (2026-05-02), 50,000,000 (2025-12-15);
 *   lost 2026-04-12 (entered Lead 2026-04-01); open: Lead 6,000,000 expected 2026-04-25, Offer 4,000,000 at 80 %, no date;
 * - m2 won: 3,000,000 (2026-04-15) and EUR 100,000 (2026-04-16, no EUR rate);
 * - m1 done: Feb-Mar 12 calls, 6 meetings, 3 proposals; April 3 calls, 2 meetings, 1 proposal; May 1 call;
 *   open: a call promised 2026-04-28 10:00 and a meeting 2026-04-29; m2 done: 1 call in April.
 */
export interface PlansData {
  admin: TestClient;
  m1: { client: TestClient; id: string };
  m2: { client: TestClient; id: string };
  head: { client: TestClient; id: string };
  sales: string;
  sub: string;
  pipeline: TestPipeline;
  open: { lead: string; offer: string };
}

const at = (day: string) => `${day}T10:00:00.000Z`;

export async function plansData(v: TestVoronka): Promise<PlansData> {
  const db = v.ctx.database.db;
  const { client: admin } = await userClient(v, 'admin');
  const sales = await makeDepartment(v, 'Sales');
  const sub = await makeDepartment(v, 'Sub', sales);
  const m1 = await userClient(v, 'sales_manager', sales);
  const m2 = await userClient(v, 'sales_manager', sub);
  const head = await userClient(v, 'head_of_sales', sales);
  const pipeline = await makePipeline(admin);
  const companyId = await makeCompany(admin, 'Plan test client');
  const reason = await lostReasonId(admin);

  const closed = async (ownerId: string, amount: number, day: string, opts: { currency?: string; lost?: boolean; path?: [string, string][] } = {}) => {
    const deal = await makeDeal(admin, {
      companyId,
      ownerId,
      pipelineId: pipeline.id,
      stageId: opts.lost ? pipeline.stage.lost : pipeline.stage.won,
      amount,
      currency: opts.currency ?? 'RUB',
      ...(opts.lost ? { lostReasonId: reason } : {}),
    });
    const created = opts.path?.[0]?.[1] ?? new Date(Date.parse(at(day)) - 10 * 86_400_000).toISOString().slice(0, 10);
    await db.updateTable('deals').set({ closed_at: at(day), created_at: at(created) }).where('id', '=', deal.id).execute();
    for (const [stage, entered] of opts.path ?? []) {
      await db.insertInto('deal_stage_history').values({ id: crypto.randomUUID(), deal_id: deal.id, from_stage_id: null, to_stage_id: stage, at: at(entered), user_id: null, seconds_in_from_stage: null }).execute();
    }
  };
  const { lead, offer } = pipeline.stage;
  await closed(m1.id, 8_000_000, '2026-02-10', { path: [[lead, '2026-01-20'], [offer, '2026-02-01']] });
  await closed(m1.id, 12_000_000, '2026-03-05', { path: [[lead, '2026-02-20'], [offer, '2026-02-28']] });
  await closed(m1.id, 10_000_000, '2026-04-10');
  await closed(m1.id, 5_000_000, '2026-04-20');
  await closed(m1.id, 7_000_000, '2026-05-02');
  await closed(m1.id, 50_000_000, '2025-12-15');
  await closed(m1.id, 9_000_000, '2026-04-12', { lost: true, path: [[lead, '2026-04-01']] });
  await closed(m2.id, 3_000_000, '2026-04-15');
  await closed(m2.id, 100_000, '2026-04-16', { currency: 'EUR' });
  const openLead = await makeDeal(admin, { companyId, ownerId: m1.id, pipelineId: pipeline.id, stageId: lead, amount: 6_000_000, expectedCloseDate: '2026-04-25' });
  const openOffer = await makeDeal(admin, { companyId, ownerId: m1.id, pipelineId: pipeline.id, stageId: offer, amount: 4_000_000, probability: 80 });

  const done = async (ownerId: string, type: string, n: number, day: string) => {
    for (let i = 0; i < n; i++) await makeActivity(admin, { type, ownerId, done: true, doneAt: at(day), plannedDate: day, subject: `${type} ${i}` });
  };
  await done(m1.id, 'call', 6, '2026-02-11');
  await done(m1.id, 'call', 6, '2026-03-11');
  await done(m1.id, 'meeting', 6, '2026-03-12');
  await done(m1.id, 'proposal', 3, '2026-03-13');
  await done(m1.id, 'call', 3, '2026-04-06');
  await done(m1.id, 'meeting', 2, '2026-04-07');
  await done(m1.id, 'proposal', 1, '2026-04-08');
  await done(m1.id, 'call', 1, '2026-05-04');
  await done(m2.id, 'call', 1, '2026-04-09');
  await makeActivity(admin, { type: 'call', ownerId: m1.id, plannedDate: '2026-04-28', plannedTime: '10:00' });
  await makeActivity(admin, { type: 'meeting', ownerId: m1.id, plannedDate: '2026-04-29' });
  return { admin, m1, m2, head, sales, sub, pipeline, open: { lead: openLead.id, offer: openOffer.id } };
}

/** The plans of the data set: m1 April and May, m2 April, Sales April, the company Q2. */
export async function makePlans(d: PlansData): Promise<Record<string, string>> {
  const post = async (body: Record<string, unknown>) => {
    const res = await d.admin.post('/plans', body);
    if (res.status !== 201) throw new Error(`plan: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  return {
    m1April: await post({ targetKind: 'user', targetId: d.m1.id, period: '2026-04', revenue: 20_000_000, deals: 4, calls: 10, meetings: 4, proposals: 2 }),
    m1May: await post({ targetKind: 'user', targetId: d.m1.id, period: '2026-05', revenue: 10_000_000, deals: 2 }),
    m2April: await post({ targetKind: 'user', targetId: d.m2.id, period: '2026-04', revenue: 5_000_000, calls: 5 }),
    salesApril: await post({ targetKind: 'department', targetId: d.sales, period: '2026-04', revenue: 30_000_000 }),
    companyQ2: await post({ targetKind: 'company', period: '2026-Q2', revenue: 100_000_000 }),
  };
}
