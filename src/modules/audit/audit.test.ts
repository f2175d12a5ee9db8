import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import type { TestClient } from '../../../test/client.js';
import { userClient } from '../../../test/factories.js';

describe.each(engines())('audit log on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let adminId: string;
  beforeAll(async () => {
    v = await startTestApp(engine);
    ({ client: admin, id: adminId } = await userClient(v, 'admin'));
  });
  afterAll(() => v.destroy());

  it('pages newest first by record and by user', async () => {
    const { body: dept } = await admin.post('/departments', { name: 'Audit me' });
    for (const name of ['v1', 'v2', 'v3', 'v4']) await admin.patch(`/departments/${dept.id}`, { name });
    const all = (await admin.get(`/audit?entity=department&entityId=${dept.id}`)).body.items;
    expect(all.map((r: any) => r.newValue)).toEqual(['v4', 'v3', 'v2', 'v1', 'Audit me']);
    expect(all[0]).toMatchObject({ userId: adminId, userName: expect.any(String), entity: 'department', action: 'update', field: 'name', oldValue: 'v3' });
    expect(all[0].requestId).toBeTruthy();

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await admin.get(`/audit?entity=department&entityId=${dept.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...res.body.items.map((r: any) => r.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.map((r: any) => r.id));

    const mine = (await admin.get(`/audit?userId=${adminId}&limit=500`)).body.items;
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect(mine.every((r: any) => r.userId === adminId)).toBe(true);
  });

  it('limits scope "own" to the rows the user wrote', async () => {
    await admin.post('/departments', { name: 'Not yours' });
    const manager = await userClient(v, 'sales_manager');
    await manager.client.post('/auth/tokens', { name: 'my token' });
    const seen = (await manager.client.get('/audit?limit=500')).body.items;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r: any) => r.userId === manager.id)).toBe(true);
  });

  it('requires audit:read and validates filters', async () => {
    await admin.post('/roles', { key: 'no_audit', name: 'No audit', permissions: { user: { read: 'all' } } });
    const { client } = await userClient(v, 'no_audit');
    expect((await client.get('/audit')).status).toBe(403);
    const bad = await admin.get('/audit?entityId=x&entity=DROP%20TABLE&limit=0');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.map((f: any) => f.field)).toEqual(expect.arrayContaining(['query.entityId', 'query.entity', 'query.limit']));
    expect((await admin.get('/audit?cursor=garbage')).status).toBe(422);
  });
});
