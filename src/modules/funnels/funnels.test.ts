import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { buildFunnelFixture, DAY, type FunnelFixture } from '../../../test/funnels.js';
import { fieldIssues } from '../../../test/deals.js';
import { rebuildFunnelEntries } from './index.js';

/** Hand-computed numbers on the fixed data set of test/funnels.ts (see its comment for the deals' paths). */

type Numbers = { stages: { entered: number; lost: number; lostReasons: { reasonId: string | null; count: number }[]; conversion: number | null; avgSeconds: number | null }[]; entered: number; won: number; lost: number; conversion: number | null };
/** Per stage (Lead, Meeting, Offer, Won, Lost): [entered, lost, conversion, average days]. */
const table = (n: Numbers) => n.stages.map((s) => [s.entered, s.lost, s.conversion, s.avgSeconds === null ? null : s.avgSeconds / DAY]);
const summary = (n: Numbers) => [n.entered, n.won, n.lost, n.conversion];

describe.each(engines())('funnels on %s', (engine) => {
  let v: TestVoronka;
  let f: FunnelFixture;
  const qs = (q: Record<string, string>) => new URLSearchParams({ pipelineId: f.pipeline.id, ...q }).toString();
  const funnel = async (q: Record<string, string>, client = f.admin) => {
    const res = await client.get(`/funnels/deals?${qs(q)}`);
    expect(res.status).toBe(200);
    return res.body as { total: Numbers; groups: { id: string | null; name: string | null; numbers: Numbers }[]; stages: { name: string }[] };
  };
  const titles = async (q: Record<string, string>, client = f.admin) => {
    const res = await client.get(`/funnels/deals/list?${qs(q)}`);
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[]).map((d) => Object.entries(f.deals).find(([, id]) => id === d.id)![0]);
  };

  beforeAll(async () => {
    v = await startTestApp(engine, { SESSION_TTL_HOURS: String(24 * 365) });
    f = await buildFunnelFixture(v);
  });
  afterAll(() => v.destroy());

  it('counts entries per stage (skipped stages passed), conversions, lost with reasons and time in stage for the quarter', async () => {
    const r = await funnel({ period: '2026-Q1' });
    expect(r.stages.map((s) => s.name)).toEqual(['Lead', 'Meeting', 'Offer', 'Won', 'Lost']);
    expect(table(r.total)).toEqual([
      [5, 1, 1, 3.5],
      [5, 0, 0.8, 3.5],
      [4, 1, 0.5, 6],
      [2, 0, null, null],
      [2, 0, null, null],
    ]);
    expect(summary(r.total)).toEqual([5, 2, 2, 0.4]);
    expect(r.total.stages[0]!.lostReasons).toEqual([{ reasonId: f.reasons.r2, name: 'No budget', count: 1 }]);
    expect(r.total.stages[2]!.lostReasons).toEqual([{ reasonId: f.reasons.r1, name: 'Price too high', count: 1 }]);
  });

  it('splits the funnel by manager and by department, and filters by a department tree, client, product and range', async () => {
    const byOwner = await funnel({ period: '2026-Q1' });
    const of = (id: string) => byOwner.groups.find((g) => g.id === id)!.numbers;
    expect(byOwner.groups).toHaveLength(3);
    expect(table(of(f.m1.id))).toEqual([[2, 0, 1.5, 1.5], [3, 0, 1, 5], [3, 1, 0.3333, 6], [1, 0, null, null], [1, 0, null, null]]);
    expect(summary(of(f.m1.id))).toEqual([2, 1, 1, 0.5]);
    expect(table(of(f.m2.id))).toEqual([[2, 1, 0.5, 5.5], [1, 0, 0, 2], [0, 0, null, null], [0, 0, null, null], [1, 0, null, null]]);
    expect(summary(of(f.m2.id))).toEqual([2, 0, 1, 0]);
    expect(table(of(f.m3.id))).toEqual([[1, 0, 1, null], [1, 0, 1, null], [1, 0, 1, null], [1, 0, null, null], [0, 0, null, null]]);

    const byDept = await funnel({ period: '2026-Q1', groupBy: 'department' });
    expect(byDept.groups.map((g) => [g.name, g.numbers.entered]).sort()).toEqual([['East', 2], ['Other', 1], ['Sales', 2]]);
    const sales = await funnel({ period: '2026-Q1', departmentId: f.sales, groupBy: 'none' });
    expect(sales.groups).toEqual([]);
    expect(table(sales.total).map((s) => s[0])).toEqual([4, 4, 3, 1, 2]);

    const client = await funnel({ period: '2026-Q1', companyId: f.companies.a });
    expect(table(client.total).map((s) => s.slice(0, 2))).toEqual([[3, 1], [2, 0], [2, 1], [1, 0], [2, 0]]);
    expect(summary(client.total)).toEqual([3, 1, 2, 0.3333]);
    const product = await funnel({ period: '2026-Q1', productId: f.products.x });
    expect(table(product.total).map((s) => s.slice(0, 2))).toEqual([[2, 0], [2, 0], [2, 1], [1, 0], [1, 0]]);

    const range = await funnel({ from: '2026-01-01', to: '2026-01-13' });
    expect(table(range.total).map((s) => s[0])).toEqual([2, 2, 1, 0, 0]);
    // December days of 2025 plus the whole January (month sums and day sums together).
    const mixed = await funnel({ from: '2025-12-20', to: '2026-02-01' });
    expect(table(mixed.total).map((s) => s[0])).toEqual([5, 2, 2, 1, 2]);
    expect(table((await funnel({ period: '2026-Q2' })).total).map((s) => s[0])).toEqual([1, 0, 0, 0, 0]);
  });

  it('drills every number down to its deals, page by page', async () => {
    const first = await f.admin.get(`/funnels/deals/list?${qs({ period: '2026-Q1', stageId: f.pipeline.lead, limit: '2' })}`);
    expect(first.body.items.map((d: { title: string }) => d.title)).toEqual(['D1', 'D2']);
    expect(first.body.items[0]).toMatchObject({ companyName: 'Client A', stageName: 'Won', status: 'won', enteredAt: new Date(Date.UTC(2026, 0, 6, 10)).toISOString() });
    const second = await f.admin.get(`/funnels/deals/list?${qs({ period: '2026-Q1', stageId: f.pipeline.lead, limit: '2', cursor: first.body.nextCursor })}`);
    expect(second.body.items.map((d: { title: string }) => d.title)).toEqual(['D3', 'D4']);
    const third = await f.admin.get(`/funnels/deals/list?${qs({ period: '2026-Q1', stageId: f.pipeline.lead, limit: '2', cursor: second.body.nextCursor })}`);
    expect(third.body.items.map((d: { title: string }) => d.title)).toEqual(['D7']);
    expect(third.body.nextCursor).toBeNull();

    expect(await titles({ period: '2026-Q1', stageId: f.pipeline.meeting })).toEqual(['d1', 'd4', 'd2', 'd6', 'd7'].sort((a, b) => order[a]! - order[b]!));
    expect(await titles({ period: '2026-Q1', stageId: f.pipeline.won })).toEqual(['d1', 'd7']);
    expect(await titles({ period: '2026-Q1', stageId: f.pipeline.lead, measure: 'lost' })).toEqual(['d3']);
    expect(await titles({ period: '2026-Q1', stageId: f.pipeline.offer, measure: 'lost', lostReasonId: f.reasons.r1 })).toEqual(['d2']);
    expect(await titles({ period: '2026-Q1', stageId: f.pipeline.offer, measure: 'lost', lostReasonId: 'none' })).toEqual([]);
    expect(await titles({ period: '2026-Q1', stageId: f.pipeline.offer, ownerId: f.m1.id })).toEqual(['d2', 'd1', 'd6']);
  });

  it('counts the activity funnel per manager and the rejections by manager, stage and product', async () => {
    const a = await f.admin.get('/funnels/activities?period=2026-Q1');
    expect(a.status).toBe(200);
    expect(a.body.total).toEqual({ calls: 4, meetings: 1, proposals: 1, deals: 5, won: 2 });
    const of = (id: string) => a.body.managers.find((m: { id: string }) => m.id === id).numbers;
    expect(of(f.m1.id)).toEqual({ calls: 3, meetings: 1, proposals: 1, deals: 2, won: 1 });
    expect(of(f.m2.id)).toEqual({ calls: 1, meetings: 0, proposals: 0, deals: 2, won: 0 });
    expect(of(f.m3.id)).toEqual({ calls: 0, meetings: 0, proposals: 0, deals: 1, won: 1 });

    const rows = async (by: string) => {
      const res = await f.admin.get(`/funnels/rejections?${qs({ period: '2026-Q1', by })}`);
      expect(res.status).toBe(200);
      return [res.body.total, res.body.rows.map((r: { name: string; counts: { name: string; count: number }[] }) => [r.name, r.counts.map((c) => `${c.name}:${c.count}`).join()]).sort()];
    };
    const names = new Map([[f.m1.id, 'm1'], [f.m2.id, 'm2']]);
    const owners = await f.admin.get(`/funnels/rejections?${qs({ period: '2026-Q1', by: 'owner' })}`);
    expect(owners.body.rows.map((r: { id: string; total: number }) => [names.get(r.id), r.total]).sort()).toEqual([['m1', 1], ['m2', 1]]);
    expect(await rows('stage')).toEqual([2, [['Lead', 'No budget:1'], ['Offer', 'Price too high:1']]]);
    expect(await rows('product')).toEqual([2, [['Product X', 'Price too high:1'], ['Product Y', 'No budget:1']]]);
  });

  it('refuses bad periods and stages naming the field', async () => {
    expect(fieldIssues(await f.admin.get(`/funnels/deals?${qs({})}`))).toEqual(['query.period:funnel.period_required']);
    expect(fieldIssues(await f.admin.get(`/funnels/deals?${qs({ from: '2026-02-01', to: '2026-01-01' })}`))).toEqual(['query.to:funnel.range_reversed']);
    expect(fieldIssues(await f.admin.get(`/funnels/deals?${qs({ period: '2026-Q5' })}`))).toEqual(['query.period:validation.custom']);
    expect(fieldIssues(await f.admin.get(`/funnels/deals/list?${qs({ period: '2026-Q1', stageId: f.pipeline.won, measure: 'lost' })}`))).toEqual(['query.measure:funnel.lost_needs_open_stage']);
  });

  it('keeps the funnel facts equal to a rebuild from the stage history, and follows owner changes and deletes', async () => {
    const db = v.ctx.database.db;
    const snapshot = () => db.selectFrom('deal_funnel_entries').selectAll().orderBy('deal_id').orderBy('stage_id').execute().then((rows) => rows.map((r) => ({ ...r, seconds: r.seconds === null ? null : Number(r.seconds) })));
    const kept = await snapshot();
    expect(kept).toHaveLength(20);
    const keptDays = await db.selectFrom('deal_funnel_days').selectAll().orderBy(['pipeline_id', 'day', 'owner_key', 'stage_id']).execute();
    await rebuildFunnelEntries(db);
    expect(await snapshot()).toEqual(kept);
    expect(await db.selectFrom('deal_funnel_days').selectAll().orderBy(['pipeline_id', 'day', 'owner_key', 'stage_id']).execute()).toEqual(keptDays);

    const d4 = (await f.admin.get(`/deals/${f.deals.d4}`)).body;
    expect((await f.admin.patch(`/deals/${f.deals.d4}`, { version: d4.version, ownerId: f.m3.id })).status).toBe(200);
    expect((await f.admin.delete(`/deals/${f.deals.d3}`)).status).toBe(204);
    const r = await funnel({ period: '2026-Q1' });
    expect(table(r.total).map((s) => s[0])).toEqual([4, 5, 4, 2, 1]);
    expect(r.groups.find((g) => g.id === f.m2.id)).toBeUndefined();
    expect(table(r.groups.find((g) => g.id === f.m3.id)!.numbers).map((s) => s[0])).toEqual([2, 2, 1, 1, 0]);
    const daily = () =>
      db.selectFrom('deal_funnel_days').selectAll().where('entered', '<>', 0).orderBy(['pipeline_id', 'day', 'owner_key', 'stage_id']).execute()
        .then((rows) => rows.map((x) => ({ ...x, entered: Number(x.entered), stays: Number(x.stays), seconds: Number(x.seconds) })));
    const sums = await daily();
    const facts = await snapshot();
    await rebuildFunnelEntries(db);
    expect(await snapshot()).toEqual(facts);
    expect(await daily()).toEqual(sums);

    // A lost deal's reason edited: the lost counts follow it, and the facts still equal a rebuild.
    const d2 = (await f.admin.get(`/deals/${f.deals.d2}`)).body;
    expect((await f.admin.patch(`/deals/${f.deals.d2}`, { version: d2.version, lostReasonId: f.reasons.r2 })).status).toBe(200);
    const reasons = (await funnel({ period: '2026-Q1' })).total.stages.flatMap((st) => st.lostReasons);
    expect(reasons.find((x) => x.reasonId === f.reasons.r1)).toBeUndefined();
    expect(reasons.find((x) => x.reasonId === f.reasons.r2)?.count).toBeGreaterThanOrEqual(1);
    const edited = await snapshot();
    expect(edited.filter((e) => e.deal_id === f.deals.d2 && e.stage_id === f.pipeline.lost)).toEqual([expect.objectContaining({ lost_reason_id: f.reasons.r2 })]);
    await rebuildFunnelEntries(db);
    expect(await snapshot()).toEqual(edited);
  });
});

/** Days the fixture's deals entered Meeting (for the drill-down order). */
const order: Record<string, number> = { d1: 7, d2: 11, d4: 34, d6: 50, d7: 60 };
