import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages } from '../../../test/activities.js';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues } from '../../../test/deals.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { at, buildFunnelFixture, type FunnelFixture } from '../../../test/funnels.js';
import { rebuildFunnelEntries } from './index.js';

/**
 * Drill-downs of the rejections and the activity funnel on the fixed data set of test/funnels.ts: every count
 * equals the length of its list (read page by page), and the lists hold the hand-picked deals and activities.
 */

type Row = { id: string | null; name: string | null; counts: { reasonId: string | null; count: number }[]; total: number };
type Steps = Record<'calls' | 'meetings' | 'proposals' | 'deals' | 'won', number>;
const activityTypes = { calls: 'call', meetings: 'meeting', proposals: 'proposal' } as const;

describe.each(engines())('funnel drill-downs on %s', (engine) => {
  let v: TestVoronka;
  let f: FunnelFixture;
  const qs = (q: Record<string, string | undefined>) => new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  const titles = (items: { title: string }[]) => items.map((d) => d.title);
  const deals = (client: TestClient, q: Record<string, string | undefined>) => allPages(client, `/funnels/deals/list?${qs({ period: '2026-Q1', limit: '1', ...q })}`);
  const activities = (client: TestClient, q: Record<string, string | undefined>) => allPages(client, `/funnels/activities/list?${qs({ period: '2026-Q1', limit: '2', ...q })}`);
  const rejections = async (client: TestClient, q: Record<string, string | undefined>) => {
    const res = await client.get(`/funnels/rejections?${qs({ period: '2026-Q1', ...q })}`);
    expect(res.status).toBe(200);
    return res.body as { rows: Row[]; total: number };
  };

  /** Every cell, row total and the grand total of a rejections table against its drill-down; returns the cells' deals (manager rows by id). */
  const checkRejections = async (client: TestClient, q: Record<string, string | undefined>) => {
    const r = await rejections(client, q);
    const cells: Record<string, string[]> = {};
    const key = { owner: 'ownerId', product: 'lineProductId', stage: 'stageId' }[q.by!]!;
    for (const row of r.rows) {
      const of = { ...q, by: undefined, measure: 'lost', [key]: row.id ?? 'none' };
      for (const c of row.counts) {
        const list = await deals(client, { ...of, lostReasonId: c.reasonId ?? 'none' });
        expect(list).toHaveLength(c.count);
        cells[`${(q.by === 'owner' ? row.id : row.name) ?? '-'}/${c.reasonId ?? '-'}`] = titles(list);
      }
      expect(await deals(client, of)).toHaveLength(row.total);
    }
    expect(await deals(client, { ...q, by: undefined, measure: 'lost' })).toHaveLength(r.total);
    return cells;
  };

  /** Every number of the activity funnel (each manager's and the total) against its drill-down. */
  const checkActivityFunnel = async (client: TestClient, q: Record<string, string | undefined> = {}) => {
    const res = await client.get(`/funnels/activities?${qs({ period: '2026-Q1', ...q })}`);
    expect(res.status).toBe(200);
    const rows: { id?: string; numbers: Steps }[] = [...res.body.managers, { numbers: res.body.total }];
    for (const row of rows) {
      const of = { ...q, ...(row.id && { ownerId: row.id }) };
      for (const [step, type] of Object.entries(activityTypes)) expect(await activities(client, { ...of, type })).toHaveLength(row.numbers[step as keyof Steps]);
      expect(await deals(client, { ...of, measure: 'created' })).toHaveLength(row.numbers.deals);
      expect(await deals(client, { ...of, measure: 'won' })).toHaveLength(row.numbers.won);
    }
    return res.body as { total: Steps };
  };

  beforeAll(async () => {
    v = await startTestApp(engine, { SESSION_TTL_HOURS: String(24 * 365) });
    f = await buildFunnelFixture(v);
  });
  afterAll(() => v.destroy());

  it('drills every rejections count (by manager, product and stage, per reason) down to its lost deals', async () => {
    const pipelineId = f.pipeline.id;
    const { r1, r2 } = f.reasons;
    expect(await checkRejections(f.admin, { pipelineId, by: 'owner' })).toEqual({ [`${f.m1.id}/${r1}`]: ['D2'], [`${f.m2.id}/${r2}`]: ['D3'] });
    expect(await checkRejections(f.admin, { pipelineId, by: 'stage' })).toEqual({ [`Offer/${r1}`]: ['D2'], [`Lead/${r2}`]: ['D3'] });
    expect(await checkRejections(f.admin, { pipelineId, by: 'product' })).toEqual({ [`Product X/${r1}`]: ['D2'], [`Product Y/${r2}`]: ['D3'] });
    // Every pipeline, a client, a product (the product rows: products on the deals that have it), a department.
    expect(await checkRejections(f.admin, { by: 'stage' })).toEqual({ [`Offer/${r1}`]: ['D2'], [`Lead/${r2}`]: ['D3'] });
    expect(Object.keys(await checkRejections(f.admin, { pipelineId, by: 'owner', companyId: f.companies.a }))).toHaveLength(2);
    expect(await checkRejections(f.admin, { pipelineId, by: 'product', productId: f.products.x })).toEqual({ [`Product X/${r1}`]: ['D2'] });
    expect(await checkRejections(f.admin, { pipelineId, by: 'owner', departmentId: f.east })).toEqual({ [`${f.m2.id}/${r2}`]: ['D3'] });
    expect(await checkRejections(f.admin, { pipelineId, by: 'stage', period: '2026-Q2' })).toEqual({});
  });

  it('drills the activity funnel down to the activities done and the deals created and won', async () => {
    expect(await checkActivityFunnel(f.admin)).toMatchObject({ total: { calls: 4, meetings: 1, proposals: 1, deals: 5, won: 2 } });
    await checkActivityFunnel(f.admin, { departmentId: f.sales });
    const calls = await activities(f.admin, { ownerId: f.m1.id, type: 'call' });
    expect(calls.map((a) => a.doneAt)).toEqual([3, 40, 70].map((d) => new Date(at(d)).toISOString()));
    const [meeting] = await activities(f.admin, { type: 'meeting' });
    expect(meeting).toMatchObject({ type: 'meeting', companyId: f.companies.a, companyName: 'Client A', ownerId: f.m1.id, subject: 'Demo', result: 'Agreed on a trial' });
    expect(titles(await deals(f.admin, { measure: 'created' }))).toEqual(['D1', 'D2', 'D3', 'D4', 'D7']);
    expect(titles(await deals(f.admin, { measure: 'won' }))).toEqual(['D1', 'D7']);
    expect(titles(await deals(f.admin, { measure: 'created', ownerId: f.m2.id }))).toEqual(['D3', 'D4']);
    expect((await deals(f.admin, { measure: 'created', ownerId: f.m1.id }))[0]).toMatchObject({ title: 'D1', enteredAt: new Date(at(5)).toISOString() });
  });

  it("keeps a manager's and a head's drill-downs inside their read scope", async () => {
    const role = await f.admin.post('/roles', { key: 'drill_head', name: 'Head', permissions: { deal: { read: 'department' }, activity: { read: 'department' }, pipeline: { read: 'all' } } });
    expect(role.status).toBe(201);
    const head = (await userClient(v, 'drill_head', f.sales)).client;
    const m1 = f.m1.client;

    expect(await checkActivityFunnel(m1)).toMatchObject({ total: { calls: 3, meetings: 1, proposals: 1, deals: 2, won: 1 } });
    expect(await activities(m1, { type: 'call', ownerId: f.m2.id })).toEqual([]);
    expect(await activities(m1, { type: 'call', departmentId: f.east })).toEqual([]);
    expect((await activities(m1, { type: 'call' })).map((a) => a.ownerId)).toEqual([f.m1.id, f.m1.id, f.m1.id]);
    expect(await deals(m1, { measure: 'created', ownerId: f.m2.id })).toEqual([]);
    expect(await deals(m1, { measure: 'lost', ownerId: 'none' })).toEqual([]);
    expect(await checkRejections(m1, { pipelineId: f.pipeline.id, by: 'owner' })).toEqual({ [`${f.m1.id}/${f.reasons.r1}`]: ['D2'] });

    expect(await checkActivityFunnel(head)).toMatchObject({ total: { calls: 4, meetings: 1, proposals: 1, deals: 4, won: 1 } });
    expect((await activities(head, { type: 'call' })).map((a) => a.ownerId).sort()).toEqual([f.m1.id, f.m1.id, f.m1.id, f.m2.id].sort());
    expect(await activities(head, { type: 'call', ownerId: f.m3.id })).toEqual([]);
    expect(await deals(head, { measure: 'won', ownerId: f.m3.id })).toEqual([]);
    expect(Object.values(await checkRejections(head, { by: 'stage' })).flat().sort()).toEqual(['D2', 'D3']);

    const noActivities = await f.admin.post('/roles', { key: 'deals_only', name: 'Deals only', permissions: { deal: { read: 'all' }, pipeline: { read: 'all' } } });
    expect(noActivities.status).toBe(201);
    const dealsOnly = (await userClient(v, 'deals_only')).client;
    expect((await dealsOnly.get(`/funnels/activities/list?${qs({ period: '2026-Q1', type: 'call' })}`)).status).toBe(403);
  });

  it('refuses drill-downs that do not name what they count, naming the field', async () => {
    const list = (q: Record<string, string>) => f.admin.get(`/funnels/deals/list?${qs({ period: '2026-Q1', ...q })}`);
    expect(fieldIssues(await list({ stageId: f.pipeline.lead }))).toEqual(['query.pipelineId:funnel.pipeline_required']);
    expect(fieldIssues(await list({ pipelineId: f.pipeline.id }))).toEqual(['query.stageId:funnel.stage_required']);
    expect(fieldIssues(await list({ measure: 'won', stageId: f.pipeline.won }))).toEqual(['query.stageId:funnel.stage_not_allowed']);
    expect(fieldIssues(await list({ measure: 'created', lostReasonId: 'none' }))).toEqual(['query.lostReasonId:funnel.reason_needs_lost']);
    expect(fieldIssues(await list({ measure: 'lost', stageId: f.pipeline.won }))).toEqual(['query.measure:funnel.lost_needs_open_stage']);
    expect(fieldIssues(await list({ measure: 'lost', ownerId: 'nobody' }))).toEqual(['query.ownerId:validation.invalid_format']);
    const activities = (q: Record<string, string>) => f.admin.get(`/funnels/activities/list?${qs({ period: '2026-Q1', ...q })}`);
    expect(fieldIssues(await activities({ type: 'email' }))).toEqual(['query.type:validation.invalid_value']);
    expect(fieldIssues(await activities({ type: 'call', cursor: 'nonsense' }))).toEqual(['cursor:validation.cursor_invalid']);
    expect(fieldIssues(await activities({ type: 'call', period: '2026-Q1', from: '2026-01-01' }))).toEqual(['query.from:funnel.period_and_range']);
  });

  it('documents the drill-down parameters in the OpenAPI contract', async () => {
    const doc = await (await v.app.request('/api/openapi.json')).json();
    const params = (path: string) => new Map((doc.paths[`/api/v1${path}`].get.parameters as { name: string; schema: unknown }[]).map((p) => [p.name, p.schema]));
    const deals = params('/funnels/deals/list');
    expect([...deals.keys()]).toEqual(expect.arrayContaining(['pipelineId', 'stageId', 'measure', 'lostReasonId', 'ownerId', 'lineProductId', 'cursor']));
    expect(deals.get('measure')).toMatchObject({ enum: ['entered', 'lost', 'created', 'won'] });
    const list = params('/funnels/activities/list');
    expect([...list.keys()]).toEqual(expect.arrayContaining(['period', 'from', 'to', 'ownerId', 'departmentId', 'type', 'limit', 'cursor']));
    expect(list.get('type')).toMatchObject({ enum: ['call', 'meeting', 'proposal'] });
  });

  it('drills the losses of deals without a manager (all scope only)', async () => {
    const db = v.ctx.database.db;
    await db.updateTable('deals').set({ owner_id: null }).where('id', '=', f.deals.d3).execute();
    await rebuildFunnelEntries(db);
    expect(await checkRejections(f.admin, { pipelineId: f.pipeline.id, by: 'owner' })).toEqual({ [`${f.m1.id}/${f.reasons.r1}`]: ['D2'], [`-/${f.reasons.r2}`]: ['D3'] });
    expect(await deals(f.admin, { measure: 'lost', ownerId: 'none', departmentId: f.sales })).toEqual([]);
    expect(titles(await deals(f.admin, { measure: 'created', ownerId: 'none' }))).toEqual(['D3']);
  });
});

