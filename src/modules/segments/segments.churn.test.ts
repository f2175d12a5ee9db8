import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client.js';
import { makeCompany, makePipeline, type TestPipeline } from '../../../test/deals.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { daysAgo, wonDeal } from '../../../test/segments.js';
import { segmentsRuntime } from './index.js';

/**
 * Churn on purchases dated relative to today (N = 2 by default):
 *   K1  owner m1  100, 70, 40 days ago   interval 30, 40 since  <= 60         rhythm holds
 *   K2  owner m1  200, 170, 140          interval 30, 140 since > 60          churned, 80 days overdue
 *   K3  owner m1  300                    one purchase                         never churned
 *   K4  owner m2  400, 200               interval 200, 200 since <= 400       rhythm holds
 *   K5  owner m2  300, 250               interval 50, 250 since > 100         churned, 150 days overdue
 * With N = 1: K1 10 overdue (40 > 30), K2 110, K5 200; K4 exactly at its interval (200 = 200) is not churned.
 */
describe.each(engines())('churn on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let m1: { client: TestClient; id: string };
  let m2: { client: TestClient; id: string };
  let pipeline: TestPipeline;
  const k: Record<string, string> = {};
  const owners: Record<string, string> = {};

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    m1 = await userClient(v, 'sales_manager');
    m2 = await userClient(v, 'sales_manager');
    pipeline = await makePipeline(admin);
    const plan: Record<string, [string, number[]]> = {
      K1: [m1.id, [100, 70, 40]],
      K2: [m1.id, [200, 170, 140]],
      K3: [m1.id, [300]],
      K4: [m2.id, [400, 200]],
      K5: [m2.id, [300, 250]],
    };
    for (const [name, [ownerId, days]] of Object.entries(plan)) {
      owners[name] = ownerId;
      k[name] = await makeCompany(admin, name, { ownerId });
      for (const d of days) await wonDeal(v, admin, pipeline, daysAgo(d), { companyId: k[name], ownerId, amount: 10000 });
    }
  });
  afterAll(() => v.destroy());

  const churn = async (client: TestClient) =>
    (await client.get('/segments/churn')).body.items.map((i: any) => [i.name, i.purchases, i.lastPurchase, i.usualIntervalDays, i.daysSinceLast, i.daysOverdue, i.ownerId, i.taskId]);

  it('lists clients whose purchase rhythm broke, most overdue first', async () => {
    const res = await admin.get('/segments/churn');
    expect(res.body.factor).toBe(2);
    expect(await churn(admin)).toEqual([
      ['K5', 2, daysAgo(250), 50, 250, 150, m2.id, null],
      ['K2', 3, daysAgo(140), 30, 140, 80, m1.id, null],
    ]);
    const first = await admin.get('/segments/churn?limit=1');
    expect(first.body.items.map((i: any) => i.name)).toEqual(['K5']);
    const second = await admin.get(`/segments/churn?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: any) => i.name)).toEqual(['K2']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('a manager sees the churn of their own clients only and cannot act on others', async () => {
    expect((await churn(m1.client)).map((r: unknown[]) => r[0])).toEqual(['K2']);
    expect((await churn(m2.client)).map((r: unknown[]) => r[0])).toEqual(['K5']);
    const foreign = await m1.client.post(`/segments/churn/${k.K5}/task`);
    expect(foreign.status).toBe(404);
  });

  it('creates one task for the owner per churn episode', async () => {
    const held = await admin.post(`/segments/churn/${k.K1}/task`);
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('segments.not_churned');

    const [a, b] = await Promise.all([admin.post(`/segments/churn/${k.K2}/task`), admin.post(`/segments/churn/${k.K2}/task`)]);
    const created = [a, b].find((r) => r.status === 201)!;
    expect(created.body.created).toBe(true);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const again = await admin.post(`/segments/churn/${k.K2}/task`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ taskId: created.body.taskId, created: false });

    const task = await m1.client.get(`/tasks/${created.body.taskId}`);
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({ assigneeId: m1.id, companyId: k.K2, priority: 'high', status: 'open' });
    expect(task.body.title).toContain('K2');
    const tasks = await v.ctx.database.db.selectFrom('tasks').select('id').where('company_id', '=', k.K2!).execute();
    expect(tasks).toHaveLength(1);
    expect((await churn(admin)).find((r: unknown[]) => r[0] === 'K2')![7]).toBe(created.body.taskId);

    // the owner acts on their own churned client
    const own = await m2.client.post(`/segments/churn/${k.K5}/task`);
    expect(own.status).toBe(201);
  });

  it('a new purchase ends the episode; the factor is a setting', async () => {
    await admin.patch('/segments/settings', { churnFactor: 1 });
    expect((await churn(admin)).map((r: unknown[]) => [r[0], r[5]])).toEqual([
      ['K5', 200],
      ['K2', 110],
      ['K1', 10],
    ]);
    await wonDeal(v, admin, pipeline, daysAgo(0), { companyId: k.K2, ownerId: owners.K2, amount: 10000 });
    expect((await churn(admin)).map((r: unknown[]) => r[0])).toEqual(['K5', 'K1']);
    await admin.patch('/segments/settings', { churnFactor: 2 });
  });

  it('the scheduled check computes the classes when they never ran', async () => {
    expect((await admin.get('/segments/status')).body.finishedAt).toBeNull();
    const rt = segmentsRuntime(v.ctx);
    await rt.check();
    const status = (await admin.get('/segments/status')).body;
    expect(status).toMatchObject({ status: 'ok', trigger: 'schedule', asOf: new Date().toISOString().slice(0, 10) });
    expect(status.companies).toBeGreaterThan(0);
  });
});
