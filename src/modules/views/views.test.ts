import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { TestClient } from '../../../test/client.js';
import { userClient } from '../../../test/factories.js';

describe.each(engines())('saved views on %s', (engine) => {
  let v: TestVoronka;
  beforeAll(async () => {
    v = await startTestApp(engine);
  });
  afterAll(() => v.destroy());

  const names = async (c: TestClient, entity = 'contacts') =>
    (await c.get(`/views?entity=${entity}`)).body.items.map((x: { name: string }) => x.name);

  it('lists my views and shared ones; only the owner changes them', async () => {
    const anna = (await userClient(v, 'sales_manager')).client;
    const boris = (await userClient(v, 'sales_manager')).client;
    const query = { q: 'иван', tag: 'vip', sort: '-createdAt' };
    const mine = await anna.post('/views', { entity: 'contacts', name: 'Мои VIP', query });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ entity: 'contacts', name: 'Мои VIP', query, isShared: false, isMine: true });
    const shared = (await anna.post('/views', { entity: 'contacts', name: 'Общий', query: {}, isShared: true })).body;
    await anna.post('/views', { entity: 'companies', name: 'Компании', query: { status: 'current' } });

    expect(await names(anna)).toEqual(['Мои VIP', 'Общий']);
    expect(await names(anna, 'companies')).toEqual(['Компании']);
    expect(await names(boris)).toEqual(['Общий']);
    expect((await boris.get('/views?entity=contacts')).body.items[0]).toMatchObject({ isMine: false, userName: expect.any(String) });

    expect((await boris.patch(`/views/${mine.body.id}`, { name: 'hijack' })).status).toBe(404);
    expect((await boris.patch(`/views/${shared.id}`, { name: 'hijack' })).status).toBe(403);
    expect((await boris.delete(`/views/${shared.id}`)).status).toBe(403);

    const renamed = await anna.patch(`/views/${mine.body.id}`, { name: 'VIP', isShared: true });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'VIP', isShared: true, query });
    expect(await names(boris)).toEqual(['VIP', 'Общий']);
    const audit = await v.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'field'])
      .where('entity', '=', 'saved_view')
      .where('entity_id', '=', mine.body.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'create', field: null },
      { action: 'update', field: 'name' },
      { action: 'update', field: 'isShared' },
    ]);

    const admin = (await userClient(v, 'admin')).client;
    expect((await admin.patch(`/views/${shared.id}`, { name: 'Общий (админ)' })).status).toBe(200);
    expect((await admin.delete(`/views/${shared.id}`)).status).toBe(204);
    expect((await anna.delete(`/views/${mine.body.id}`)).status).toBe(204);
    expect(await names(boris)).toEqual([]);
  });

  it('pages through views by name', async () => {
    const u = (await userClient(v, 'operator')).client;
    for (const n of ['d', 'a', 'c', 'b', 'e']) await u.post('/views', { entity: 'companies', name: n, query: {} });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { name: string }[]; nextCursor: string | null } } = await u.get(`/views?entity=companies&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((x) => x.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('validates input and requires a signed-in user', async () => {
    const u = (await userClient(v, 'marketer')).client;
    const bad = await u.post('/views', { entity: 'deals', name: '', query: [], extra: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['entity', 'name', 'query', 'extra']));
    expect((await u.post('/views', { entity: 'contacts', name: 'big', query: { q: 'x'.repeat(20_000) } })).status).toBe(422);
    expect((await u.get('/views')).status).toBe(422);
    const script = await u.post('/views', { entity: 'contacts', name: '<script>alert(1)</script>', query: { q: "'; DROP TABLE saved_views;--" } });
    expect(script.status).toBe(201);
    expect(script.body).toMatchObject({ name: '<script>alert(1)</script>', query: { q: "'; DROP TABLE saved_views;--" } });
    expect((await new TestClient(v).get('/views?entity=contacts')).status).toBe(401);
  });
});
