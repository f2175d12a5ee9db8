import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';

const names = (res: { body: any }) => res.body.items.map((p: { name: string }) => p.name);

describe.each(engines())('product lists on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  const groups: Record<string, string> = {};

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    const group = async (name: string, parentId?: string) => (await admin.post('/product-groups', { name, ...(parentId && { parentId }) })).body.id as string;
    groups.soft = await group('Софт');
    groups.crm = await group('CRM', groups.soft);
    groups.hw = await group('Железо');
    const items = [
      { name: 'Ёлка CRM Pro', sku: 'CRM-PRO_1', kind: 'service', groupId: groups.crm },
      { name: 'Елка CRM Lite', sku: 'CRM-LITE', kind: 'service', groupId: groups.crm },
      { name: 'Антивирус', sku: 'AV-100%', groupId: groups.soft },
      { name: 'Сервер', sku: 'SRV-1', groupId: groups.hw },
      { name: 'Старый сервер', sku: 'SRV-0', groupId: groups.hw, isActive: false },
      { name: 'Без группы' },
    ];
    for (const p of items) expect((await admin.post('/products', p)).status).toBe(201);
    const part = (await admin.get('/products?q=SRV-1')).body.items[0].id;
    expect((await admin.post('/products', { name: 'Серверный комплект', kind: 'bundle', groupId: groups.hw, components: [{ productId: part, quantity: 2 }] })).status).toBe(201);
  });
  afterAll(() => v.destroy());

  it('searches names and SKUs by substrings, case- and ё-insensitively', async () => {
    expect(names(await admin.get('/products?q=елка'))).toEqual(['Елка CRM Lite', 'Ёлка CRM Pro']);
    expect(names(await admin.get('/products?q=crm%20pro'))).toEqual(['Ёлка CRM Pro']);
    expect(names(await admin.get('/products?q=сервер'))).toEqual(['Сервер', 'Серверный комплект', 'Старый сервер']);
    expect(names(await admin.get('/products?q=pro_1'))).toEqual(['Ёлка CRM Pro']);
    expect(names(await admin.get('/products?q=100%25'))).toEqual(['Антивирус']);
  });

  it('filters by group with its subgroups, kind and active flag', async () => {
    expect(names(await admin.get(`/products?groupId=${groups.soft}`))).toEqual(['Антивирус', 'Елка CRM Lite', 'Ёлка CRM Pro']);
    expect(names(await admin.get(`/products?groupId=${groups.crm}`))).toEqual(['Елка CRM Lite', 'Ёлка CRM Pro']);
    expect(names(await admin.get(`/products?groupId=${groups.hw}&active=true`))).toEqual(['Сервер', 'Серверный комплект']);
    expect(names(await admin.get('/products?active=false'))).toEqual(['Старый сервер']);
    expect(names(await admin.get('/products?kind=bundle'))).toEqual(['Серверный комплект']);
    const bundle = (await admin.get('/products?kind=bundle')).body.items[0];
    expect(bundle.components).toEqual([expect.objectContaining({ name: 'Сервер', quantity: 2, kind: 'product', isActive: true })]);
    const bad = await admin.get('/products?groupId=01890000-0000-7000-8000-000000000000&kind=gadget&active=yes&colour=red');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.map((f: any) => f.field)).toEqual(expect.arrayContaining(['query.kind', 'query.active', 'query.colour']));
    const unknown = await admin.get('/products?groupId=01890000-0000-7000-8000-000000000000');
    expect(unknown.body.error.details.fields[0]).toMatchObject({ field: 'query.groupId', code: 'product.group_unknown' });
  });

  it('sorts and pages with a cursor without gaps or repeats', async () => {
    const all = names(await admin.get('/products?sort=-name&limit=500'));
    expect(all).toHaveLength(7);
    expect(all[0]).toBe('Старый сервер');
    for (const sort of ['name', '-name', 'createdAt', '-updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: any } = await admin.get(`/products?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...names(res));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(names(await admin.get(`/products?sort=${sort}&limit=500`)));
    }
    expect((await admin.get('/products?cursor=garbage')).body.error.details.fields[0]).toMatchObject({ field: 'cursor' });
    expect((await admin.get('/products?limit=501')).status).toBe(422);
  });
});
