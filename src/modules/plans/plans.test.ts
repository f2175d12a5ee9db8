import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { fieldIssues } from '../../../test/deals.js';
import { userClient } from '../../../test/factories.js';
import { makePlans, plansData, type PlansData } from '../../../test/plans-data.js';
import { monthsOf, periodOf } from '../../shared/periods.js';

describe.each(engines())('plans (%s)', (engine) => {
  let v: TestVoronka;
  let d: PlansData;
  let plans: Record<string, string>;
  beforeAll(async () => {
    v = await startTestApp(engine);
    d = await plansData(v);
    plans = await makePlans(d);
  }, 120_000);
  afterAll(async () => v?.destroy());

  const row = (items: any[], kind: string, id: string | null) => items.find((r) => r.target.kind === kind && r.target.id === id);

  it('validates plans and names the fields', async () => {
    const bad = await d.admin.post('/plans', { targetKind: 'user', period: '2026-13', revenue: -1, calls: 1.5 });
    expect(bad.status).toBe(422);
    expect(fieldIssues(bad).map((f) => f.split(':')[0])).toEqual(expect.arrayContaining(['period', 'revenue', 'calls']));
    expect(fieldIssues(await d.admin.post('/plans', { targetKind: 'user', period: '2026-06', revenue: 1 }))).toEqual(['targetId:plan.target_required']);
    expect(fieldIssues(await d.admin.post('/plans', { targetKind: 'department', targetId: d.m1.id, period: '2026-06', revenue: 1 }))).toEqual(['targetId:plan.target_not_found']);
    expect(fieldIssues(await d.admin.post('/plans', { targetKind: 'company', targetId: d.sales, period: '2026-06', revenue: 1 }))).toEqual(['targetId:plan.target_not_allowed']);
    expect(fieldIssues(await d.admin.post('/plans', { targetKind: 'company', period: '2026-06' }))).toEqual(['revenue:plan.empty']);
    expect((await d.admin.post('/plans', { targetKind: 'company', period: '2026-06', revenue: 1, extra: 1 })).status).toBe(422);
    const dup = await d.admin.post('/plans', { targetKind: 'user', targetId: d.m1.id, period: '2026-04', revenue: 1 });
    expect(dup.status).toBe(409);
    expect(fieldIssues(dup)).toEqual(['period:plan.duplicate']);
  });

  it('updates with a version, audits every change, deletes', async () => {
    const created = await d.admin.post('/plans', { targetKind: 'user', targetId: d.m2.id, period: '2027-01', revenue: 1000, note: 'first' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ target: { kind: 'user', id: d.m2.id }, periodKind: 'month', revenue: 1000, deals: null, version: 1 });
    const id = created.body.id;
    const [a, b] = await Promise.all([d.admin.patch(`/plans/${id}`, { version: 1, revenue: 2000 }), d.admin.patch(`/plans/${id}`, { version: 1, calls: 7 })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const now = await d.admin.get(`/plans/${id}`);
    expect(now.body.version).toBe(2);
    expect(fieldIssues(await d.admin.patch(`/plans/${id}`, { version: 2, revenue: null, calls: null }))).toEqual(['revenue:plan.empty']);
    const audit = await v.ctx.database.db.selectFrom('audit_log').select(['action', 'field']).where('entity', '=', 'plan').where('entity_id', '=', id).execute();
    expect(audit.filter((r) => r.action === 'create').map((r) => r.field)).toEqual(expect.arrayContaining(['revenue', 'period', 'target', 'note']));
    expect(audit.filter((r) => r.action === 'update')).toHaveLength(1);
    expect((await d.admin.delete(`/plans/${id}`)).status).toBe(204);
    expect((await d.admin.get(`/plans/${id}`)).status).toBe(404);
    const deleted = await v.ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', '=', 'delete').execute();
    expect(deleted.length).toBeGreaterThan(0);
  });

  it('plan vs actual for a month: users, and a department with its subdepartment', async () => {
    const res = await d.admin.get('/plans/progress?period=2026-04');
    expect(res.status).toBe(200);
    expect(res.body.baseCurrency).toBe('RUB');
    expect(res.body.items.map((r: any) => r.target.kind)).toEqual(['department', 'user', 'user']);
    const sales = row(res.body.items, 'department', d.sales);
    // 10,000,000 + 5,000,000 (m1) + 3,000,000 (m2, Sub) of 30,000,000; the EUR deal counts as won but has no rate
    expect(sales.actual).toEqual({ revenue: 18_000_000, deals: 4, calls: 4, meetings: 2, proposals: 1, unconverted: [{ currency: 'EUR', amount: 100_000 }] });
    expect(sales.percent).toEqual({ revenue: 60, deals: null, calls: null, meetings: null, proposals: null });
    const m1 = row(res.body.items, 'user', d.m1.id);
    expect(m1).toMatchObject({ planId: plans.m1April, derived: false, plan: { revenue: 20_000_000, deals: 4, calls: 10, meetings: 4, proposals: 2 } });
    expect(m1.actual).toEqual({ revenue: 15_000_000, deals: 2, calls: 3, meetings: 2, proposals: 1, unconverted: [] });
    expect(m1.percent).toEqual({ revenue: 75, deals: 50, calls: 30, meetings: 50, proposals: 50 });
    const m2 = row(res.body.items, 'user', d.m2.id);
    expect(m2.percent).toEqual({ revenue: 60, deals: null, calls: 20, meetings: null, proposals: null });
  });

  it('a quarter: its own plan, or the sum of its months', async () => {
    const res = await d.admin.get('/plans/progress?period=2026-Q2');
    const company = row(res.body.items, 'company', null);
    expect(company).toMatchObject({ derived: false, plan: { revenue: 100_000_000 }, actual: { revenue: 25_000_000, deals: 5 }, percent: { revenue: 25 } });
    const m1 = row(res.body.items, 'user', d.m1.id);
    expect(m1).toMatchObject({ derived: true, planId: null, plan: { revenue: 30_000_000, deals: 6, calls: 10, meetings: 4, proposals: 2 } });
    expect(m1.actual).toMatchObject({ revenue: 22_000_000, deals: 3, calls: 4 });
    expect(m1.percent).toEqual({ revenue: 73.3, deals: 50, calls: 40, meetings: 50, proposals: 50 });
    expect(row(res.body.items, 'department', d.sales)).toMatchObject({ derived: true, plan: { revenue: 30_000_000 }, actual: { revenue: 25_000_000 }, percent: { revenue: 83.3 } });
  });

  it('reverse conversion from the plan and from a typed target, over the three months before', async () => {
    const res = await d.admin.get(`/plans/planner?targetKind=user&targetId=${d.m1.id}&period=2026-04&historyMonths=3`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ revenue: 20_000_000, revenueSource: 'plan', workingDays: 22, remainingWorkingDays: 0 });
    expect(res.body.history).toEqual({
      from: '2026-01-01', to: '2026-04-01', won: 2, wonRevenue: 20_000_000, proposals: 3, meetings: 6, calls: 12,
      averageDeal: 10_000_000, proposalToWon: 0.6667, meetingToProposal: 0.5, callToMeeting: 0.5,
    });
    expect(res.body.steps).toEqual([
      { key: 'deals', needed: 2, perWorkingDay: 0.1, done: 2, scheduled: 1, gap: 0, perRemainingDay: null },
      { key: 'proposals', needed: 3, perWorkingDay: 0.1, done: 1, scheduled: 0, gap: 2, perRemainingDay: null },
      { key: 'meetings', needed: 6, perWorkingDay: 0.3, done: 2, scheduled: 1, gap: 3, perRemainingDay: null },
      { key: 'calls', needed: 12, perWorkingDay: 0.5, done: 3, scheduled: 1, gap: 8, perRemainingDay: null },
    ]);
    const typed = await d.admin.get(`/plans/planner?targetKind=user&targetId=${d.m1.id}&period=2026-04&historyMonths=3&revenue=30000000`);
    // 30M / 10M = 3 deals; ceil(3 x 3 / 2) = 5 proposals; ceil(5 x 6 / 3) = 10 meetings; ceil(10 x 12 / 6) = 20 calls
    expect(typed.body.revenueSource).toBe('input');
    expect(typed.body.steps.map((s: any) => s.needed)).toEqual([3, 5, 10, 20]);
    expect(fieldIssues(await d.admin.get(`/plans/planner?period=2026-04&historyMonths=0`))).toEqual(['query.historyMonths:validation.too_small']);
  });

  it('forecasts: weighted pipeline and the historical one, with stage statistics', async () => {
    const now = new Date();
    const quarter = periodOf('quarter', now.toISOString().slice(0, 10));
    const res = await d.admin.get(`/plans/forecast?targetKind=user&targetId=${d.m1.id}&period=${quarter}&historyMonths=60`);
    expect(res.status).toBe(200);
    const lead = res.body.stages.find((s: any) => s.stageId === d.pipeline.stage.lead);
    const offer = res.body.stages.find((s: any) => s.stageId === d.pipeline.stage.offer);
    // Lead: H1, H2 won (21 and 13 days to the win), the lost one entered too; Offer: H1, H2 (9 and 5 days)
    expect(lead).toMatchObject({ entered: 3, won: 2, winRate: 0.6667, remainingDays: 17 });
    expect(offer).toMatchObject({ entered: 2, won: 2, winRate: 1, remainingDays: 7 });
    const months: Record<string, any> = Object.fromEntries(res.body.months.map((m: any) => [m.month, m]));
    expect(Object.keys(months)).toEqual(monthsOf(quarter));
    // the Lead deal: 6,000,000 x 10 % in the current month (its April date is overdue); the Offer deal has no date
    expect(months[now.toISOString().slice(0, 7)].weighted).toBe(600_000);
    const inDays = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 7);
    const expected: Record<string, number> = {};
    expected[inDays(17)] = (expected[inDays(17)] ?? 0) + 4_000_200;
    expected[inDays(7)] = (expected[inDays(7)] ?? 0) + 4_000_000;
    for (const m of monthsOf(quarter)) expect(months[m].historical).toBe(expected[m] ?? 0);
    const deal = res.body.deals.find((x: any) => x.id === d.open.offer);
    expect(deal).toMatchObject({ amount: 4_000_000, probability: 80, weighted: 3_200_000, winRate: 1, historical: 4_000_000, expectedClose: null });
  });

  it('a manager sees only their own plans and numbers', async () => {
    const m1 = d.m1.client;
    const list = await m1.get('/plans');
    expect(list.body.items.map((p: any) => p.id).sort()).toEqual([plans.m1April, plans.m1May].sort());
    expect((await m1.get(`/plans/${plans.m2April}`)).status).toBe(404);
    expect((await m1.post('/plans', { targetKind: 'user', targetId: d.m1.id, period: '2027-02', revenue: 1 })).status).toBe(403);
    expect((await m1.patch(`/plans/${plans.m1April}`, { version: 1, revenue: 1 })).status).toBe(403);
    const progress = await m1.get('/plans/progress?period=2026-04');
    expect(progress.body.items.map((r: any) => r.target.id)).toEqual([d.m1.id]);
    expect((await m1.get(`/plans/planner?targetKind=user&targetId=${d.m2.id}&period=2026-04`)).status).toBe(404);
    expect((await m1.get(`/plans/forecast?targetKind=company&period=2026-Q2`)).status).toBe(404);
    expect((await m1.get(`/plans/planner?period=2026-04&historyMonths=3`)).body.history.won).toBe(2);
    const { client: marketer } = await userClient(v, 'operator');
    expect((await marketer.get('/plans')).status).toBe(403);
  });

  it('a team lead with department scopes sees the plans and numbers of their department tree only', async () => {
    const dept = { read: 'department', create: 'department', update: 'department', delete: 'department' };
    const role = await d.admin.post('/roles', { key: 'team_lead', name: 'Team lead', permissions: { plan: dept, deal: { read: 'department' }, activity: { read: 'department' } } });
    expect(role.status).toBe(201);
    const { client: lead } = await userClient(v, 'team_lead', d.sub);
    const list = await lead.get('/plans');
    expect(list.body.items.map((p: any) => p.id)).toEqual([plans.m2April]);
    expect((await lead.get(`/plans/${plans.m1April}`)).status).toBe(404);
    expect((await lead.post('/plans', { targetKind: 'department', targetId: d.sales, period: '2027-03', revenue: 1 })).status).toBe(403);
    const own = await lead.post('/plans', { targetKind: 'department', targetId: d.sub, period: '2026-04', revenue: 6_000_000 });
    expect(own.status).toBe(201);
    const progress = await lead.get('/plans/progress?period=2026-04');
    expect(progress.body.items.map((r: any) => [r.target.id, r.actual.revenue, r.percent.revenue])).toEqual([[d.sub, 3_000_000, 50], [d.m2.id, 3_000_000, 60]]);
    expect((await lead.get(`/plans/planner?targetKind=department&targetId=${d.sales}&period=2026-04`)).status).toBe(404);
    expect((await d.admin.delete(`/plans/${own.body.id}`)).status).toBe(204);
  });

  it('a head of sales sees the department and the company', async () => {
    const progress = await d.head.client.get('/plans/progress?period=2026-04');
    expect(progress.body.items).toHaveLength(3);
    const forecast = await d.head.client.get(`/plans/forecast?targetKind=department&targetId=${d.sub}&period=2026-Q2`);
    expect(forecast.status).toBe(200);
    expect(forecast.body.months.map((m: any) => m.actual)).toEqual([3_000_000, 0, 0]);
  });
});
