import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client.js';
import { makeCompany, makePipeline, type TestPipeline } from '../../../test/deals.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { wonDeal } from '../../../test/segments.js';

/**
 * Product classes as of 2026-07-15: ABC / XYZ over 2026-01 .. 2026-06, BCG current window 2026-04 .. 06
 * against the previous 2026-01 .. 03. One unit per sale, no VAT (kopecks):
 *
 *   product  group  sales                                   ABC total  before    ABC  CV         XYZ   cur / prev       growth   rel. share     BCG
 *   P1       G1     1000 every month                        600000     0 %       A    0 %        X     300000/300000    0 %      3000/1200=2.5  star
 *   P2       G1     Jan 200, Apr..Jun 400                   140000     82.57 %   B    76.93 %    Z     120000/20000     +500 %   1200/3000=0.4  question
 *   P3       G2     Jan 2000, May 1000                      300000     55.05 %   A    152.75 %   Z     100000/200000    -50 %    alone (high)   cash cow
 *   P4       G1     Mar 500 (first sale in March: new)      50000      95.41 %   C    -          -     0/50000          -100 %   0              dog
 *
 * Company average growth (threshold): (520000 - 570000) / 570000 = -8.77 %.
 * Margin (net - cost x quantity): P1 cost 600 -> 240000; P2 no cost -> 140000; P3 cost 2500 -> -200000 (C);
 * P4 cost 100 -> 40000. Positive total 420000: P1 A (0 %), P2 A (57.14 %), P4 B (90.48 %), P3 C.
 */
