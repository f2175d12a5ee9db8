import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues, makeCompany, makePipeline, type TestPipeline } from '../../../test/deals.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { wonDeal } from '../../../test/segments.js';

/**
 * Client classes on a fixed data set, as of 2026-07-15 (windows: the 6 whole months 2026-01 .. 2026-06),
 * revenue metric, ABC 80/95, XYZ 10/25, RFM quintiles. Hand-computed (amounts in kopecks):
 *
 *   client  monthly sales in the window (Jan..Jun)      total   before   ABC  CV              XYZ  R    F  M
 *   C1      1500 each month                             9000    0 %      A    0 %             X    16d  6  9000
 *   C2      800 1200 800 1200 800 1200                  6000    46.2 %   A    20 %            Y    21d  6  6000
 *   C3      0 0 3000 0 0 0 (+500 in 2025-11)            3000    76.9 %   A    223.61 %        Z    103d 1  3000
 *   C4      0 0 0 0 1000 0 (first sale 2026-05: new)    1000    92.3 %   B    -               -    57d  1  1000
 *   C5      0 0 0 0 0 500 (+500 in 2025-12)             500     97.4 %   C    223.61 %        Z    6d   1  500
 *
 * C3 is A although it takes the cumulative share to 92.3 %: the share BEFORE it (76.9 %) is below 80 %.
 * CV(C2) = sigma 200 / mu 1000; CV(one sale of x in 6 months) = sqrt(5) = 223.61 %.
 * RFM (NTILE 5 of 5 clients, ties by id = creation order): R by recency 103,57,21,16,6 -> C3 1, C4 2, C2 3, C1 4, C5 5;
 * F 1,1,1 (C3,C4,C5) then 6,6 (C1,C2) -> 1,2,3,4,5; M 500..9000 -> C5 1, C4 2, C3 3, C2 4, C1 5.
 */
