import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { newId } from '../../platform/ids.js';

const issues = (res: { body: any }) => res.body.error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);

describe.each(engines())('companies CRUD on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let adminId: string;
  const auditOf = (id: string) =>
    v.ctx.database.db.selectFrom('audit_log').select(['action', 'field', 'old_value', 'new_value', 'user_id']).where('entity', '=', 'company').where('entity_id', '=', id).orderBy('id').execute();

  beforeAll(async () => {
    v = await startTestApp(engine);
    ({ client: admin, id: adminId } = await userClient(v, 'admin'));
  });
  afterAll(() => v.destroy());

  it('creates a company with every field and reads it back', async () => {
    const res = await admin.post('/companies', {
      name: 'ООО «Ромашка»',
      legalForm: 'ООО',
      inn: '7707 083 893',
      kpp: '773601001',
      ogrn: '1027700132195',
      okpo: '00032537',
      okvedMain: '62.01',
      okvedExtra: ['46.90', '47.91', '46.90'],
      industry: 'IT',
      activityType: 'Разработка ПО',
      status: 'current',
      directorName: 'Иванов Иван Иванович',
      directorPosition: 'Генеральный директор',
      phones: [
        { kind: 'work', raw: '8 (495) 123-45-67 доб. 123' },
        { kind: 'mobile', raw: '+7(916)1234567' },
      ],
      emails: [{ email: 'Info@Romashka.RU' }, { kind: 'personal', email: 'boss@romashka.ru' }],
      addresses: [
        { kind: 'legal', country: 'RU', city: 'Москва', postalCode: '101000', line: 'ул. Тверская, 1' },
        { kind: 'actual', city: 'Химки', line: 'Ленинградское ш., 5' },
      ],
      website: 'https://romashka.ru',
      source: 'exhibition',
      tags: ['vip', 'it', 'vip'],
      notes: 'first line\nsecond line',
    });
    expect(res.status).toBe(201);
    const c = res.body;
    expect(c).toMatchObject({
      name: 'ООО «Ромашка»',
      legalForm: 'ООО',
      inn: '7707083893',
      kpp: '773601001',
      ogrn: '1027700132195',
      okpo: '00032537',
      okvedMain: '62.01',
      okvedExtra: ['46.90', '47.91'],
      status: 'current',
      phones: [
        { kind: 'work', raw: '8 (495) 123-45-67 доб. 123', e164: '+74951234567', ext: '123' },
        { kind: 'mobile', raw: '+7(916)1234567', e164: '+79161234567', ext: null },
      ],
      emails: [
        { kind: 'work', email: 'info@romashka.ru' },
        { kind: 'personal', email: 'boss@romashka.ru' },
      ],
      city: 'Химки',
      ownerId: adminId,
      createdBy: adminId,
      tags: ['it', 'vip'],
      custom: {},
      version: 1,
      contacts: [],
    });
    expect(c.ownerName).toMatch(/^admin/);
    expect(c.statusChangedAt).toBe(c.createdAt);
    const got = await admin.get(`/companies/${c.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(c);
    expect(await auditOf(c.id)).toEqual([{ action: 'create', field: null, old_value: null, new_value: null, user_id: adminId }]);
  });

  it('updates some fields, writes one audit row per changed field, bumps the version', async () => {
    const c = (await admin.post('/companies', { name: 'Василёк', status: 'potential', phones: [{ raw: '84951112233' }] })).body;
    await new Promise((r) => setTimeout(r, 5));
    const res = await admin.patch(`/companies/${c.id}`, { version: 1, name: 'Василёк-2', status: 'lost', industry: 'Retail', phones: [] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Василёк-2', status: 'lost', industry: 'Retail', phones: [], version: 2 });
    expect(res.body.statusChangedAt > c.statusChangedAt).toBe(true);
    const rows = await auditOf(c.id);
    expect(rows.map((r) => `${r.action}:${r.field ?? ''}`)).toEqual(['create:', 'update:name', 'update:industry', 'update:status', 'update:phones']);
    expect(rows[1]).toMatchObject({ old_value: 'Василёк', new_value: 'Василёк-2' });

    const same = await admin.patch(`/companies/${c.id}`, { version: 2, notes: 'x' });
    expect(same.body.statusChangedAt).toBe(res.body.statusChangedAt);
  });

  it('answers a stale version with 409 and the current record', async () => {
    const c = (await admin.post('/companies', { name: 'Конфликт' })).body;
    expect((await admin.patch(`/companies/${c.id}`, { version: 1, notes: 'mine' })).status).toBe(200);
    const stale = await admin.patch(`/companies/${c.id}`, { version: 1, notes: 'theirs' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('company.version_conflict');
    expect(stale.body.error.details.current).toMatchObject({ id: c.id, version: 2, notes: 'mine' });
    const missing = await admin.patch(`/companies/${c.id}`, { notes: 'no version' });
    expect(issues(missing)).toEqual(['version:validation.invalid_type']);
  });

  it('deletes a company with its phones, e-mails, tags and contact links', async () => {
    const c = (await admin.post('/companies', { name: 'Удаляемая', phones: [{ raw: '84957654321' }], emails: [{ email: 'del@x.ru' }], tags: ['t'] })).body;
    const db = v.ctx.database.db;
    const now = new Date().toISOString();
    const contactId = newId();
    await db
      .insertInto('contacts')
      .values({ id: contactId, first_name: 'Пётр', last_name: null, middle_name: null, full_name: 'Пётр', position: 'CEO', birthday: null, notes: null, owner_id: adminId, custom: '{}', search_text: 'петр', version: 1, created_by: null, created_at: now, updated_at: now })
      .execute();
    await db.insertInto('company_contacts').values({ company_id: c.id, contact_id: contactId, position: null, is_primary: 1 }).execute();
    expect((await admin.get(`/companies/${c.id}`)).body.contacts).toEqual([{ id: contactId, fullName: 'Пётр', position: 'CEO', isPrimary: true }]);

    expect((await admin.delete(`/companies/${c.id}`)).status).toBe(204);
    expect((await admin.get(`/companies/${c.id}`)).status).toBe(404);
    expect((await admin.delete(`/companies/${c.id}`)).status).toBe(404);
    for (const table of ['phones', 'emails', 'tags'] as const) {
      expect(await db.selectFrom(table).selectAll().where('entity_id', '=', c.id).execute()).toEqual([]);
    }
    expect(await db.selectFrom('company_contacts').selectAll().where('company_id', '=', c.id).execute()).toEqual([]);
    expect(await db.selectFrom('contacts').select('id').where('id', '=', contactId).execute()).toHaveLength(1);
    expect((await auditOf(c.id)).map((r) => r.action)).toEqual(['create', 'delete']);
  });

  it('rejects wrong tax ids naming each field', async () => {
    const res = await admin.post('/companies', {
      name: 'Плохие реквизиты',
      inn: '7707083890',
      kpp: '7714010O1',
      ogrn: '1027700280938',
      okpo: '47296612',
      okvedMain: '6201',
      okvedExtra: ['62.01', '62.1.1'],
      eik: '175074751',
      vatNumber: 'BG175074751',
      legalForm: 'LLC',
    });
    expect(res.status).toBe(422);
    expect(issues(res).sort()).toEqual([
      'eik:company.eik_invalid',
      'inn:company.inn_invalid',
      'kpp:company.kpp_invalid',
      'legalForm:company.legal_form_unknown',
      'ogrn:company.ogrn_invalid',
      'okpo:company.okpo_invalid',
      'okvedExtra.1:company.okved_invalid',
      'okvedMain:company.okved_invalid',
      'vatNumber:company.vat_invalid',
    ]);
    expect(res.body.error.details.fields.find((f: { field: string }) => f.field === 'inn').message).toMatch(/check digit/);
    expect((await admin.get('/companies?q=' + encodeURIComponent('Плохие'))).body.items).toEqual([]);
  });

  it('accepts valid Bulgarian ids and OGRNIP, and enforces INN/KPP rules of the legal form', async () => {
    const bg = await admin.post('/companies', { name: 'Софтуер', legalForm: 'ЕООД', eik: '175074752', vatNumber: 'bg 175074752' });
    expect(bg.status).toBe(201);
    expect(bg.body).toMatchObject({ eik: '175074752', vatNumber: 'BG175074752' });

    const ip = await admin.post('/companies', { name: 'ИП Петров', legalForm: 'ИП', inn: '500100732259', ogrn: '304500116000157' });
    expect(ip.status).toBe(201);
    const llc12 = await admin.post('/companies', { name: 'Не ИП', legalForm: 'ООО', inn: '635277570478' });
    expect(issues(llc12)).toEqual(['inn:company.inn_invalid']);
    const noForm12 = await admin.post('/companies', { name: 'Без формы', inn: '123456789047' });
    expect(noForm12.status).toBe(201);
    const ipKpp = await admin.post('/companies', { name: 'ИП с КПП', legalForm: 'ИП', inn: '635277570478', kpp: '773601001' });
    expect(issues(ipKpp)).toEqual(['kpp:company.kpp_invalid']);
    const change = await admin.patch(`/companies/${ip.body.id}`, { version: 1, legalForm: 'АО' });
    expect(issues(change)).toEqual(['inn:company.inn_invalid']);
  });

  it('normalises phones with the default country and rejects numbers that cannot be normalised', async () => {
    const ok = await admin.post('/companies', {
      name: 'Телефоны',
      phones: [{ raw: '8 800 555-35-35' }, { raw: '9161234567' }, { raw: '8 10 359 888 123 456' }, { raw: '+7 701 123 4567' }],
      confirmDuplicate: true,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.phones.map((p: { e164: string }) => p.e164)).toEqual(['+78005553535', '+79161234567', '+359888123456', '+77011234567']);
    const bad = await admin.post('/companies', { name: 'Плохой телефон', phones: [{ raw: '+74951234567' }, { raw: '123-45-67' }, { raw: 'позвоните' }] });
    expect(bad.status).toBe(422);
    expect(issues(bad)).toEqual(['phones.1.raw:company.phone_invalid', 'phones.2.raw:company.phone_invalid']);
    const email = await admin.post('/companies', { name: 'Плохая почта', emails: [{ email: 'not-an-email' }] });
    expect(issues(email)).toEqual(['emails.0.email:validation.invalid_format']);
  });

  it('uses the Bulgarian default country when configured', async () => {
    const bgApp = await startTestApp(engine, { DEFAULT_COUNTRY: 'BG' });
    try {
      const { client } = await userClient(bgApp, 'admin');
      const res = await client.post('/companies', { name: 'Пловдив', phones: [{ raw: '032 123 456' }, { raw: '0888 123 456' }] });
      expect(res.body.phones.map((p: { e164: string }) => p.e164)).toEqual(['+35932123456', '+359888123456']);
    } finally {
      await bgApp.destroy();
    }
  });

  it('validates custom values against the definitions', async () => {
    expect((await admin.post('/custom-fields', { entity: 'company', key: 'segment', label: 'Segment', type: 'select', options: ['A', 'B'] })).status).toBe(201);
    expect((await admin.post('/custom-fields', { entity: 'company', key: 'employees', label: 'Employees', type: 'number' })).status).toBe(201);
    const ok = await admin.post('/companies', { name: 'Кастом', custom: { segment: 'A', employees: 120 } });
    expect(ok.status).toBe(201);
    expect(ok.body.custom).toEqual({ segment: 'A', employees: 120 });
    const bad = await admin.post('/companies', { name: 'Кастом 2', custom: { segment: 'C', employees: 'many', color: 'red' } });
    expect(issues(bad).sort()).toEqual(['custom.color:custom_field.unknown', 'custom.employees:custom_field.type', 'custom.segment:custom_field.option']);
    const upd = await admin.patch(`/companies/${ok.body.id}`, { version: 1, custom: { segment: 'B' } });
    expect(upd.body.custom).toEqual({ segment: 'B' });
  });

  it('lists the history newest first with user names, in keyset pages', async () => {
    const c = (await admin.post('/companies', { name: 'История' })).body;
    let version = 1;
    for (const notes of ['a', 'b', 'c']) version = (await admin.patch(`/companies/${c.id}`, { version, notes })).body.version;
    const first = await admin.get(`/companies/${c.id}/history?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((h: { newValue: string }) => h.newValue)).toEqual(['c', 'b']);
    expect(first.body.items[0]).toMatchObject({ action: 'update', field: 'notes', oldValue: 'b', userId: adminId });
    expect(first.body.items[0].userName).toMatch(/^admin/);
    const second = await admin.get(`/companies/${c.id}/history?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((h: { action: string }) => h.action)).toEqual(['update', 'create']);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe.each(engines())('companies bad input on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
  });
  afterAll(() => v.destroy());

  it('answers wrong types and unknown fields with 422 naming them', async () => {
    const res = await admin.post('/companies', { name: 42, status: 'dead', phones: 'x', tags: [1], owner: 'me', ownerId: 'nobody' });
    expect(res.status).toBe(422);
    expect(issues(res)).toEqual(
      expect.arrayContaining(['name:validation.invalid_type', 'status:validation.invalid_value', 'phones:validation.invalid_type', 'tags.0:validation.invalid_type', 'owner:validation.unknown_field', 'ownerId:validation.invalid_format']),
    );
    expect(issues(await admin.post('/companies', {}))).toEqual(['name:validation.invalid_type']);
    expect(issues(await admin.post('/companies', { name: '   ' }))).toEqual(['name:validation.too_small']);
    const nested = await admin.post('/companies', { name: 'X', phones: [{ raw: '+74951234567', type: 'work' }], addresses: [{ kind: 'home' }] });
    expect(issues(nested)).toEqual(expect.arrayContaining(['phones.0.type:validation.unknown_field', 'addresses.0.kind:validation.invalid_value']));
    const malformed = await admin.request('POST', '/companies', '{"name": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    const unknownOwner = await admin.post('/companies', { name: 'X', ownerId: newId() });
    expect(issues(unknownOwner)).toEqual(['ownerId:company.owner_unknown']);
  });

  it('stores SQL and script text verbatim and keeps working', async () => {
    const evil = ["'); DROP TABLE companies;--", '<script>alert(1)</script>', 'Robert"); DELETE FROM users; --', '%_\\*"'];
    for (const name of evil) {
      const res = await admin.post('/companies', { name, notes: name, tags: [name.slice(0, 50)], confirmDuplicate: true });
      expect(res.status).toBe(201);
      expect((await admin.get(`/companies/${res.body.id}`)).body).toMatchObject({ name, notes: name });
    }
    for (const q of evil) {
      const list = await admin.get(`/companies?q=${encodeURIComponent(q)}`);
      expect(list.status).toBe(200);
    }
    const found = await admin.get(`/companies?q=${encodeURIComponent('script alert')}`);
    expect(found.body.items.map((c: { name: string }) => c.name)).toEqual(['<script>alert(1)</script>']);
    const tagged = await admin.get(`/companies?tag=${encodeURIComponent("'); DROP TABLE companies;--")}`);
    expect(tagged.body.items).toHaveLength(1);
    expect((await admin.get('/companies?limit=500')).body.items).toHaveLength(evil.length);
  });

  it('answers invalid ids, paging and filters with 422 and stays up', async () => {
    for (const path of ['/companies/123', '/companies/not-a-uuid/history', "/companies/1'%20OR%20'1'='1"]) {
      const res = await admin.get(path);
      expect(res.status).toBe(422);
      expect(issues(res)).toEqual(['param.id:validation.invalid_format']);
    }
    expect((await admin.patch('/companies/abc', { version: 1 })).status).toBe(422);
    expect((await admin.delete('/companies/abc')).status).toBe(422);
    expect((await admin.post('/companies/abc/merge', { sourceId: 'x' })).status).toBe(422);
    expect((await admin.get(`/companies/${newId()}`)).status).toBe(404);
    expect(issues(await admin.get('/companies?limit=501'))).toEqual(['query.limit:validation.too_big']);
    expect(issues(await admin.get('/companies?limit=abc'))).toEqual(['query.limit:validation.invalid_type']);
    expect(issues(await admin.get('/companies?cursor=garbage'))).toEqual(['cursor:validation.cursor_invalid']);
    expect(issues(await admin.get('/companies?sort=inn'))).toEqual(['query.sort:validation.invalid_value']);
    expect(issues(await admin.get('/companies?color=red'))).toEqual(['query.color:validation.unknown_field']);
    expect(issues(await admin.get('/companies?cf.nope=1'))).toEqual(['query.cf.nope:custom_field.unknown']);
    expect(issues(await admin.get('/companies?status=dead'))).toEqual(['query.status:validation.invalid_value']);
    const health = await v.app.request('/api/health');
    expect(health.status).toBe(200);
  });
});
