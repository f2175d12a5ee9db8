import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { buildFunnelFixture, type FunnelFixture } from '../../../test/funnels.js';
import type { TestClient } from '../../../test/client.js';

/** Funnel numbers and drill-downs follow the deal (and activity) read scope of the signed-in user. */
describe.each(engines())('funnel access on %s', (engine) => {
  let v: TestVoronka;
  let f: FunnelFixture;
  let head: TestClient;
  const qs = (q: Record<string, string>) => new URLSearchParams({ pipelineId: f.pipeline.id, period: '2026-Q1', ...q }).toString();
  const entered = async (client: TestClient, q: Record<string, string> = {}) => {
    const res = await client.get(`/funnels/deals?${qs(q)}`);
    expect(res.status).toBe(200);
    return { total: res.body.total.stages.map((s: { entered: number }) => s.entered), groups: res.body.groups.map((g: { id: string }) => g.id).sort() };
  };
  const drilled = async (client: TestClient, q: Record<string, string>) =>
    ((await client.get(`/funnels/deals/list?${qs(q)}`)).body.items as { title: string }[]).map((d) => d.title);

  beforeAll(async () => {
    v = await startTestApp(engine, { SESSION_TTL_HOURS: String(24 * 365) });
    f = await buildFunnelFixture(v);
    const role = await f.admin.post('/roles', {
      key: 'funnel_head',
      name: 'Head of Sales department',
      permissions: { deal: { read: 'department' }, activity: { read: 'department' }, pipeline: { read: 'all' } },
    });
    expect(role.status).toBe(201);
    head = (await userClient(v, 'funnel_head', f.sales)).client;
  });
  afterAll(() => v.destroy());

  it("shows a sales manager only their own deals' numbers and deals", async () => {
    const m1 = f.m1.client;
    expect(await entered(m1)).toEqual({ total: [2, 3, 3, 1, 1], groups: [f.m1.id] });
    expect(await entered(m1, { ownerId: f.m2.id })).toEqual({ total: [0, 0, 0, 0, 0], groups: [] });
    expect(await entered(m1, { departmentId: f.east })).toEqual({ total: [0, 0, 0, 0, 0], groups: [] });
    expect(await drilled(m1, { stageId: f.pipeline.lead })).toEqual(['D1', 'D2']);
    expect(await drilled(m1, { stageId: f.pipeline.lead, measure: 'lost' })).toEqual([]);
    expect(await drilled(m1, { stageId: f.pipeline.lead, ownerId: f.m2.id })).toEqual([]);
    const activities = await m1.get('/funnels/activities?period=2026-Q1');
    expect(activities.body.managers.map((m: { id: string }) => m.id)).toEqual([f.m1.id]);
    expect(activities.body.total).toEqual({ calls: 3, meetings: 1, proposals: 1, deals: 2, won: 1 });
    const rejections = await m1.get(`/funnels/rejections?${qs({ by: 'stage' })}`);
    expect(rejections.body.total).toBe(1);
    expect(rejections.body.rows.map((r: { name: string }) => r.name)).toEqual(['Offer']);
  });

  it('shows a head with department scope the department and its sub-departments, not others', async () => {
    expect(await entered(head)).toEqual({ total: [4, 4, 3, 1, 2], groups: [f.m1.id, f.m2.id].sort() });
    expect(await drilled(head, { stageId: f.pipeline.lead })).toEqual(['D1', 'D2', 'D3', 'D4']);
    expect(await drilled(head, { stageId: f.pipeline.won })).toEqual(['D1']);
    expect((await head.get('/funnels/activities?period=2026-Q1')).body.total).toEqual({ calls: 4, meetings: 1, proposals: 1, deals: 4, won: 1 });
  });

  it('refuses a user without deal read access', async () => {
    const role = await f.admin.post('/roles', { key: 'no_deals', name: 'No deals', permissions: { company: { read: 'all' } } });
    expect(role.status).toBe(201);
    const outsider = (await userClient(v, 'no_deals')).client;
    expect((await outsider.get(`/funnels/deals?${qs({})}`)).status).toBe(403);
    expect((await outsider.get(`/funnels/deals/list?${qs({ stageId: f.pipeline.lead })}`)).status).toBe(403);
  });
});
