import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { insertCompany } from '../../../test/company-rows.js';
import type { TestClient } from '../../../test/client.js';

describe.each(engines())('contacts on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let adminId: string;
  beforeAll(async () => {
    v = await startTestApp(engine);
    ({ client: admin, id: adminId } = await userClient(v, 'admin'));
  });
  afterAll(() => v.destroy());

  const audit = (id: string) =>
    v.ctx.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'contact').where('entity_id', '=', id).orderBy('id').execute();

  it('creates, reads, updates and deletes a contact with audit rows', async () => {
    const created = await admin.post('/contacts', {
      firstName: 'Иван',
      lastName: 'Петров',
      middleName: 'Сергеевич',
      position: 'Директор',
      birthday: '1980-02-29',
      phones: [{ kind: 'mobile', raw: '8 (916) 123-45-67 доб. 12' }],
      emails: [{ email: 'Ivan.Petrov@Example.RU' }],
      tags: ['vip', 'vip', 'опт'],
      custom: {},
    });
    expect(created.status).toBe(201);
    const c = created.body;
    expect(c).toMatchObject({
      firstName: 'Иван',
      fullName: 'Петров Иван Сергеевич',
      birthday: '1980-02-29',
      ownerId: adminId,
      ownerName: expect.any(String),
      phones: [{ kind: 'mobile', raw: '8 (916) 123-45-67 доб. 12', e164: '+79161234567', ext: '12' }],
      emails: [{ kind: 'work', email: 'ivan.petrov@example.ru' }],
      tags: ['vip', 'опт'],
      companies: [],
      version: 1,
      createdBy: adminId,
    });
    expect((await admin.get(`/contacts/${c.id}`)).body).toEqual(c);

    const patched = await admin.patch(`/contacts/${c.id}`, { version: 1, position: null, lastName: 'Сидоров', tags: ['new'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ fullName: 'Сидоров Иван Сергеевич', position: null, tags: ['new'], version: 2 });
    expect(patched.body.phones).toHaveLength(1);

    const rows = await audit(c.id);
    expect(rows[0]).toMatchObject({ action: 'create', user_id: adminId });
    const changes = rows.filter((r) => r.action === 'update').map((r) => [r.field, r.old_value, r.new_value]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ['lastName', 'Петров', 'Сидоров'],
        ['position', 'Директор', null],
        ['tags', '["vip","опт"]', '["new"]'],
      ]),
    );
    expect(changes).toHaveLength(3);

    const history = await admin.get(`/contacts/${c.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({ action: 'update', userId: adminId, userName: expect.any(String) });
    expect(history.body.items.at(-1)).toMatchObject({ action: 'create' });

    expect((await admin.delete(`/contacts/${c.id}`)).status).toBe(204);
    expect((await admin.get(`/contacts/${c.id}`)).status).toBe(404);
    expect((await audit(c.id)).at(-1)).toMatchObject({ action: 'delete' });
    const leftovers = await v.ctx.database.db.selectFrom('phones').select('id').where('entity_id', '=', c.id).execute();
    expect(leftovers).toEqual([]);
  });

  it('rejects a stale version with 409 contact.version_conflict', async () => {
    const c = (await admin.post('/contacts', { firstName: 'Мария' })).body;
    expect((await admin.patch(`/contacts/${c.id}`, { version: 1, notes: 'first' })).status).toBe(200);
    const stale = await admin.patch(`/contacts/${c.id}`, { version: 1, notes: 'second' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'contact.version_conflict', details: { current: { id: c.id, version: 2, notes: 'first' } } });
    expect((await admin.get(`/contacts/${c.id}`)).body.notes).toBe('first');
  });

  it('links to companies at create and through the company, and unlinks', async () => {
    const acme = await insertCompany(v, 'ООО «Ромашка»', adminId);
    const beta = await insertCompany(v, 'Beta EOOD', adminId);
    const c = (await admin.post('/contacts', { firstName: 'Olga', companies: [{ companyId: acme, position: 'CFO', isPrimary: true }] })).body;
    expect(c.companies).toEqual([{ id: acme, name: 'ООО «Ромашка»', position: 'CFO', isPrimary: true }]);

    const linked = await admin.post(`/companies/${beta}/contacts`, { contactId: c.id, position: 'Advisor' });
    expect(linked.status).toBe(201);
    expect(linked.body.companies.map((x: { id: string }) => x.id)).toEqual([acme, beta]);
    const relinked = await admin.post(`/companies/${beta}/contacts`, { contactId: c.id, position: 'Owner', isPrimary: true });
    expect(relinked.status).toBe(200);
    expect(relinked.body.companies.find((x: { id: string }) => x.id === beta)).toMatchObject({ position: 'Owner', isPrimary: true });

    const atAcme = await admin.get(`/contacts?companyId=${acme}`);
    expect(atAcme.body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);

    expect((await admin.delete(`/companies/${acme}/contacts/${c.id}`)).status).toBe(204);
    expect((await admin.delete(`/companies/${acme}/contacts/${c.id}`)).status).toBe(404);
    expect((await admin.get(`/contacts/${c.id}`)).body.companies.map((x: { id: string }) => x.id)).toEqual([beta]);
    expect((await audit(c.id)).map((r) => r.action)).toEqual(['create', 'link', 'update', 'unlink']);

    const missing = await admin.post('/contacts', { firstName: 'X', companies: [{ companyId: '0190f0f0-0000-7000-8000-000000000000' }] });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.fields[0]).toMatchObject({ field: 'companies.0.companyId', code: 'company.not_found' });
    expect((await admin.post('/companies/0190f0f0-0000-7000-8000-000000000000/contacts', { contactId: c.id })).status).toBe(404);
  });

  it('warns about duplicates by phone, e-mail and name at the same company unless confirmed', async () => {
    const co = await insertCompany(v, 'Дубль АД', adminId);
    const first = (
      await admin.post('/contacts', {
        firstName: 'Пётр',
        lastName: 'Иванов',
        phones: [{ raw: '+7 495 765-43-21' }],
        emails: [{ email: 'petr@dubl.bg' }],
        companies: [{ companyId: co }],
      })
    ).body;
    const byPhone = await admin.post('/contacts', { firstName: 'Другой', phones: [{ raw: '84957654321' }] });
    expect(byPhone.status).toBe(409);
    expect(byPhone.body.error.code).toBe('contact.duplicate');
    expect(byPhone.body.error.details.candidates).toEqual([{ id: first.id, fullName: 'Иванов Пётр', ownerName: expect.any(String), matches: ['phone'] }]);

    const byEmail = await admin.post('/contacts', { firstName: 'Третий', emails: [{ email: 'PETR@dubl.bg' }] });
    expect(byEmail.body.error.details.candidates[0]).toMatchObject({ id: first.id, matches: ['email'] });

    const byName = await admin.post('/contacts', { firstName: 'ПЁТР', lastName: 'иванов', companies: [{ companyId: co }] });
    expect(byName.status).toBe(409);
    expect(byName.body.error.details.candidates[0]).toMatchObject({ id: first.id, matches: ['name'] });
    expect((await admin.post('/contacts', { firstName: 'Пётр', lastName: 'Иванов' })).status).toBe(201);

    const confirmed = await admin.post('/contacts', { firstName: 'Другой', phones: [{ raw: '84957654321' }], confirmDuplicate: true });
    expect(confirmed.status).toBe(201);

    const lookup = await admin.get(`/contacts/duplicates?phone=${encodeURIComponent('8 (495) 765 43 21')}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body.candidates.map((x: { id: string }) => x.id).sort()).toEqual([first.id, confirmed.body.id].sort());
    const byNameLookup = await admin.get(`/contacts/duplicates?name=${encodeURIComponent('иванов пётр')}&companyId=${co}`);
    expect(byNameLookup.body.candidates).toEqual([expect.objectContaining({ id: first.id, matches: ['name'] })]);
  });

  it('merges two contacts keeping every linked item', async () => {
    const a = await insertCompany(v, 'Merge A', adminId);
    const b = await insertCompany(v, 'Merge B', adminId);
    const target = (
      await admin.post('/contacts', {
        firstName: 'Анна',
        phones: [{ raw: '+359 888 123 456' }],
        emails: [{ email: 'anna@a.bg' }],
        tags: ['t1'],
        companies: [{ companyId: a }],
      })
    ).body;
    const source = (
      await admin.post('/contacts', {
        firstName: 'Анна',
        lastName: 'Георгиева',
        position: 'Buyer',
        phones: [{ raw: '+359 888 123 456' }, { kind: 'work', raw: '+359 2 123 4567' }],
        emails: [{ email: 'anna@b.bg' }],
        tags: ['t1', 't2'],
        companies: [{ companyId: b, position: 'Buyer' }],
        confirmDuplicate: true,
      })
    ).body;
    const file = new FormData();
    file.append('file', new File(['hello'], 'note.txt', { type: 'text/plain' }));
    expect((await admin.post(`/attachments/contact/${source.id}`, file)).status).toBe(201);

    const merged = await admin.post(`/contacts/${target.id}/merge`, { sourceId: source.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ fullName: 'Георгиева Анна', lastName: 'Георгиева', position: 'Buyer', version: 2 });
    expect(merged.body.phones.map((p: { e164: string }) => p.e164).sort()).toEqual(['+35921234567', '+359888123456']);
    expect(merged.body.emails.map((e: { email: string }) => e.email).sort()).toEqual(['anna@a.bg', 'anna@b.bg']);
    expect(merged.body.tags).toEqual(['t1', 't2']);
    expect(merged.body.companies.map((x: { name: string }) => x.name)).toEqual(['Merge A', 'Merge B']);
    const files = await admin.get(`/attachments/contact/${target.id}`);
    expect(files.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['note.txt']);
    expect((await admin.get(`/contacts/${source.id}`)).status).toBe(404);
    expect((await audit(target.id)).filter((r) => r.action === 'merge').map((r) => r.field)).toContain('mergedFrom');
    expect(JSON.parse((await audit(source.id)).at(-1)!.new_value!)).toEqual({ id: target.id, name: merged.body.fullName });
    const found = await admin.get(`/contacts?q=${encodeURIComponent('Георгиева')}`);
    expect(found.body.items.map((x: { id: string }) => x.id)).toEqual([target.id]);

    const self = await admin.post(`/contacts/${target.id}/merge`, { sourceId: target.id });
    expect(self.status).toBe(422);
    expect(self.body.error.details.fields[0].field).toBe('sourceId');
  });

  it('walks every page in each sort order', async () => {
    const tag = `page-${engine}`;
    const names = ['Яковлев', 'Алексеев', 'Борисов', 'Волков', 'Громов', 'Дмитриев', 'Егоров'];
    for (const lastName of names) await admin.post('/contacts', { firstName: 'Тест', lastName, tags: [tag] });
    for (const sort of ['fullName', '-fullName', 'createdAt', '-updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const qs: string = `tag=${tag}&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await admin.get(`/contacts?${qs}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.items.map((x: { lastName: string }) => x.lastName));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(names.length);
      if (sort === 'fullName') expect(seen).toEqual([...names].sort());
      if (sort === '-fullName') expect(seen).toEqual([...names].sort().reverse());
      if (sort === 'createdAt') expect(seen).toEqual(names);
    }
    const bad = await admin.get('/contacts?cursor=garbage&limit=501');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field)).toContain('query.limit');
  });

  it('searches Cyrillic names case-insensitively and phones in any notation', async () => {
    const c = (
      await admin.post('/contacts', {
        firstName: 'Ёлкина',
        lastName: 'СВЕТЛАНА',
        phones: [{ raw: '8 (812) 555-12-34' }],
        emails: [{ email: 'svetlana.yolkina@poisk.ru' }],
      })
    ).body;
    const ids = async (q: string) => (await admin.get(`/contacts?q=${encodeURIComponent(q)}`)).body.items.map((x: { id: string }) => x.id);
    for (const q of ['светлана', 'СВЕТЛ', 'елкина', 'ёлкина светлана', '+7 812 555 12 34', '88125551234', '8125551234', '(812) 555-12', 'yolkina', 'poisk.ru']) {
      expect(await ids(q), q).toEqual([c.id]);
    }
    expect(await ids('светлана несуществующая')).toEqual([]);
  });
});