describe.each(engines())('client segments on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let m1: { client: TestClient; id: string };
  let m2: { client: TestClient; id: string };
  let pipeline: TestPipeline;
  const c: Record<string, string> = {};

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    m1 = await userClient(v, 'sales_manager');
    m2 = await userClient(v, 'sales_manager');
    pipeline = await makePipeline(admin);
    const owners = { C1: m1.id, C2: m2.id, C3: m1.id, C4: m2.id, C5: m2.id };
    for (const [name, ownerId] of Object.entries(owners)) c[name] = await makeCompany(admin, name, { ownerId });
    const sale = (name: string, day: string, amount: number) => wonDeal(v, admin, pipeline, day, { companyId: c[name], ownerId: owners[name as 'C1'], amount });
    for (let m = 1; m <= 6; m++) {
      await sale('C1', `2026-0${m}-15`, 150000);
      await sale('C2', `2026-0${m}-10`, m % 2 ? 80000 : 120000);
    }
    await sale('C3', '2025-11-20', 50000);
    await sale('C3', '2026-03-20', 300000);
    await sale('C4', '2026-05-05', 100000);
    await sale('C5', '2025-12-01', 50000);
    await sale('C5', '2026-06-25', 50000);
    // a lost deal and an open one do not count
    await admin.post('/deals', { title: 'open', companyId: c.C4, pipelineId: pipeline.id, amount: 999999 });
  });
  afterAll(() => v.destroy());

  it('validates and stores the settings (admins only)', async () => {
    expect((await admin.get('/segments/settings')).body).toMatchObject({ metric: 'revenue', abcA: 80, abcB: 95, xyzX: 10, xyzY: 25, rfmBuckets: 5, churnFactor: 2 });
    expect(fieldIssues(await admin.patch('/segments/settings', { abcA: 96 }))).toEqual(['abcB:segments.thresholds_order']);
    expect(fieldIssues(await admin.patch('/segments/settings', { xyzY: 5 }))).toEqual(['xyzY:segments.thresholds_order']);
    expect((await admin.patch('/segments/settings', { xyzMonths: 2 })).status).toBe(422);
    expect((await admin.patch('/segments/settings', { rfmBuckets: 4 })).status).toBe(422);
    expect((await admin.patch('/segments/settings', { colour: 'red' })).status).toBe(422);
    expect((await m1.client.patch('/segments/settings', { abcMonths: 6 })).status).toBe(403);
    const saved = await admin.patch('/segments/settings', { abcMonths: 6, xyzMonths: 6, rfmMonths: 6 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ abcMonths: 6, xyzMonths: 6, rfmMonths: 6, abcA: 80 });
    const audit = await v.ctx.database.db.selectFrom('audit_log').select(['field', 'old_value', 'new_value']).where('entity_id', '=', 'segments.settings').execute();
    expect(audit.map((a) => a.field).sort()).toEqual(['abcMonths', 'rfmMonths', 'xyzMonths']);
  });

  it('computes and stores ABC, XYZ and RFM classes as of a date', async () => {
    expect((await admin.get('/segments/status')).body).toMatchObject({ status: null, finishedAt: null });
    expect((await m1.client.post('/segments/recalculate', {})).status).toBe(403);
    const run = await admin.post('/segments/recalculate', { asOf: '2026-07-15' });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'ok', trigger: 'manual', asOf: '2026-07-15', companies: 5, running: false, unconverted: [] });
    expect(run.body.nextRunAt).toBe(new Date(Date.parse(run.body.finishedAt) + 24 * 3_600_000).toISOString());

    const list = await admin.get('/segments/companies');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => [i.name, i.abc, i.xyz, i.isNew, i.metricValue, i.cv, i.rfm, i.recencyDays, i.frequency, i.monetary])).toEqual([
      ['C1', 'A', 'X', false, 900000, 0, '445', 16, 6, 900000],
      ['C2', 'A', 'Y', false, 600000, 20, '354', 21, 6, 600000],
      ['C3', 'A', 'Z', false, 300000, 223.61, '113', 103, 1, 300000],
      ['C4', 'B', null, true, 100000, null, '222', 57, 1, 100000],
      ['C5', 'C', 'Z', false, 50000, 223.61, '531', 6, 1, 50000],
    ]);
    const stored = await v.ctx.database.db.selectFrom('company_segments').select(['company_id', 'share_before_bp']).execute();
    expect(Object.fromEntries(stored.map((s) => [s.company_id, s.share_before_bp]))).toEqual({ [c.C1!]: 0, [c.C2!]: 4615, [c.C3!]: 7692, [c.C4!]: 9230, [c.C5!]: 9743 });

    const page1 = await admin.get('/segments/companies?limit=2');
    const page2 = await admin.get(`/segments/companies?limit=2&cursor=${page1.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items].map((i: any) => i.name)).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect((await admin.get('/segments/companies?abc=A&xyz=Z')).body.items.map((i: any) => i.name)).toEqual(['C3']);
    expect((await admin.get('/segments/companies?abc=D')).status).toBe(422);
  });

  it('counts the ABC-XYZ matrix and RFM codes', async () => {
    const m = (await admin.get('/segments/matrix')).body;
    const cells = Object.fromEntries(m.cells.map((x: any) => [`${x.abc}${x.xyz}`, [x.count, x.value]]));
    expect(cells).toEqual({ AX: [1, 900000], AY: [1, 600000], AZ: [1, 300000], 'B-': [1, 100000], CZ: [1, 50000] });
    expect(m.rfm).toEqual([
      { code: '531', count: 1 },
      { code: '445', count: 1 },
      { code: '354', count: 1 },
      { code: '222', count: 1 },
      { code: '113', count: 1 },
    ]);
    expect(m.currency).toBe('RUB');
    expect(m.job.status).toBe('ok');
  });

  it('a manager sees the classes of their own clients only (classes computed over all data)', async () => {
    const mine = await m1.client.get('/segments/companies');
    expect(mine.body.items.map((i: any) => [i.name, i.abc, i.xyz])).toEqual([
      ['C1', 'A', 'X'],
      ['C3', 'A', 'Z'],
    ]);
    const m = (await m1.client.get('/segments/matrix')).body;
    expect(m.cells.map((x: any) => `${x.abc}${x.xyz}:${x.count}`).sort()).toEqual(['AX:1', 'AZ:1']);
    expect(m.rfm.map((r: any) => r.code)).toEqual(['445', '113']);
    const other = await m2.client.get('/segments/companies?abc=A');
    expect(other.body.items.map((i: any) => i.name)).toEqual(['C2']);
  });

  it('filters the companies list by the stored classes, within the read scope', async () => {
    const names = async (client: TestClient, query: string) => (await client.get(`/companies?${query}`)).body.items.map((i: any) => i.name).sort();
    expect(await names(admin, 'abc=A')).toEqual(['C1', 'C2', 'C3']);
    expect(await names(admin, 'abc=A&xyz=Z')).toEqual(['C3']);
    expect(await names(admin, 'xyz=Z')).toEqual(['C3', 'C5']);
    expect(await names(admin, 'abc=B')).toEqual(['C4']);
    expect(await names(m1.client, 'abc=A')).toEqual(['C1', 'C3']);
    expect(await names(m2.client, 'xyz=Z')).toEqual(['C5']);
    expect((await admin.get('/companies?abc=Q')).status).toBe(422);
  });

  it('keeps one run at a time: a held lease refuses a second run', async () => {
    const db = v.ctx.database.db;
    await db.updateTable('segment_jobs').set({ locked_by: 'other-node', locked_until: new Date(Date.now() + 60_000).toISOString() }).execute();
    const busy = await admin.post('/segments/recalculate', {});
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('segments.job_running');
    expect((await admin.get('/segments/status')).body.running).toBe(true);
    // an expired lease (a node that died) is taken over
    await db.updateTable('segment_jobs').set({ locked_until: new Date(Date.now() - 1000).toISOString() }).execute();
    const [a, b] = await Promise.all([admin.post('/segments/recalculate', { asOf: '2026-07-15' }), admin.post('/segments/recalculate', { asOf: '2026-07-15' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await admin.get('/segments/companies')).body.items).toHaveLength(5);
  });

  it('a margin or threshold change applies at the next run', async () => {
    await admin.patch('/segments/settings', { abcA: 50, abcB: 90 });
    await admin.post('/segments/recalculate', { asOf: '2026-07-15' });
    const items = (await admin.get('/segments/companies')).body.items;
    // before: C1 0 % A, C2 46.2 % A, C3 76.9 % B, C4 92.3 % C, C5 97.4 % C
    expect(items.map((i: any) => i.abc)).toEqual(['A', 'A', 'B', 'C', 'C']);
    await admin.patch('/segments/settings', { abcA: 80, abcB: 95 });
  });
});
