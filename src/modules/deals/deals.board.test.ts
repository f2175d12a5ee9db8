import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues, lostReasonId, makeCompany, makeDeal, makePipeline, type TestPipeline } from '../../../test/deals.js';

const qs = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
type Column = { stageId: string; totals: { count: number; sum: number; weightedSum: number; currency: string; unconverted: string[] }; items: { id: string; title: string }[]; nextCursor: string | null };
const byStage = (body: { columns: Column[] }) => Object.fromEntries(body.columns.map((c) => [c.stageId, c]));
const totals = (body: { columns: Column[] }) => body.columns.map((c) => [c.totals.count, c.totals.sum, c.totals.weightedSum]);

describe.each(engines())('deal board and lists on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let other: { client: TestClient; id: string };
  let p: TestPipeline;
  let companyId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    other = await userClient(v, 'head_of_sales');
    p = await makePipeline(admin);
    companyId = await makeCompany(admin, 'Board client');
    const make = async (key: string, body: Record<string, unknown>, client = admin) => {
      ids[key] = (await makeDeal(client, { title: `Deal ${key}`, companyId, pipelineId: p.id, ...body })).id;
    };
    await make('a', { amount: 1000, sourceChannel: 'web', expectedCloseDate: '2026-03-01' });
    await make('b', { amount: 3000, probability: 50, type: 'repeat', expectedCloseDate: '2026-01-15' });
    await make('c', { amount: 2000, sourceChannel: 'web' }, other.client);
    await make('d', { amount: 10000, stageId: p.stage.offer, expectedCloseDate: '2026-02-01' });
    await make('e', { amount: 500, stageId: p.stage.won });
  });
  afterAll(() => v.destroy());

  it('shows per stage the deals and count, sum and weighted sum (amount x probability)', async () => {
    const res = await admin.get(`/pipelines/${p.id}/board`);
    expect(res.status).toBe(200);
    expect(res.body.columns.map((c: Column) => c.stageId)).toEqual([p.stage.lead, p.stage.offer, p.stage.won, p.stage.lost]);
    expect(totals(res.body)).toEqual([
      [3, 6000, 1800],
      [1, 10000, 5000],
      [1, 500, 500],
      [0, 0, 0],
    ]);
    expect(res.body.columns[0].totals).toMatchObject({ currency: 'RUB', unconverted: [] });
    expect(res.body.columns[0].items.map((d: { title: string }) => d.title)).toEqual(['Deal c', 'Deal b', 'Deal a']);
  });

  it('gives the same totals from the counters and from the filtered deals after moves, edits and deletes', async () => {
    const extra = await makeDeal(admin, { title: 'Moving', companyId, pipelineId: p.id, amount: 700, probability: 30 });
    const moved = await admin.post(`/deals/${extra.id}/stage`, { version: 1, stageId: p.stage.offer });
    const edited = await admin.patch(`/deals/${extra.id}`, { version: moved.body.version, amount: 900, probability: 90 });
    const gone = await makeDeal(admin, { title: 'Gone', companyId, pipelineId: p.id, amount: 50 });
    await admin.delete(`/deals/${gone.id}`);
    const counted = await admin.get(`/pipelines/${p.id}/board`);
    const scanned = await admin.get(`/pipelines/${p.id}/board?${qs({ createdFrom: '2000-01-01' })}`);
    expect(totals(counted.body)).toEqual(totals(scanned.body));
    expect(totals(counted.body)[1]).toEqual([2, 10900, 5000 + 810]);
    await admin.delete(`/deals/${edited.body.id}`);
  });

  it('keeps the counters right when deals cross between two stages concurrently', async () => {
    const x = await makePipeline(admin);
    const make = (stageId: string) => makeDeal(admin, { companyId, pipelineId: x.id, stageId, amount: 100 });
    const down = await Promise.all([1, 2, 3, 4, 5].map(() => make(x.stage.lead)));
    const up = await Promise.all([1, 2, 3, 4, 5].map(() => make(x.stage.offer)));
    const moves = await Promise.all([
      ...down.map((d) => admin.post(`/deals/${d.id}/stage`, { version: 1, stageId: x.stage.offer })),
      ...up.map((d) => admin.post(`/deals/${d.id}/stage`, { version: 1, stageId: x.stage.lead })),
    ]);
    expect(moves.map((m) => m.status)).toEqual(Array(10).fill(200));
    const counted = await admin.get(`/pipelines/${x.id}/board`);
    expect(totals(counted.body)).toEqual(totals((await admin.get(`/pipelines/${x.id}/board?${qs({ createdFrom: '2000-01-01' })}`)).body));
    expect(totals(counted.body).slice(0, 2)).toEqual([[5, 500, 50], [5, 500, 250]]);
  });

  it('filters the board by owner, source, type and expected close date', async () => {
    const mine = await admin.get(`/pipelines/${p.id}/board?${qs({ ownerId: other.id })}`);
    expect(totals(mine.body)[0]).toEqual([1, 2000, 200]);
    const web = await admin.get(`/pipelines/${p.id}/board?${qs({ sourceChannel: 'web' })}`);
    expect(byStage(web.body)[p.stage.lead]!.items.map((d) => d.title)).toEqual(['Deal c', 'Deal a']);
    expect(totals(web.body)).toEqual([[2, 3000, 300], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    const repeat = await admin.get(`/pipelines/${p.id}/board?${qs({ type: 'repeat' })}`);
    expect(totals(repeat.body)[0]).toEqual([1, 3000, 1500]);
    const q1 = await admin.get(`/pipelines/${p.id}/board?${qs({ expectedFrom: '2026-01-01', expectedTo: '2026-02-28' })}`);
    expect(totals(q1.body).map((t) => t[0])).toEqual([1, 1, 0, 0]);
  });

  it('pages a column with its own cursor', async () => {
    const first = await admin.get(`/pipelines/${p.id}/board?limit=2`);
    const lead = byStage(first.body)[p.stage.lead]!;
    expect(lead.items.map((d) => d.title)).toEqual(['Deal c', 'Deal b']);
    expect(lead.totals.count).toBe(3);
    const more = await admin.get(`/pipelines/${p.id}/board/${p.stage.lead}?${qs({ limit: 2, cursor: lead.nextCursor! })}`);
    expect(more.body).toMatchObject({ items: [{ title: 'Deal a' }], nextCursor: null });
    const wrong = await admin.get(`/pipelines/${p.id}/board/${(await makePipeline(admin)).stage.lead}`);
    expect(wrong.status).toBe(404);
  });

  it('sums several currencies in the base currency when rates exist, and lists those without', async () => {
    const fx = await makePipeline(admin);
    await makeDeal(admin, { title: 'RUB', companyId, pipelineId: fx.id, amount: 10000 });
    await makeDeal(admin, { title: 'EUR', companyId, pipelineId: fx.id, amount: 10000, currency: 'EUR' });
    const without = await admin.get(`/pipelines/${fx.id}/board`);
    expect(without.body.columns[0].totals).toMatchObject({ count: 2, sum: 10000, weightedSum: 1000, currency: 'RUB', unconverted: ['EUR'] });
    expect((await admin.post('/exchange-rates', { date: '2020-01-01', currency: 'EUR', rate: 100 })).status).toBe(201);
    const withRate = await admin.get(`/pipelines/${fx.id}/board`);
    expect(withRate.body.columns[0].totals).toMatchObject({ count: 2, sum: 1_010_000, weightedSum: 101_000, currency: 'RUB', unconverted: [] });
    const euroOnly = await admin.get(`/pipelines/${fx.id}/board?${qs({ q: 'EUR' })}`);
    expect(euroOnly.body.columns[0].totals).toMatchObject({ count: 1, sum: 10000, currency: 'EUR' });
  });

  it('lists deals with filters, search, sorts and keyset pages', async () => {
    const list = async (params: Record<string, string | number>) => {
      const res = await admin.get(`/deals?${qs({ pipelineId: p.id, ...params })}`);
      expect(res.status).toBe(200);
      return res.body.items.map((d: { title: string }) => d.title);
    };
    expect(await list({ sort: 'amount' })).toEqual(['Deal e', 'Deal a', 'Deal c', 'Deal b', 'Deal d']);
    expect(await list({ sort: 'expectedCloseDate' })).toEqual(['Deal b', 'Deal d', 'Deal a', 'Deal c', 'Deal e']);
    expect(await list({ sort: '-expectedCloseDate' })).toEqual(['Deal e', 'Deal c', 'Deal a', 'Deal d', 'Deal b']);
    expect(await list({ status: 'won' })).toEqual(['Deal e']);
    expect(await list({ stageId: p.stage.offer })).toEqual(['Deal d']);
    expect(await list({ q: 'deal b' })).toEqual(['Deal b']);
    expect(await list({ q: 'board client', sort: 'amount' })).toHaveLength(5);
    expect(await list({ createdFrom: '2000-01-01', createdTo: '2000-12-31' })).toEqual([]);
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await admin.get(`/deals?${qs({ pipelineId: p.id, sort: '-amount', limit: 2, ...(cursor ? { cursor } : {}) })}`);
      titles.push(...res.body.items.map((d: { title: string }) => d.title));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(titles).toEqual(['Deal d', 'Deal b', 'Deal c', 'Deal a', 'Deal e']);
    const bad = await admin.get('/deals?sort=title&limit=1000&createdFrom=yesterday&foo=1');
    expect(fieldIssues(bad)).toEqual(expect.arrayContaining(['query.sort:validation.invalid_value', 'query.limit:validation.too_big', 'query.createdFrom:validation.invalid_format', 'query.foo:validation.unknown_field']));
  });

  it("shows a company's deals with totals and the products it bought", async () => {
    const buyer = await makeCompany(admin, 'Buyer');
    const priceTypeId = (await admin.get('/price-types')).body.items[0].id;
    const widget = (await admin.post('/products', { name: 'Widget', vatRate: 20, prices: [{ priceTypeId, amount: 1000 }] })).body.id;
    const won = await makeDeal(admin, { companyId: buyer, pipelineId: p.id, stageId: p.stage.won, lines: [{ productId: widget, quantity: 2 }] });
    const later = await makeDeal(admin, { companyId: buyer, pipelineId: p.id, lines: [{ productId: widget, quantity: 1.5 }, { name: 'Delivery', quantity: 1, unitPrice: 300 }] });
    await admin.post(`/deals/${later.id}/stage`, { version: 1, stageId: p.stage.won });
    // An open deal with a hand-entered amount: its lines neither count as bought nor set the amount.
    await makeDeal(admin, { companyId: buyer, pipelineId: p.id, amount: 4000, lines: [{ productId: widget, quantity: 100 }] });
    await makeDeal(admin, { companyId: buyer, pipelineId: p.id, stageId: p.stage.lost, lostReasonId: await lostReasonId(admin), amount: 100 });
    const res = await admin.get(`/companies/${buyer}/deals`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(4);
    expect(res.body.totals).toEqual({ currency: 'RUB', won: { count: 2, sum: 2400 + 2100 }, open: { count: 1, sum: 4000, weightedSum: 400 }, lost: { count: 1, sum: 100 }, unconverted: [] });
    expect((await admin.get(`/companies/${buyer}/deals?status=won&limit=1`)).body.items.map((d: { id: string }) => d.id)).toEqual([later.id]);
    const products = await admin.get(`/companies/${buyer}/products`);
    expect(products.body.items).toEqual([{ productId: widget, name: 'Widget', quantity: 3.5, revenue: 3500, currency: 'RUB', deals: 2, lastWonAt: expect.any(String) }]);
    expect(won.status).toBe('won');
    const withWidget = await admin.get(`/deals?${qs({ productId: widget, sort: 'amount' })}`);
    expect(withWidget.body.items.map((d: { amount: number }) => d.amount)).toEqual([2100, 2400, 4000]);
    const widgetBoard = await admin.get(`/pipelines/${p.id}/board?${qs({ productId: widget })}`);
    expect(totals(widgetBoard.body).map((t) => t[0])).toEqual([1, 0, 2, 0]);
    const hidden = await userClient(v, 'sales_manager');
    expect((await hidden.client.get(`/companies/${buyer}/deals`)).status).toBe(404);
  });
});
