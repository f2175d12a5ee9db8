import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { innOf } from '../imports/testdata.js';

describe.each(engines())('duplicate finder (%s)', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let manager: { client: TestClient; id: string };
  const ids: Record<string, string> = {};

  const company = async (client: TestClient, key: string, body: Record<string, unknown>) => {
    const res = await client.post('/companies', { confirmDuplicate: true, ...body });
    expect(res.status).toBe(201);
    ids[key] = res.body.id;
  };

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    manager = await userClient(v, 'sales_manager');
    await company(admin, 'a1', { name: 'ООО «Ромашка»', inn: innOf(1), phones: [{ kind: 'work', raw: '+7 495 111-22-33' }] });
    await company(admin, 'a2', { name: 'Ромашка ООО', inn: innOf(1), emails: [{ kind: 'work', email: 'info@romashka.ru' }] });
    await company(manager.client, 'm1', { name: 'Лютик', inn: innOf(2), phones: [{ kind: 'work', raw: '8 (495) 111-22-33' }], emails: [{ kind: 'work', email: 'INFO@romashka.ru' }] });
    await company(manager.client, 'm2', { name: 'Лютик', inn: innOf(3) });
    await company(admin, 'solo', { name: 'Одуванчик', inn: innOf(4) });
    for (const [firstName, lastName] of [['Иван', 'Петров'], ['Иван', 'Петров'], ['Пётр', 'Иванов']]) {
      const res = await admin.post('/contacts', { firstName, lastName, confirmDuplicate: true, phones: [{ kind: 'mobile', raw: '+7 916 000-00-01' }] });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => v.destroy());

  const groups = async (client: TestClient, query: string) => {
    const res = await client.get(`/duplicates?${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: { key: string; records: { id: string; name: string }[] }[]; nextCursor: string | null };
  };

  it('groups companies sharing an INN, a phone, an e-mail or a normalised name, oldest first', async () => {
    expect((await groups(admin, 'entity=company&by=inn')).items).toEqual([{ key: innOf(1), records: [expect.objectContaining({ id: ids.a1, name: 'ООО «Ромашка»', detail: innOf(1) }), expect.objectContaining({ id: ids.a2 })] }]);
    expect((await groups(admin, 'entity=company&by=phone')).items).toEqual([{ key: '+74951112233', records: [expect.objectContaining({ id: ids.a1 }), expect.objectContaining({ id: ids.m1 })] }]);
    expect((await groups(admin, 'entity=company&by=email')).items.map((g) => g.records.map((r) => r.id))).toEqual([[ids.a2, ids.m1]]);
    const names = (await groups(admin, 'entity=company&by=name')).items;
    expect(names.map((g) => g.records.map((r) => r.id)).sort()).toEqual([[ids.a1, ids.a2], [ids.m1, ids.m2]].sort());
    expect((await groups(admin, 'entity=contact&by=name')).items).toEqual([{ key: 'Петров Иван', records: [expect.anything(), expect.anything()] }]);
    expect((await groups(admin, 'entity=contact&by=phone')).items[0]!.records).toHaveLength(3);
  });

  it('pages through the groups by their shared value', async () => {
    const first = await groups(admin, 'entity=company&by=name&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await groups(admin, `entity=company&by=name&limit=1&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.key > first.items[0]!.key).toBe(true);
    expect(second.nextCursor).toBeNull();
  });

  it('shows a manager only the records in their scope', async () => {
    expect((await groups(manager.client, 'entity=company&by=inn')).items).toEqual([]);
    expect((await groups(manager.client, 'entity=company&by=phone')).items).toEqual([]);
    expect((await groups(manager.client, 'entity=company&by=name')).items).toEqual([{ key: expect.any(String), records: [expect.objectContaining({ id: ids.m1 }), expect.objectContaining({ id: ids.m2 })] }]);
  });

  it('rejects a criterion the entity does not have, naming the field', async () => {
    const res = await admin.get('/duplicates?entity=contact&by=inn');
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual([expect.objectContaining({ field: 'query.by' })]);
    expect((await admin.get('/duplicates?entity=deal&by=name')).status).toBe(422);
  });

  it('merging a group through the companies merge leaves no group behind', async () => {
    expect((await admin.post(`/companies/${ids.a1}/merge`, { sourceId: ids.a2 })).status).toBe(200);
    expect((await groups(admin, 'entity=company&by=inn')).items).toEqual([]);
  });
});
