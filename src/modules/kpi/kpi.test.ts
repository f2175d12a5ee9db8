import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { fieldIssues, makeCompany, makeDeal } from '../../../test/deals.js';
import { makeActivity, setTimeZone } from '../../../test/activities.js';
import { userClient } from '../../../test/factories.js';
import { makePlans, plansData, type PlansData } from '../../../test/plans-data.js';
import { shiftPeriod } from '../../shared/periods.js';
import { workingDaysBetween } from '../plans/planner.js';

describe.each(engines())('KPI (%s)', (engine) => {
  let v: TestVoronka;
  let d: PlansData;
  beforeAll(async () => {
    v = await startTestApp(engine);
    d = await plansData(v);
    await makePlans(d);
  }, 120_000);
  afterAll(async () => v?.destroy());

  it('formula KPIs are validated, audited and only an administrator defines them', async () => {
    expect(fieldIssues(await d.admin.post('/kpi/formulas', { key: 'bad', name: 'Bad', formula: 'calls +' }))).toEqual(['formula:kpi.formula_syntax']);
    expect(fieldIssues(await d.admin.post('/kpi/formulas', { key: 'bad', name: 'Bad', formula: 'revenue / calls' }))).toEqual(['formula:kpi.formula_unknown_measure']);
    expect(fieldIssues(await d.admin.post('/kpi/formulas', { key: 'calls', name: 'Calls', formula: 'calls' }))).toEqual(['key:kpi.key_taken']);
    expect(fieldIssues(await d.admin.post('/kpi/formulas', { key: 'Bad key', name: 'x', formula: 'calls' }))).toEqual(['key:validation.invalid_format']);
    expect((await d.m1.client.post('/kpi/formulas', { key: 'mine', name: 'Mine', formula: 'calls' })).status).toBe(403);
    const created = await d.admin.post('/kpi/formulas', { key: 'revenue_per_call', name: 'Revenue per call', formula: 'won_revenue / calls', unit: 'money' });
    expect(created.status).toBe(201);
    expect((await d.admin.post('/kpi/formulas', { key: 'revenue_per_call', name: 'Again', formula: 'calls' })).status).toBe(409);
    const other = await d.admin.post('/kpi/formulas', { key: 'meetings_per_proposal', name: 'Meetings per proposal', formula: 'mistake' });
    expect(other.status).toBe(422);
    const ok = await d.admin.post('/kpi/formulas', { key: 'meetings_per_proposal', name: 'Meetings per proposal', formula: 'calls' });
    expect((await d.admin.patch(`/kpi/formulas/${ok.body.id}`, { formula: 'meetings / (proposals' })).status).toBe(422);
    expect((await d.admin.patch(`/kpi/formulas/${ok.body.id}`, { formula: 'meetings / proposals' })).body.formula).toBe('meetings / proposals');
    const audit = await v.ctx.database.db.selectFrom('audit_log').select(['action', 'field']).where('entity', '=', 'kpi_formula').where('entity_id', '=', ok.body.id).execute();
    expect(audit.filter((a) => a.action === 'update').map((a) => a.field)).toEqual(['formula']);
    const list = await d.m1.client.get('/kpi/formulas');
    expect(list.body.items.map((f: any) => f.key)).toEqual(['meetings_per_proposal', 'revenue_per_call']);
  });

  it('KPIs of April 2026 and the leaderboard, with the formula KPIs', async () => {
    const res = await d.admin.get('/kpi/leaderboard?period=2026-04&sort=won_revenue');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: any) => [r.rank, r.user.id])).toEqual([[1, d.m1.id], [2, d.m2.id]]);
    expect(res.body.items[0].values).toEqual({
      activities_done: 6, calls: 3, meetings: 2, proposals: 1, contacts: 5, contacts_per_day: 0.23, working_days: 22,
      won_count: 2, won_revenue: 15_000_000, lost_count: 1, conversion: 66.7, avg_deal: 7_500_000, cycle_days: 10,
      plan_revenue: 20_000_000, plan_execution: 75, overdue: 1, revenue_per_call: 5_000_000, meetings_per_proposal: 2,
    });
    // m2: the EUR deal has no rate: won twice, the revenue and the average cover the RUB one
    expect(res.body.items[1].values).toEqual({
      activities_done: 1, calls: 1, meetings: 0, proposals: 0, contacts: 1, contacts_per_day: 0.05, working_days: 22,
      won_count: 2, won_revenue: 3_000_000, lost_count: 0, conversion: 100, avg_deal: 3_000_000, cycle_days: 10,
      plan_revenue: 5_000_000, plan_execution: 60, overdue: 0, revenue_per_call: 3_000_000, meetings_per_proposal: null,
    });
    const byFormula = await d.admin.get('/kpi/leaderboard?period=2026-04&sort=meetings_per_proposal');
    expect(byFormula.body.items.map((r: any) => r.user.id)).toEqual([d.m1.id, d.m2.id]);
    const byCalls = await d.admin.get('/kpi/leaderboard?period=2026-Q2&sort=calls');
    expect(byCalls.body.items.map((r: any) => [r.user.id, r.values.calls, r.values.plan_revenue])).toEqual([[d.m1.id, 4, 30_000_000], [d.m2.id, 1, 5_000_000]]);
    expect(fieldIssues(await d.admin.get('/kpi/leaderboard?period=2026-04&sort=nope'))).toEqual(['sort:kpi.unknown_sort']);
  });

  it('a manager sees only their own row; the head of sales sees the team', async () => {
    const mine = await d.m1.client.get('/kpi/leaderboard?period=2026-04');
    expect(mine.body.items.map((r: any) => r.user.id)).toEqual([d.m1.id]);
    const team = await d.head.client.get('/kpi/leaderboard?period=2026-04');
    expect(team.body.items.map((r: any) => r.user.id)).toEqual([d.m1.id, d.m2.id]);
    await d.admin.post('/roles', { key: 'team_lead', name: 'Team lead', permissions: { plan: { read: 'department' }, deal: { read: 'department' }, activity: { read: 'department' } } });
    const { client: lead } = await userClient(v, 'team_lead', d.sub);
    const sub = await lead.get('/kpi/leaderboard?period=2026-04');
    expect(sub.body.items.map((r: any) => [r.user.id, r.values.won_revenue])).toEqual([[d.m2.id, 3_000_000]]);
  });

  it('my numbers today: done, scheduled, the month plan and what the reverse conversion needs today', async () => {
    const m3 = await userClient(v, 'sales_manager', d.sales);
    await setTimeZone(v, m3.id, 'UTC');
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    const previous = shiftPeriod(month, -1);
    const companyId = await makeCompany(d.admin, 'Today client');
    const won = await makeDeal(d.admin, { companyId, ownerId: m3.id, pipelineId: d.pipeline.id, stageId: d.pipeline.stage.won, amount: 5_000_000 });
    await v.ctx.database.db.updateTable('deals').set({ closed_at: `${previous}-10T10:00:00.000Z`, created_at: `${previous}-01T10:00:00.000Z` }).where('id', '=', won.id).execute();
    const logged = async (type: string, n: number) => {
      for (let i = 0; i < n; i++) await makeActivity(d.admin, { type, ownerId: m3.id, done: true, doneAt: `${previous}-11T10:00:00.000Z`, plannedDate: `${previous}-11` });
    };
    await logged('proposal', 2);
    await logged('meeting', 4);
    await logged('call', 8);
    await makeActivity(d.admin, { type: 'call', ownerId: m3.id, done: true, plannedDate: today });
    await makeActivity(d.admin, { type: 'meeting', ownerId: m3.id, plannedDate: today });
    expect((await d.admin.post('/plans', { targetKind: 'user', targetId: m3.id, period: month, revenue: 10_000_000, calls: 30 })).status).toBe(201);

    const res = await m3.client.get('/kpi/today');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      date: today,
      month,
      done: { calls: 1, meetings: 0, proposals: 0, activities: 1, won: 0, wonRevenue: 0 },
      scheduled: { calls: 0, meetings: 1, proposals: 0, activities: 1 },
      overdue: 0,
      plan: { revenue: 10_000_000, calls: 30, deals: null },
      actual: { revenue: 0, deals: 0, calls: 1 },
      left: { revenue: 10_000_000, deals: null, calls: 29 },
    });
    // history (the last 6 months up to today): 1 won of 5,000,000, 2 proposals, 4 meetings, 9 calls (one today)
    // -> 2 deals, ceil(2 x 2 / 1) = 4 proposals, ceil(4 x 4 / 2) = 8 meetings, ceil(8 x 9 / 4) = 18 calls
    const next = `${shiftPeriod(month, 1)}-01`;
    const remaining = workingDaysBetween(today, next, { workDays: [1, 2, 3, 4, 5], holidays: [], workingDays: [] });
    expect(res.body.remainingWorkingDays).toBe(remaining);
    const need = (n: number, doneToday: number) => (remaining ? Math.max(0, Math.ceil(n / remaining) - doneToday) : null);
    expect(res.body.neededToday).toEqual({ deals: need(2, 0), proposals: need(4, 0), meetings: need(8, 0), calls: need(18, 1) });
  });
});