describe.each(engines())('product segments on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let manager: TestClient;
  let head: TestClient;
  let pipeline: TestPipeline;
  const p: Record<string, string> = {};

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    manager = (await userClient(v, 'sales_manager')).client;
    head = (await userClient(v, 'head_of_sales')).client;
    pipeline = await makePipeline(admin);
    const buyer = await makeCompany(admin, 'Buyer');
    const g1 = (await admin.post('/product-groups', { name: 'G1' })).body.id;
    const g2 = (await admin.post('/product-groups', { name: 'G2' })).body.id;
    const product = async (name: string, groupId: string, purchaseCost: number | null) =>
      (await admin.post('/products', { name, groupId, vatRate: null, purchaseCost, costCurrency: purchaseCost === null ? null : 'RUB' })).body.id as string;
    p.P1 = await product('P1', g1, 60000);
    p.P2 = await product('P2', g1, null);
    p.P3 = await product('P3', g2, 250000);
    p.P4 = await product('P4', g1, 10000);
    const sale = (name: string, day: string, unitPrice: number) =>
      wonDeal(v, admin, pipeline, day, { companyId: buyer, lines: [{ productId: p[name], name, quantity: 1, unitPrice, vatRate: null }] });
    for (let m = 1; m <= 6; m++) await sale('P1', `2026-0${m}-12`, 100000);
    await sale('P2', '2026-01-05', 20000);
    for (const m of [4, 5, 6]) await sale('P2', `2026-0${m}-05`, 40000);
    await sale('P3', '2026-01-07', 200000);
    await sale('P3', '2026-05-07', 100000);
    await sale('P4', '2026-03-09', 50000);
    expect((await admin.patch('/segments/settings', { abcMonths: 6, xyzMonths: 6, bcgMonths: 3 })).status).toBe(200);
    expect((await admin.post('/segments/recalculate', { asOf: '2026-07-15' })).body).toMatchObject({ status: 'ok', products: 4, companies: 1 });
  });
  afterAll(() => v.destroy());

  const rows = async (client: TestClient, query = '') =>
    (await client.get(`/segments/products${query}`)).body.items.map((i: any) => [i.name, i.groupName, i.abc, i.xyz, i.isNew, i.metricValue, i.cv, i.bcg, i.revenue, i.revenuePrev, i.growth, i.relativeShare]);

  it('stores ABC, XYZ and the BCG quadrant of each product', async () => {
    expect(await rows(admin)).toEqual([
      ['P1', 'G1', 'A', 'X', false, 600000, 0, 'star', 300000, 300000, 0, 2.5],
      ['P3', 'G2', 'A', 'Z', false, 300000, 152.75, 'cash_cow', 100000, 200000, -50, null],
      ['P2', 'G1', 'B', 'Z', false, 140000, 76.93, 'question', 120000, 20000, 500, 0.4],
      ['P4', 'G1', 'C', null, true, 50000, null, 'dog', 0, 50000, -100, 0],
    ]);
    const stored = await v.ctx.database.db.selectFrom('product_segments').select(['product_id', 'share_before_bp']).execute();
    expect(Object.fromEntries(stored.map((s) => [s.product_id, s.share_before_bp]))).toEqual({ [p.P1!]: 0, [p.P3!]: 5504, [p.P2!]: 8256, [p.P4!]: 9541 });
    expect((await rows(admin, '?bcg=question')).map((r: unknown[]) => r[0])).toEqual(['P2']);
  });

  it('filters the products list by class', async () => {
    const names = async (q: string) => (await admin.get(`/products?${q}`)).body.items.map((i: any) => i.name).sort();
    expect(await names('abc=A')).toEqual(['P1', 'P3']);
    expect(await names('xyz=Z')).toEqual(['P2', 'P3']);
    expect(await names('abc=A&xyz=X')).toEqual(['P1']);
  });

  it('shows product money only to users who may read all deals', async () => {
    const [managerRow] = await rows(manager);
    expect(managerRow).toEqual(['P1', 'G1', 'A', 'X', false, null, 0, 'star', null, null, 0, 2.5]);
    expect((await rows(head))[0]).toEqual(['P1', 'G1', 'A', 'X', false, 600000, 0, 'star', 300000, 300000, 0, 2.5]);
  });

  it('ranks by margin (net minus the known product cost) when configured', async () => {
    await admin.patch('/segments/settings', { metric: 'margin' });
    await admin.post('/segments/recalculate', { asOf: '2026-07-15' });
    expect((await rows(admin)).map((r: unknown[]) => [r[0], r[2], r[5]])).toEqual([
      ['P1', 'A', 240000],
      ['P2', 'A', 140000],
      ['P4', 'B', 40000],
      ['P3', 'C', -200000],
    ]);
    const [client] = (await admin.get('/segments/companies')).body.items;
    expect(client).toMatchObject({ name: 'Buyer', abc: 'A', metricValue: 220000, monetary: 1090000 });
    // BCG stays on revenue
    expect((await rows(admin)).map((r: unknown[]) => [r[0], r[7]])).toEqual([
      ['P1', 'star'],
      ['P2', 'question'],
      ['P4', 'dog'],
      ['P3', 'cash_cow'],
    ]);
  });

  it('counts a bundle line as one item (the bundle, not its components)', async () => {
    const bundle = await admin.post('/products', { name: 'Kit', kind: 'bundle', vatRate: null, components: [{ productId: p.P1, quantity: 2 }] });
    expect(bundle.status).toBe(201);
    await wonDeal(v, admin, pipeline, '2026-06-20', {
      companyId: await makeCompany(admin, 'Kit buyer'),
      lines: [{ productId: bundle.body.id, name: 'Kit', quantity: 1, unitPrice: 70000, vatRate: null }],
    });
    await admin.patch('/segments/settings', { metric: 'revenue' });
    await admin.post('/segments/recalculate', { asOf: '2026-07-15' });
    const all = await rows(admin);
    // the only product without a group (high share) and new (high growth): a star
    expect(all.find((r: unknown[]) => r[0] === 'Kit')).toEqual(['Kit', null, 'B', null, true, 70000, null, 'star', 70000, 0, null, null]);
    expect(all.find((r: unknown[]) => r[0] === 'P1')[5]).toBe(600000);
  });
});
