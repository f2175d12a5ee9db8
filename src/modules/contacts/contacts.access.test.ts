import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { insertCompany } from '../../../test/company-rows.js';
import type { TestClient } from '../../../test/client.js';

describe.each(engines())('contact access and input on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let anna: { client: TestClient; id: string };
  let boris: { client: TestClient; id: string };
  let borisContact: { id: string; version: number };
  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    anna = await userClient(v, 'sales_manager');
    boris = await userClient(v, 'sales_manager');
    const res = await boris.client.post('/contacts', {
      firstName: 'Секретный',
      lastName: 'Борисович',
      phones: [{ raw: '+7 903 111 22 33' }],
      emails: [{ email: 'secret@boris.ru' }],
    });
    expect(res.status).toBe(201);
    borisContact = res.body;
  });
  afterAll(() => v.destroy());

  it("keeps another manager's contacts out of reach of a manager with scope own", async () => {
    const a = anna.client;
    const mine = (await a.post('/contacts', { firstName: 'Мой', lastName: 'Контакт' })).body;
    expect((await a.get(`/contacts/${borisContact.id}`)).status).toBe(404);
    expect((await a.get(`/contacts/${borisContact.id}/history`)).status).toBe(404);
    expect((await a.patch(`/contacts/${borisContact.id}`, { version: 1, notes: 'x' })).status).toBe(404);
    expect((await a.delete(`/contacts/${borisContact.id}`)).status).toBe(404);
    const list = await a.get('/contacts?limit=500');
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([mine.id]);
    expect((await a.get(`/contacts?q=${encodeURIComponent('Секретный')}`)).body.items).toEqual([]);
    expect((await a.get(`/contacts?q=${encodeURIComponent('8 903 111-22-33')}`)).body.items).toEqual([]);
    expect((await a.get(`/contacts?ownerId=${boris.id}`)).body.items).toEqual([]);
    expect((await a.get('/contacts/duplicates?email=secret@boris.ru')).body.candidates).toEqual([]);
    const csv = await a.get('/contacts/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Мой');
    expect(csv.body).not.toContain('Секретный');
    expect((await a.post(`/contacts/${mine.id}/merge`, { sourceId: borisContact.id })).status).toBe(403);

    const borisCompany = await insertCompany(v, 'Boris Ltd', boris.id);
    expect((await a.post(`/companies/${borisCompany}/contacts`, { contactId: mine.id })).status).toBe(404);
    const foreignLink = await a.post('/contacts', { firstName: 'Z', companies: [{ companyId: borisCompany }] });
    expect(foreignLink.status).toBe(422);
    expect(foreignLink.body.error.details.fields[0].field).toBe('companies.0.companyId');
    const foreignOwner = await a.post('/contacts', { firstName: 'Z', ownerId: boris.id });
    expect(foreignOwner.status).toBe(403);

    const adminList = await admin.get(`/contacts?q=${encodeURIComponent('секретный')}`);
    expect(adminList.body.items.map((x: { id: string }) => x.id)).toEqual([borisContact.id]);
  });

  it('lets an operator edit but not delete or merge', async () => {
    const op = (await userClient(v, 'operator')).client;
    const res = await op.patch(`/contacts/${borisContact.id}`, { version: borisContact.version, position: 'Менеджер' });
    expect(res.status).toBe(200);
    borisContact = res.body;
    const del = await op.delete(`/contacts/${borisContact.id}`);
    expect(del.status).toBe(403);
    expect(del.body.error.code).toBe('access.forbidden');
    expect((await op.post(`/contacts/${borisContact.id}/merge`, { sourceId: borisContact.id })).status).toBe(403);
    expect((await admin.get(`/contacts/${borisContact.id}`)).status).toBe(200);
  });

  it('answers bad input with 4xx naming the field', async () => {
    const malformed = await admin.request('POST', '/contacts', '{"firstName": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    const fields = async (body: unknown) => {
      const r = await admin.post('/contacts', body);
      expect(r.status).toBe(422);
      return r.body.error.details.fields.map((f: { field: string }) => f.field);
    };
    expect(await fields({ lastName: 'No first name' })).toEqual(['firstName']);
    expect(await fields({ firstName: 42, birthday: '1990-13-45', extra: true })).toEqual(expect.arrayContaining(['firstName', 'birthday', 'extra']));
    expect(await fields({ firstName: 'A', phones: [{ kind: 'pager', raw: '1' }] })).toEqual(['phones.0.kind']);
    expect(await fields({ firstName: 'A', phones: [{ raw: '+7 903 111 22 33' }, { raw: '123-45-67' }] })).toEqual(['phones.1.raw']);
    expect(await fields({ firstName: 'A', emails: [{ email: 'not-an-email' }] })).toEqual(['emails.0.email']);
    expect(await fields({ firstName: 'A', ownerId: 'nope' })).toEqual(['ownerId']);
    expect(await fields({ firstName: 'A', ownerId: '0190f0f0-0000-7000-8000-000000000000' })).toEqual(['ownerId']);
    expect(await fields({ firstName: 'A', custom: { unknownField: 1 } })).toEqual(['custom.unknownField']);
    expect((await admin.get('/contacts/not-an-id')).status).toBe(422);
    expect((await admin.get('/contacts?sort=name')).status).toBe(422);
    const noVersion = await admin.patch(`/contacts/${borisContact.id}`, { notes: 'x' });
    expect(noVersion.status).toBe(422);
    expect(noVersion.body.error.details.fields[0].field).toBe('version');
  });

  it('stores SQL-injection and script strings verbatim and finds them', async () => {
    const evil = {
      firstName: "Robert'); DROP TABLE contacts;--",
      lastName: '<script>alert(1)</script>',
      notes: '" OR 1=1 --',
      tags: ["' OR ''='"],
    };
    const c = await admin.post('/contacts', evil);
    expect(c.status).toBe(201);
    const back = (await admin.get(`/contacts/${c.body.id}`)).body;
    expect(back).toMatchObject({ ...evil, fullName: `${evil.lastName} ${evil.firstName}` });
    const found = await admin.get(`/contacts?q=${encodeURIComponent("robert'); drop")}`);
    expect(found.body.items.map((x: { id: string }) => x.id)).toEqual([c.body.id]);
    const byTag = await admin.get(`/contacts?tag=${encodeURIComponent("' OR ''='")}`);
    expect(byTag.body.items.map((x: { id: string }) => x.id)).toEqual([c.body.id]);
    for (const q of ['"', "'", '*', 'NEAR(', ':*', '&|!']) expect((await admin.get(`/contacts?q=${encodeURIComponent(q)}`)).status).toBe(200);
  });

  it('exports CSV with the list filters and neutralised formulas', async () => {
    await admin.post('/contacts', { firstName: '=HYPERLINK("http://x")', lastName: 'Формула', phones: [{ raw: '+7 495 000 11 22' }], tags: ['csv'] });
    await admin.post('/contacts', { firstName: 'Обычный', lastName: 'Человек, "с запятой"', tags: ['csv'] });
    const res = await admin.get('/contacts/export?tag=csv&sort=fullName&delimiter=,');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (res.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,fullName,lastName,firstName,middleName,position,birthday,phones,emails,companies,tags,owner/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[1]).toContain(',+74950001122,');
    expect(lines[2]).toContain('"Человек, ""с запятой"""');
    expect((await admin.get('/contacts/export?format=pdf')).status).toBe(422);
  });
});
