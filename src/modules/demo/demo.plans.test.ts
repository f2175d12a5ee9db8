import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { TestClient } from '../../../test/client.js';
import { addDemoData } from '../../cli/demo.js';
import { periodOf } from '../../shared/periods.js';
import { DEMO_PASSWORD, seedDemoPlans } from './index.js';

describe.each(engines())('demo plans on %s', (engine) => {
  let v: TestVoronka;
  beforeAll(async () => {
    v = await startTestApp(engine);
  });
  afterAll(async () => v?.destroy());

  it('gives the managers, departments and the company plans, and the planner a history to work with', async () => {
    await addDemoData(v.ctx.database.db, 60);
    expect(await seedDemoPlans(v.ctx.database.db)).toBe(0);
    const month = new Date().toISOString().slice(0, 7);
    const head = new TestClient(v);
    expect((await head.login('head@voronka.local', DEMO_PASSWORD)).status).toBe(200);
    const progress = (await head.get(`/plans/progress?period=${month}`)).body;
    expect(progress.items.map((r: { target: { kind: string } }) => r.target.kind)).toEqual(['department', 'department', 'user', 'user', 'user']);
    for (const row of progress.items) expect(row.plan.revenue).toBeGreaterThanOrEqual(30_000_000);
    const quarter = (await head.get(`/plans/progress?period=${periodOf('quarter', `${month}-01`)}`)).body;
    expect(quarter.items.find((r: { target: { kind: string } }) => r.target.kind === 'company')).toMatchObject({ derived: false });
    const planner = (await head.get(`/plans/planner?targetKind=department&period=${month}`)).body;
    expect(planner.revenueSource).toBe('plan');
    expect(planner.history.won).toBeGreaterThan(0);
    expect(planner.history.calls).toBeGreaterThan(planner.history.meetings);
    expect(planner.steps.every((s: { needed: number | null }) => s.needed !== null && s.needed > 0)).toBe(true);

    const ivan = new TestClient(v);
    expect((await ivan.login('ivan@voronka.local', DEMO_PASSWORD)).status).toBe(200);
    const mine = (await ivan.get(`/plans/progress?period=${month}`)).body;
    expect(mine.items).toHaveLength(1);
    const today = (await ivan.get('/kpi/today')).body;
    expect(today.plan.revenue).toBe(mine.items[0].plan.revenue);

    // The demo's client classes are there at once, not after the refresh job's first check.
    const status = (await head.get('/segments/status')).body;
    expect(status).toMatchObject({ status: 'ok', trigger: 'manual' });
    expect(status.companies).toBeGreaterThan(0);
    // A whole demo is built: generous under a loaded CI machine.
  }, 120_000);
});
