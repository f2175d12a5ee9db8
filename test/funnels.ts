import { vi } from 'vitest';
import type { TestClient } from './client.js';
import type { TestVoronka } from './engines.js';
import { makeDepartment, userClient } from './factories.js';
import { makeActivity } from './activities.js';
import { makeCompany, makeDeal } from './deals.js';

/**
 * The funnel tests' fixed data set, built through the API with the clock set to each moment (days of 2026 at
 * 10:00 UTC; day 0 = 1 January). Pipeline: Lead (3 days), Meeting (5), Offer (7), Won, Lost. Departments:
 * Sales > East, and Other; m1 in Sales, m2 in East, m3 in Other (sales managers: own deals only).
 *   D1 m1 company A, product X: Lead d5 -> Meeting d7 -> Offer d12 -> Won d20
 *   D2 m1 company A, product X: Lead d10 -> Offer d11 (skips Meeting) -> Lost d15 (reason R1)
 *   D3 m2 company A, product Y: Lead d20 -> Lost d23 (R2)
 *   D4 m2 company B: Lead d30 -> Meeting d34 -> Lead d36 -> Meeting d40 (stays)
 *   D5 m3 company B: Lead d95 (second quarter)
 *   D6 m1 company B: Lead 22 Dec 2025 -> Offer d50 (skips Meeting; stays)
 *   D7 m3 company B: created Won d60
 * Activities done in Q1: m1 calls d3, d40, d70, meeting d41 (company A, result), proposal d45 (+1 call in April);
 * m2 call d31; m3 none.
 */

export const DAY = 86_400;
export const at = (day: number) => Date.UTC(2026, 0, 1, 10) + day * DAY * 1000;

export interface FunnelFixture {
  admin: TestClient;
  m1: { client: TestClient; id: string };
  m2: { client: TestClient; id: string };
  m3: { client: TestClient; id: string };
  sales: string;
  east: string;
  pipeline: { id: string; lead: string; meeting: string; offer: string; won: string; lost: string };
  reasons: { r1: string; r2: string };
  companies: { a: string; b: string };
  products: { x: string; y: string };
  deals: Record<'d1' | 'd2' | 'd3' | 'd4' | 'd5' | 'd6' | 'd7', string>;
}

export async function buildFunnelFixture(v: TestVoronka): Promise<FunnelFixture> {
  const admin = (await userClient(v, 'admin')).client;
  const sales = await makeDepartment(v, 'Sales');
  const east = await makeDepartment(v, 'East', sales);
  const other = await makeDepartment(v, 'Other');
  const m1 = await userClient(v, 'sales_manager', sales);
  const m2 = await userClient(v, 'sales_manager', east);
  const m3 = await userClient(v, 'sales_manager', other);
  const res = await admin.post('/pipelines', {
    name: 'Funnel test',
    stages: [
      { name: 'Lead', probability: 10, plannedDays: 3 },
      { name: 'Meeting', probability: 30, plannedDays: 5 },
      { name: 'Offer', probability: 50, plannedDays: 7 },
      { name: 'Won', probability: 100, kind: 'won' },
      { name: 'Lost', probability: 0, kind: 'lost' },
    ],
  });
  const [lead, meeting, offer, won, lost] = res.body.stages.map((s: { id: string }) => s.id);
  const pipeline = { id: res.body.id, lead, meeting, offer, won, lost };
  const r1 = (await admin.post('/lost-reasons', { name: 'Price too high' })).body.id;
  const r2 = (await admin.post('/lost-reasons', { name: 'No budget' })).body.id;
  const a = await makeCompany(admin, 'Client A');
  const b = await makeCompany(admin, 'Client B');
  const priceTypeId = (await admin.get('/price-types')).body.items[0].id;
  const x = (await admin.post('/products', { name: 'Product X', vatRate: 20, prices: [{ priceTypeId, amount: 1000 }] })).body.id;
  const y = (await admin.post('/products', { name: 'Product Y', vatRate: 20, prices: [{ priceTypeId, amount: 500 }] })).body.id;

  const versions = new Map<string, number>();
  const create = async (day: number, body: Record<string, unknown>) => {
    vi.setSystemTime(at(day));
    const d = await makeDeal(admin, { pipelineId: pipeline.id, ...body });
    versions.set(d.id, d.version);
    return d.id as string;
  };
  const move = async (id: string, day: number, stageId: string, extra: Record<string, unknown> = {}) => {
    vi.setSystemTime(at(day));
    const r = await admin.post(`/deals/${id}/stage`, { version: versions.get(id), stageId, ...extra });
    if (r.status !== 200) throw new Error(`move: ${r.status} ${JSON.stringify(r.body)}`);
    versions.set(id, r.body.version);
  };

  vi.useFakeTimers({ toFake: ['Date'], now: at(-10) });
  const d6 = await create(-10, { title: 'D6', companyId: b, ownerId: m1.id });
  const d1 = await create(5, { title: 'D1', companyId: a, ownerId: m1.id, lines: [{ productId: x, quantity: 1 }] });
  await move(d1, 7, meeting);
  const d2 = await create(10, { title: 'D2', companyId: a, ownerId: m1.id, lines: [{ productId: x, quantity: 2 }] });
  await move(d2, 11, offer);
  await move(d1, 12, offer);
  await move(d2, 15, lost, { lostReasonId: r1 });
  await move(d1, 20, won);
  const d3 = await create(20, { title: 'D3', companyId: a, ownerId: m2.id, lines: [{ productId: y, quantity: 1 }] });
  await move(d3, 23, lost, { lostReasonId: r2 });
  const d4 = await create(30, { title: 'D4', companyId: b, ownerId: m2.id });
  await move(d4, 34, meeting);
  await move(d4, 36, lead);
  await move(d4, 40, meeting);
  await move(d6, 50, offer);
  const d7 = await create(60, { title: 'D7', companyId: b, ownerId: m3.id, stageId: won });
  const d5 = await create(95, { title: 'D5', companyId: b, ownerId: m3.id });
  vi.useRealTimers();

  const done = (owner: { id: string }, type: string, day: number, extra: Record<string, unknown> = {}) =>
    makeActivity(admin, { type, ownerId: owner.id, done: true, doneAt: new Date(at(day)).toISOString(), plannedDate: null, ...extra });
  for (const day of [3, 40, 70]) await done(m1, 'call', day);
  await done(m1, 'call', 100);
  await done(m1, 'meeting', 41, { companyId: a, subject: 'Demo', result: 'Agreed on a trial' });
  await done(m1, 'proposal', 45);
  await done(m2, 'call', 31);

  return { admin, m1, m2, m3, sales, east, pipeline, reasons: { r1, r2 }, companies: { a, b }, products: { x, y }, deals: { d1, d2, d3, d4, d5, d6, d7 } };
}
