import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { makeDepartment, userClient } from '../../../test/factories.js';
import { TestClient } from '../../../test/client.js';

type User = { client: TestClient; id: string };
const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id).sort();

describe.each(engines())('company access for sales managers with scope own on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let anna: User;
  let boris: User;
  let secret: { id: string; version: number };
  let mine: { id: string; version: number };

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    anna = await userClient(v, 'sales_manager');
    boris = await userClient(v, 'sales_manager');
    const res = await boris.client.post('/companies', {
      name: 'Секретная Борисова',
      inn: '7830002293',
      phones: [{ raw: '+7 (812) 111-22-33' }],
      emails: [{ email: 'secret@boris.ru' }],
      tags: ['shared-tag'],
    });
    expect(res.status).toBe(201);
    expect(res.body.ownerId).toBe(boris.id);
    secret = res.body;
    mine = (await anna.client.post('/companies', { name: 'Аннина', tags: ['shared-tag'] })).body;
  });
  afterAll(() => v.destroy());

  it("cannot read, change, delete or merge another manager's company (404, as contacts do)", async () => {
    const a = anna.client;
    for (const res of [
      await a.get(`/companies/${secret.id}`),
      await a.get(`/companies/${secret.id}/history`),
      await a.patch(`/companies/${secret.id}`, { version: secret.version, notes: 'mine now' }),
      await a.delete(`/companies/${secret.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('company.not_found');
    }
    expect((await a.post(`/companies/${mine.id}/merge`, { sourceId: secret.id })).status).toBe(403);
    const after = await admin.get(`/companies/${secret.id}`);
    expect(after.body).toMatchObject({ version: secret.version, notes: null, ownerId: boris.id });
  });

  it("does not list, search, look up as a duplicate or export another manager's companies", async () => {
    const a = anna.client;
    expect(idsOf(await a.get('/companies?limit=500'))).toEqual([mine.id]);
    expect(idsOf(await a.get(`/companies?${qs({ tag: 'shared-tag' })}`))).toEqual([mine.id]);
    expect(idsOf(await a.get(`/companies?${qs({ ownerId: boris.id })}`))).toEqual([]);
    for (const q of ['Секретная', 'секретная борисова', '7830002293', '8 (812) 111-22-33', 'secret@boris.ru']) {
      expect(idsOf(await a.get(`/companies?${qs({ q })}`)), q).toEqual([]);
      expect(idsOf(await admin.get(`/companies?${qs({ q })}`)), q).toEqual([secret.id]);
    }
    const lookups: Record<string, string>[] = [{ inn: '7830002293' }, { phone: '+78121112233' }, { email: 'secret@boris.ru' }, { name: 'Секретная Борисова' }];
    for (const params of lookups) {
      expect((await a.get(`/companies/duplicates?${qs(params)}`)).body.candidates).toEqual([]);
    }
    const csv = await a.get('/companies/export');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Аннина');
    expect(csv.body).not.toContain('Секретная');
    expect(csv.body).not.toContain(secret.id);
    const filtered = await a.get(`/companies/export?${qs({ ownerId: boris.id })}`);
    expect(filtered.body).not.toContain('Секретная');
    expect((await boris.client.get('/companies/export')).body).toContain('Секретная');
  });

  it('works with their own companies but may not give them away or take others', async () => {
    const a = anna.client;
    expect((await a.get(`/companies/${mine.id}`)).status).toBe(200);
    expect((await a.get(`/companies/${mine.id}/history`)).status).toBe(200);
    const upd = await a.patch(`/companies/${mine.id}`, { version: mine.version, notes: 'моё' });
    expect(upd.status).toBe(200);
    mine = upd.body;
    const giveAway = await a.patch(`/companies/${mine.id}`, { version: mine.version, ownerId: boris.id });
    expect(giveAway.status).toBe(403);
    expect(giveAway.body.error.code).toBe('access.forbidden');
    const forOther = await a.post('/companies', { name: 'Для Бориса', ownerId: boris.id });
    expect(forOther.status).toBe(403);
    expect((await a.post('/companies', { name: 'Ничья', ownerId: null })).status).toBe(403);
    const temp = await a.post('/companies', { name: 'Временная' });
    expect(temp.body.ownerId).toBe(anna.id);
    expect((await a.delete(`/companies/${temp.body.id}`)).status).toBe(204);
    expect((await admin.get(`/companies/${temp.body.id}`)).status).toBe(404);
  });

  it("sees a company once it is given to them, and loses it when it is taken away", async () => {
    const given = await admin.patch(`/companies/${secret.id}`, { version: secret.version, ownerId: anna.id });
    expect(given.status).toBe(200);
    expect((await anna.client.get(`/companies/${secret.id}`)).status).toBe(200);
    expect((await boris.client.get(`/companies/${secret.id}`)).status).toBe(404);
    const back = await admin.patch(`/companies/${secret.id}`, { version: given.body.version, ownerId: boris.id });
    expect(back.status).toBe(200);
    secret = back.body;
    expect((await anna.client.get(`/companies/${secret.id}`)).status).toBe(404);
  });
});

describe.each(engines())('company access by department and role on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let head: User;
  const company: Record<string, { id: string; version: number }> = {};

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    const roles = (await admin.get('/roles')).body.items as { id: string; key: string; permissions: Record<string, unknown> }[];
    const role = roles.find((r) => r.key === 'head_of_sales')!;
    const department = { read: 'department', create: 'department', update: 'department', delete: 'department', export: 'department', merge: 'department' };
    expect((await admin.patch(`/roles/${role.id}`, { permissions: { ...role.permissions, company: department } })).status).toBe(200);

    const north = await makeDepartment(v, 'Север');
    const northEast = await makeDepartment(v, 'Северо-восток', north);
    const south = await makeDepartment(v, 'Юг');
    const managers = {
      north: await userClient(v, 'sales_manager', north),
      northEast: await userClient(v, 'sales_manager', northEast),
      south: await userClient(v, 'sales_manager', south),
    };
    head = await userClient(v, 'head_of_sales', north);
    for (const [key, m] of Object.entries(managers)) {
      const res = await m.client.post('/companies', { name: `Клиент ${key}`, tags: ['dept'], confirmDuplicate: true });
      expect(res.status).toBe(201);
      company[key] = res.body;
    }
    company.head = (await head.client.post('/companies', { name: 'Клиент head', tags: ['dept'], confirmDuplicate: true })).body;
  });
  afterAll(() => v.destroy());

  it("lets a head of sales with scope department see and edit his department's companies, sub-departments included", async () => {
    const h = head.client;
    const visible = [company.north!.id, company.northEast!.id, company.head!.id].sort();
    expect(idsOf(await h.get('/companies?tag=dept&limit=500'))).toEqual(visible);
    expect(idsOf(await h.get(`/companies?${qs({ q: 'клиент' })}`))).toEqual(visible);
    expect(idsOf(await h.get(`/companies?${qs({ q: 'south' })}`))).toEqual([]);
    expect((await h.get(`/companies/${company.northEast!.id}`)).status).toBe(200);
    expect((await h.get(`/companies/${company.south!.id}`)).status).toBe(404);
    expect((await h.patch(`/companies/${company.south!.id}`, { version: 1, notes: 'x' })).status).toBe(404);
    const upd = await h.patch(`/companies/${company.north!.id}`, { version: 1, notes: 'проверено' });
    expect(upd.status).toBe(200);
    const csv = await h.get('/companies/export?tag=dept');
    expect(csv.status).toBe(200);
    for (const key of ['north', 'northEast', 'head']) expect(csv.body).toContain(`Клиент ${key}`);
    expect(csv.body).not.toContain('Клиент south');
    const southOwner = (await admin.get(`/companies/${company.south!.id}`)).body.ownerId;
    const move = await h.patch(`/companies/${company.north!.id}`, { version: upd.body.version, ownerId: southOwner });
    expect(move.status).toBe(403);
    const merged = await h.post(`/companies/${company.head!.id}/merge`, { sourceId: company.northEast!.id });
    expect(merged.status).toBe(200);
    expect((await h.post(`/companies/${company.head!.id}/merge`, { sourceId: company.south!.id })).status).toBe(404);
  });

  it('lets an operator read and edit every company but not delete, merge or export', async () => {
    const op = (await userClient(v, 'operator')).client;
    const target = company.south!;
    expect((await op.get(`/companies/${target.id}`)).status).toBe(200);
    expect(idsOf(await op.get('/companies?tag=dept&limit=500'))).toContain(target.id);
    const upd = await op.patch(`/companies/${target.id}`, { version: target.version, notes: 'звонил' });
    expect(upd.status).toBe(200);
    const del = await op.delete(`/companies/${target.id}`);
    expect(del.status).toBe(403);
    expect(del.body.error.code).toBe('access.forbidden');
    expect((await op.post(`/companies/${company.north!.id}/merge`, { sourceId: target.id })).status).toBe(403);
    expect((await op.get('/companies/export')).status).toBe(403);
    expect((await admin.get(`/companies/${target.id}`)).status).toBe(200);
  });

  it('lets a marketer read and export but not change or delete', async () => {
    const m = (await userClient(v, 'marketer')).client;
    const target = (await admin.get(`/companies/${company.south!.id}`)).body;
    expect((await m.get(`/companies/${target.id}`)).status).toBe(200);
    expect((await m.get('/companies/export?tag=dept')).body).toContain('Клиент south');
    expect((await m.patch(`/companies/${target.id}`, { version: target.version, notes: 'x' })).status).toBe(403);
    expect((await m.delete(`/companies/${target.id}`)).status).toBe(403);
  });

  it('refuses everything to a signed-out client', async () => {
    const anonymous = new TestClient(v);
    expect((await anonymous.get('/companies')).status).toBe(401);
    expect((await anonymous.get(`/companies/${company.north!.id}`)).status).toBe(401);
    expect((await anonymous.get('/companies/export')).status).toBe(401);
  });
});
