import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { insertCompany } from '../../../test/company-rows.js';
import type { TestClient } from '../../../test/client.js';
import type { AppError } from '../../platform/errors.js';
import { mergeContacts } from './contacts.merge.js';
import type { Contact } from './contacts.schema.js';
import { ContactsService } from './contacts.service.js';

describe.each(engines())('concurrent contact changes on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let adminId: string;
  beforeAll(async () => {
    v = await startTestApp(engine);
    ({ client: admin, id: adminId } = await userClient(v, 'admin'));
  });
  afterAll(() => v.destroy());

  const e164s = (c: Contact) => c.phones.map((x) => x.e164);

  /**
   * Runs a merge through a service whose reads of `racedId` are followed by `edit` (another
   * user's change landing between the merge's read and its transaction); returns its failure.
   */
  const mergeRacing = async (targetId: string, sourceId: string, racedId: string, edit: (read: Contact) => Promise<void>) => {
    const svc = new ContactsService(v.ctx.database.db, v.config);
    const racing = Object.create(svc) as ContactsService;
    racing.load = async (p, id, action) => {
      const read = await svc.load(p, id, action);
      if (id === racedId) await edit(read);
      return read;
    };
    const principal = { ...(await v.ctx.principals.load(adminId))!, viaToken: false };
    return mergeContacts(racing, principal, { userId: adminId, requestId: null }, targetId, sourceId).then(
      () => null,
      (err: AppError) => err,
    );
  };

  it('answers the loser of two simultaneous edits with 409 and the current record', async () => {
    for (let round = 0; round < 5; round++) {
      const c = (await admin.post('/contacts', { firstName: `Гонка ${round}` })).body;
      const results = await Promise.all(['first', 'second'].map((notes) => admin.patch(`/contacts/${c.id}`, { version: 1, notes })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!.body;
      const loser = results.find((r) => r.status === 409)!.body;
      expect(loser.error.code).toBe('contact.version_conflict');
      expect(loser.error.details.current).toMatchObject({ id: c.id, version: 2, notes: winner.notes });
      expect((await admin.get(`/contacts/${c.id}`)).body).toMatchObject({ version: 2, notes: winner.notes });
    }
  });

  it('refuses a merge when the source changed after it was read, losing nothing', async () => {
    const target = (await admin.post('/contacts', { firstName: 'Цель' })).body;
    const source = (await admin.post('/contacts', { firstName: 'Источник', phones: [{ raw: '+7 495 444-55-66' }], tags: ['old'] })).body;
    const err = await mergeRacing(target.id, source.id, source.id, async (read) => {
      const edit = await admin.patch(`/contacts/${read.id}`, {
        version: read.version,
        lastName: 'Позднее',
        phones: [{ raw: '+7 495 444-55-66' }, { raw: '00359 888 123 456' }],
        tags: ['old', 'new'],
      });
      expect(edit.status).toBe(200);
    });
    expect(err).toMatchObject({ code: 'contact.version_conflict', status: 409 });
    expect(err!.details!.current).toMatchObject({ id: source.id, version: 2, lastName: 'Позднее', tags: ['new', 'old'] });

    const kept = (await admin.get(`/contacts/${source.id}`)).body;
    expect(kept).toMatchObject({ version: 2, lastName: 'Позднее', tags: ['new', 'old'] });
    expect(e164s(kept)).toEqual(['+74954445566', '+359888123456']);
    expect((await admin.get(`/contacts/${target.id}`)).body).toMatchObject({ version: 1, phones: [], tags: [], lastName: null });

    const retry = await admin.post(`/contacts/${target.id}/merge`, { sourceId: source.id });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ version: 2, lastName: 'Позднее', tags: ['new', 'old'] });
    expect(e164s(retry.body)).toEqual(['+74954445566', '+359888123456']);
  });

  it('refuses a merge when the target changed after it was read, moving nothing', async () => {
    const target = (await admin.post('/contacts', { firstName: 'Мишень', emails: [{ email: 'target@race.ru' }] })).body;
    const source = (await admin.post('/contacts', { firstName: 'Донор', phones: [{ raw: '8 (812) 555-12-34' }], emails: [{ email: 'source@race.ru' }] })).body;
    const err = await mergeRacing(target.id, source.id, target.id, async (read) => {
      expect((await admin.patch(`/contacts/${read.id}`, { version: read.version, position: 'Директор' })).status).toBe(200);
    });
    expect(err).toMatchObject({ code: 'contact.version_conflict', status: 409 });
    const current = err!.details!.current as Contact;
    expect(current).toMatchObject({ id: target.id, version: 2, position: 'Директор', phones: [] });
    expect(current.emails.map((e) => e.email)).toEqual(['target@race.ru']);

    const kept = (await admin.get(`/contacts/${source.id}`)).body;
    expect(kept).toMatchObject({ version: 1, firstName: 'Донор' });
    expect(e164s(kept)).toEqual(['+78125551234']);
    expect((await admin.get(`/contacts/${target.id}`)).body).toEqual(current);
  });

  it('carries over a company link added to the source after it was read', async () => {
    const early = await insertCompany(v, 'Ранняя', adminId);
    const late = await insertCompany(v, 'Поздняя', adminId);
    const target = (await admin.post('/contacts', { firstName: 'Приёмник' })).body;
    const source = (await admin.post('/contacts', { firstName: 'Связной', companies: [{ companyId: early }] })).body;
    const err = await mergeRacing(target.id, source.id, source.id, async (read) => {
      const link = await admin.post(`/companies/${late}/contacts`, { contactId: read.id, position: 'CTO', isPrimary: true });
      expect(link.status).toBe(201);
    });
    expect(err).toBeNull();
    const merged = (await admin.get(`/contacts/${target.id}`)).body as Contact;
    expect(merged.companies).toEqual([
      { id: late, name: 'Поздняя', position: 'CTO', isPrimary: true },
      { id: early, name: 'Ранняя', position: null, isPrimary: false },
    ]);
    expect((await admin.get(`/contacts/${source.id}`)).status).toBe(404);
  });
});
