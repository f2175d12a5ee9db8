import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues, makeCompany, makeDeal, makePipeline, type TestPipeline } from '../../../test/deals.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';

/**
 * ROI of sources in 2026-Q1 (kopecks; USD at 90 RUB from 2026-01-01):
 *   source          leads (created Q1)   won in Q1 (amount)                          costs Jan..Mar          CPL     CPS     ROI
 *   yandex / brand  4                    3: 300000 + 200000 + 100000 (created Q4)    100000 + 100000         50000   66667   (600000-200000)/200000 = 2
 *   yandex / -      1                    1: 10.00 USD = 90000                        20000 (channel-wide)    20000   20000   3.5
 *   (no source)     1                    1: 70000                                    -                       -       -       -
 *   google / search 2                    0                                           50000                   25000   -       -1
 *   vk / -          0                    0                                           30000                   -       -       -1
 *   total           8                    5: 760000                                   300000                  37500   60000   1.5333
 * A brand cost in April and a deal won in April (created in Q1) stay out of Q1's costs and sales.
 */
describe.each(engines())('ad sources on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let marketer: TestClient;
  let pipeline: TestPipeline;
  let ownScoped: { client: TestClient; id: string };

  const deal = async (created: string, closed: string | null, body: Record<string, unknown>) => {
    const d = await makeDeal(admin, { pipelineId: pipeline.id, stageId: closed ? pipeline.stage.won : pipeline.stage.lead, ...body });
    await v.ctx.database.db
      .updateTable('deals')
      .set({ created_at: `${created}T09:00:00.000Z`, closed_at: closed ? `${closed}T15:00:00.000Z` : null })
      .where('id', '=', d.id)
      .execute();
  };

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    marketer = (await userClient(v, 'marketer')).client;
    expect((await admin.post('/roles', { key: 'analyst', name: 'Analyst', permissions: { ad_cost: { read: 'all' }, deal: { read: 'own' }, company: { read: 'own' } } })).status).toBe(201);
    ownScoped = await userClient(v, 'analyst');
    pipeline = await makePipeline(admin);
    expect((await admin.post('/exchange-rates', { date: '2026-01-01', currency: 'USD', rate: 90 })).status).toBe(201);
    const company = await makeCompany(admin, 'Client');
    const brand = { companyId: company, sourceChannel: 'yandex', sourceCampaign: 'brand' };
    await deal('2026-01-10', '2026-02-01', { ...brand, amount: 300000, ownerId: ownScoped.id });
    await deal('2026-02-10', '2026-03-01', { ...brand, amount: 200000 });
    await deal('2026-03-10', '2026-04-02', { ...brand, amount: 400000 });
    await deal('2026-03-11', null, { ...brand, amount: 1 });
    await deal('2025-12-10', '2026-01-20', { ...brand, amount: 100000 });
    await deal('2026-01-15', '2026-01-25', { companyId: company, sourceChannel: 'yandex', amount: 1000, currency: 'USD' });
    await deal('2026-02-15', null, { companyId: company, sourceChannel: 'google', sourceCampaign: 'search', amount: 5 });
    await deal('2026-03-15', null, { companyId: company, sourceChannel: 'google', sourceCampaign: 'search', amount: 5 });
    await deal('2026-01-05', '2026-03-30', { companyId: company, amount: 70000 });
    for (const [when, ownerId] of [['2026-01-03', ownScoped.id], ['2026-03-03', null], ['2026-04-03', null]] as const) {
      const id = await makeCompany(admin, `Lead ${when}`, { source: 'yandex', ...(ownerId ? { ownerId } : {}) });
      await v.ctx.database.db.updateTable('companies').set({ created_at: `${when}T10:00:00.000Z` }).where('id', '=', id).execute();
    }
  });
  afterAll(() => v.destroy());

  it('enters, validates, edits and deletes costs with an audit trail', async () => {
    const costs: [string, string, string, number][] = [
      ['yandex', 'brand', '2026-01', 100000],
      ['yandex', 'brand', '2026-02', 100000],
      ['yandex', 'brand', '2026-04', 999999],
      ['yandex', '', '2026-03', 20000],
      ['google', 'search', '2026-01', 50000],
      ['vk', '', '2026-02', 30000],
    ];
    for (const [channel, campaign, month, amount] of costs) {
      const res = await marketer.post('/ad-costs', { channel, campaign, month, amount, currency: 'RUB' });
      expect(res.status).toBe(201);
    }
    const dup = await marketer.post('/ad-costs', { channel: 'vk', month: '2026-02', amount: 1, currency: 'RUB' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('ad_cost.duplicate');
    const bad = await marketer.post('/ad-costs', { channel: ' ', month: '2026-13', amount: -1, currency: 'rub', extra: 1 });
    expect(fieldIssues(bad).map((f: string) => f.split(':')[0]).sort()).toEqual(['amount', 'channel', 'currency', 'extra', 'month']);
    expect((await ownScoped.client.post('/ad-costs', { channel: 'x', month: '2026-01', amount: 1, currency: 'RUB' })).status).toBe(403);

    const temp = (await marketer.post('/ad-costs', { channel: 'tmp', month: '2026-01', amount: 5, currency: 'RUB', note: 'typo' })).body;
    const edited = await marketer.patch(`/ad-costs/${temp.id}`, { version: 1, amount: 7, note: null });
    expect(edited.body).toMatchObject({ amount: 7, note: null, version: 2 });
    expect((await marketer.patch(`/ad-costs/${temp.id}`, { version: 1, amount: 8 })).status).toBe(409);
    expect((await marketer.delete(`/ad-costs/${temp.id}`)).status).toBe(204);
    const audit = await v.ctx.database.db.selectFrom('audit_log').select(['action', 'field', 'old_value', 'new_value']).where('entity_id', '=', temp.id).orderBy('id').execute();
    expect(audit.map((a) => `${a.action}:${a.field ?? ''}`)).toContain('update:amount');
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'delete']));

    const page1 = await marketer.get('/ad-costs?limit=4');
    const page2 = await marketer.get(`/ad-costs?limit=4&cursor=${page1.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items].map((c: any) => c.month)).toEqual(['2026-04', '2026-03', '2026-02', '2026-02', '2026-01', '2026-01']);
  });

  it('computes leads, sales, revenue, cost per lead / sale and ROI by campaign', async () => {
    const res = await marketer.get('/sources/roi?period=2026-Q1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-01-01', to: '2026-04-01', currency: 'RUB', unconverted: [] });
    expect(res.body.rows.map((r: any) => [r.channel, r.campaign, r.leads, r.won, r.revenue, r.cost, r.costPerLead, r.costPerSale, r.roi])).toEqual([
      ['yandex', 'brand', 4, 3, 600000, 200000, 50000, 66667, 2],
      ['yandex', '', 1, 1, 90000, 20000, 20000, 20000, 3.5],
      [null, null, 1, 1, 70000, 0, null, null, null],
      ['google', 'search', 2, 0, 0, 50000, 25000, null, -1],
      ['vk', '', 0, 0, 0, 30000, null, null, -1],
    ]);
    const t = res.body.total;
    expect([t.leads, t.won, t.revenue, t.cost, t.costPerLead, t.costPerSale]).toEqual([8, 5, 760000, 300000, 37500, 60000]);
    expect(t.roi).toBeCloseTo(460000 / 300000, 10);
  });

  it('groups by channel with the new companies of the source', async () => {
    const rows = (await marketer.get('/sources/roi?period=2026-Q1&by=channel')).body.rows;
    expect(rows.map((r: any) => [r.channel, r.campaign, r.leads, r.newCompanies, r.won, r.revenue, r.cost, r.costPerLead, r.costPerSale])).toEqual([
      ['yandex', null, 5, 2, 4, 690000, 220000, 44000, 55000],
      [null, null, 1, 0, 1, 70000, 0, null, null],
      ['google', null, 2, 0, 0, 0, 50000, 25000, null],
      ['vk', null, 0, 0, 0, 0, 30000, null, null],
    ]);
    expect(rows[0].roi).toBeCloseTo(470000 / 220000, 10);
    expect((await marketer.get('/sources/roi?period=2026-Q5')).status).toBe(422);
  });

  it('leads and sales follow the deal read scope (costs are company-wide)', async () => {
    const res = await ownScoped.client.get('/sources/roi?period=2026-Q1&by=channel');
    expect(res.body.rows.map((r: any) => [r.channel, r.leads, r.newCompanies, r.won, r.revenue, r.cost])).toEqual([
      ['yandex', 1, 1, 1, 300000, 220000],
      ['google', 0, 0, 0, 0, 50000],
      ['vk', 0, 0, 0, 0, 30000],
    ]);
    expect((await (await userClient(v, 'sales_manager')).client.get('/sources/roi?period=2026-Q1')).status).toBe(403);
  });

  it('lists the channels and campaigns in use', async () => {
    expect((await marketer.get('/sources/channels')).body.channels).toEqual([
      { channel: 'google', campaigns: ['search'] },
      { channel: 'vk', campaigns: [] },
      { channel: 'yandex', campaigns: ['brand'] },
    ]);
  });
});
