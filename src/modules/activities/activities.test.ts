import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, makeActivity, makeContact, pendingReminders, setTimeZone } from '../../../test/activities.js';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues, makeCompany, makeDeal } from '../../../test/deals.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';

describe.each(engines())('activities on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let adminId: string;
  let companyId: string;
  let otherCompanyId: string;
  let contactId: string;

  beforeAll(async () => {
    v = await startTestApp(engine);
    ({ client: admin, id: adminId } = await userClient(v, 'admin'));
    companyId = await makeCompany(admin, 'ООО Ромашка');
    otherCompanyId = await makeCompany(admin, 'ООО Лютик');
    contactId = await makeContact(admin, 'Иван', { lastName: 'Петров' });
  });
  afterAll(() => v.destroy());

  it('plans a call for a day, reads it back and writes a history row', async () => {
    const a = await makeActivity(admin, { companyId, contactIds: [contactId, contactId], subject: 'Обсудить договор' });
    expect(a).toMatchObject({
      type: 'call',
      direction: 'out',
      status: 'open',
      companyId,
      companyName: 'ООО Ромашка',
      contacts: [{ id: contactId, fullName: 'Петров Иван' }],
      ownerId: adminId,
      plannedDate: '2030-01-10',
      plannedTime: null,
      plannedAt: null,
      isPromise: false,
      doneAt: null,
      claimStatus: null,
      nextStepDeclined: false,
      version: 1,
      createdBy: adminId,
    });
    expect((await admin.get(`/activities/${a.id}`)).body).toEqual(a);
    expect(await auditOf(v, a.id)).toEqual([{ action: 'create', field: null, old_value: null, new_value: null }]);
  });

  it('names the fields of invalid input', async () => {
    const missingDate = await admin.post('/activities', { type: 'meeting', companyId, direction: 'in', callResult: 'busy', plannedTime: '10:00' });
    expect(fieldIssues(missingDate).sort()).toEqual([
      'callResult:activity.call_only',
      'direction:activity.call_only',
      'plannedDate:activity.planned_date_required',
      'plannedTime:activity.time_without_date',
    ]);
    const bad = await admin.post('/activities', { type: 'visit', plannedDate: '2030-13-01', plannedTime: '25:00', colour: 'red' });
    expect(bad.status).toBe(422);
    expect(fieldIssues(bad).map((f) => f.split(':')[0]).sort()).toEqual(['colour', 'plannedDate', 'plannedTime', 'type']);
    expect(fieldIssues(await admin.post('/activities', { type: 'note', done: false }))).toEqual(['done:activity.note_done']);
    expect(fieldIssues(await admin.post('/activities', { type: 'email', plannedDate: '2030-01-01', claimStatus: 'open' }))).toEqual(['claimStatus:activity.claim_only']);
    expect(fieldIssues(await admin.post('/activities', { type: 'call', plannedDate: '2030-01-01', doneAt: '2029-01-01T10:00:00Z' }))).toEqual([
      'doneAt:activity.done_at_without_done',
    ]);
    const future = await admin.post('/activities', { type: 'call', done: true, doneAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(fieldIssues(future)).toEqual(['doneAt:activity.done_in_future']);
  });

  it('checks the linked records: they exist, and a deal belongs to the company', async () => {
    const deal = await makeDeal(admin, { title: 'Поставка', companyId });
    expect(fieldIssues(await admin.post('/activities', { type: 'call', plannedDate: '2030-01-01', companyId: otherCompanyId, dealId: deal.id }))).toEqual([
      'dealId:activity.deal_company_mismatch',
    ]);
    const unknown = '0190a000-0000-7000-8000-000000000000';
    expect(fieldIssues(await admin.post('/activities', { type: 'call', plannedDate: '2030-01-01', companyId: unknown }))).toEqual(['companyId:activity.company_unknown']);
    expect(fieldIssues(await admin.post('/activities', { type: 'call', plannedDate: '2030-01-01', dealId: unknown }))).toEqual(['dealId:activity.deal_unknown']);
    expect(fieldIssues(await admin.post('/activities', { type: 'call', plannedDate: '2030-01-01', contactIds: [contactId, unknown] }))).toEqual([
      'contactIds.1:activity.contact_unknown',
    ]);
    const viaDeal = await makeActivity(admin, { type: 'meeting', dealId: deal.id });
    expect(viaDeal).toMatchObject({ companyId, dealId: deal.id, dealTitle: 'Поставка', direction: null });
  });

  it('logs done activities: a note is always done, a logged call takes its day from the done time in the owner time zone', async () => {
    const note = await makeActivity(admin, { type: 'note', plannedDate: undefined, companyId, notes: 'Любит чай' });
    expect(note).toMatchObject({ status: 'done', type: 'note' });
    expect(Date.now() - Date.parse(note.doneAt)).toBeLessThan(60_000);
    const { client: tokyo, id: tokyoId } = await userClient(v, 'admin');
    await setTimeZone(v, tokyoId, 'Asia/Tokyo');
    const call = await makeActivity(tokyo, { plannedDate: undefined, done: true, doneAt: '2025-05-01T20:30:00+00:00', callResult: 'answered', durationSec: 95, direction: 'in' });
    expect(call).toMatchObject({ status: 'done', plannedDate: '2025-05-02', doneAt: '2025-05-01T20:30:00.000Z', callResult: 'answered', durationSec: 95, direction: 'in' });
    expect(await pendingReminders(v, 'activity', call.id)).toEqual([]);
  });

  it('stores a promise as the owner wall-clock time and its UTC moment, and schedules its reminder', async () => {
    const { client: vlad, id: vladId } = await userClient(v, 'admin');
    await setTimeZone(v, vladId, 'Asia/Vladivostok');
    const a = await makeActivity(vlad, { plannedDate: '2030-03-10', plannedTime: '09:30', companyId });
    expect(a).toMatchObject({ plannedDate: '2030-03-10', plannedTime: '09:30', plannedAt: '2030-03-09T23:30:00.000Z', isPromise: true });
    const row = await v.ctx.database.db.selectFrom('activities').select(['planned_key', 'planned_at']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ planned_key: '2030-03-10 09:30', planned_at: '2030-03-09T23:30:00.000Z' });
    expect(await pendingReminders(v, 'activity', a.id)).toEqual([{ user_id: vladId, fire_at: '2030-03-09T23:15:00.000Z', title: 'ООО Ромашка' }]);

    // Handing it to an owner in UTC keeps the promised moment (as redistribution does), read in the new owner's zone.
    const moved = await vlad.patch(`/activities/${a.id}`, { version: 1, ownerId: adminId });
    expect(moved.body).toMatchObject({ plannedDate: '2030-03-09', plannedTime: '23:30', plannedAt: '2030-03-09T23:30:00.000Z', ownerId: adminId });
    expect(await pendingReminders(v, 'activity', a.id)).toEqual([{ user_id: adminId, fire_at: '2030-03-09T23:15:00.000Z', title: 'ООО Ромашка' }]);
    const untimed = await vlad.patch(`/activities/${a.id}`, { version: 2, plannedTime: null, plannedDate: '2030-03-11' });
    expect(untimed.body).toMatchObject({ plannedDate: '2030-03-11', plannedTime: null, plannedAt: null, isPromise: false });
    expect(await pendingReminders(v, 'activity', a.id)).toEqual([]);
  });

  it('updates with the version read; a stale version gets 409 naming what changed since', async () => {
    const a = await makeActivity(admin, { companyId });
    const first = await admin.patch(`/activities/${a.id}`, { version: 1, subject: 'Перезвонить', plannedDate: '2030-02-01' });
    expect(first.body).toMatchObject({ version: 2, subject: 'Перезвонить', plannedDate: '2030-02-01' });
    const stale = await admin.patch(`/activities/${a.id}`, { version: 1, notes: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('activity.version_conflict');
    expect(stale.body.error.details.changedFields).toEqual(['plannedDate', 'subject']);
    expect(stale.body.error.details.current.version).toBe(2);
    expect((await auditOf(v, a.id)).filter((r) => r.action === 'update').map((r) => [r.field, r.old_value, r.new_value])).toEqual([
      ['plannedDate', '2030-01-10', '2030-02-01'],
      ['subject', null, 'Перезвонить'],
    ]);
    const history = await admin.get(`/activities/${a.id}/history?limit=2`);
    expect(history.body.items.map((r: { action: string; field: string }) => `${r.action} ${r.field}`)).toEqual(['update subject', 'update plannedDate']);
    const older = await admin.get(`/activities/${a.id}/history?limit=2&cursor=${history.body.nextCursor}`);
    expect(older.body).toMatchObject({ items: [{ action: 'create', field: null }], nextCursor: null });
    const retyped = await admin.patch(`/activities/${a.id}`, { version: 2, type: 'meeting', durationSec: 3600 });
    expect(retyped.body).toMatchObject({ type: 'meeting', direction: null, durationSec: 3600 });
    expect(fieldIssues(await admin.patch(`/activities/${a.id}`, { version: 3, plannedDate: null }))).toEqual(['plannedDate:activity.planned_date_required']);
    expect(fieldIssues(await admin.patch(`/activities/${a.id}`, { version: 3, type: 'note' }))).toEqual(['type:activity.note_done']);
  });

  it('two concurrent edits of one activity: one wins, the other gets 409 (no hang on SQLite)', async () => {
    const a = await makeActivity(admin, { companyId });
    const [x, y] = await Promise.all([
      admin.patch(`/activities/${a.id}`, { version: 1, subject: 'A' }),
      admin.patch(`/activities/${a.id}`, { version: 1, subject: 'B' }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const current = (await admin.get(`/activities/${a.id}`)).body;
    expect(current.version).toBe(2);
    expect(current.subject).toBe(x.status === 200 ? 'A' : 'B');
  });

  it('deletes an activity with its reminder and audits the deletion', async () => {
    const a = await makeActivity(admin, { companyId, contactIds: [contactId], plannedDate: '2031-01-01', plannedTime: '12:00' });
    expect(await pendingReminders(v, 'activity', a.id)).toHaveLength(1);
    expect((await admin.delete(`/activities/${a.id}`)).status).toBe(204);
    expect((await admin.get(`/activities/${a.id}`)).status).toBe(404);
    expect(await pendingReminders(v, 'activity', a.id)).toEqual([]);
    const audit = await auditOf(v, a.id);
    expect([...new Set(audit.map((r) => r.action))]).toEqual(['create', 'delete']);
    expect(audit.find((r) => r.field === 'plannedTime')).toMatchObject({ action: 'delete', old_value: '12:00', new_value: null });
  });

  it('keeps the daily planned and done counts of activities (read by reports and the activity funnel) equal to the activities through every kind of write', async () => {
    const { id: otherId } = await userClient(v, 'sales_manager');
    const a = await makeActivity(admin, { companyId, plannedDate: '2031-05-04' });
    const b = await makeActivity(admin, { companyId, plannedDate: '2031-05-04', type: 'meeting' });
    await makeActivity(admin, { companyId, plannedDate: '2031-05-05' });
    expect((await admin.patch(`/activities/${a.id}`, { version: 1, plannedDate: '2031-05-06' })).status).toBe(200);
    expect((await admin.patch(`/activities/${b.id}`, { version: 1, ownerId: otherId })).status).toBe(200);
    expect((await admin.post(`/activities/${a.id}/complete`, { nextStep: { none: true, reason: 'done' } })).status).toBe(200);
    expect((await admin.delete(`/activities/${b.id}`)).status).toBe(204);
    const c = await makeActivity(admin, { companyId, plannedDate: '2031-05-07' });
    expect((await admin.post(`/activities/${c.id}/complete`, { nextStep: { none: true, reason: 'done' } })).status).toBe(200);
    expect((await admin.delete(`/activities/${c.id}`)).status).toBe(204);
    const db = v.ctx.database.db;
    const counts = await db.selectFrom('activity_day_counts').select(['planned_date', 'owner_id', 'type', 'status', 'n']).orderBy(['planned_date', 'owner_id', 'type', 'status']).execute();
    const actual = await db
      .selectFrom('activities')
      .select(['planned_date', 'owner_id', 'type', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['planned_date', 'owner_id', 'type', 'status'])
      .orderBy(['planned_date', 'owner_id', 'type', 'status'])
      .execute();
    expect(counts.map((r) => ({ ...r, n: Number(r.n) }))).toEqual(actual.map((r) => ({ ...r, n: Number(r.n) })));
    const done = await db.selectFrom('activity_done_counts').select(['done_date', 'owner_id', 'type', 'n']).orderBy(['done_date', 'owner_id', 'type']).execute();
    const actualDone = await db
      .selectFrom('activities')
      .select([sql<string>`substr(done_at, 1, 10)`.as('done_date'), 'owner_id', 'type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('done_at', 'is not', null)
      .groupBy([sql`substr(done_at, 1, 10)`, 'owner_id', 'type'])
      .orderBy(['done_date', 'owner_id', 'type'])
      .execute();
    expect(done.map((r) => ({ ...r, n: Number(r.n) }))).toEqual(actualDone.map((r) => ({ ...r, n: Number(r.n) })));
    expect(done.length).toBeGreaterThan(0);
    expect(counts.filter((r) => r.planned_date >= '2031-05-04' && r.planned_date <= '2031-05-06')).toEqual([
      { planned_date: '2031-05-05', owner_id: adminId, type: 'call', status: 'open', n: 1 },
      { planned_date: '2031-05-06', owner_id: adminId, type: 'call', status: 'done', n: 1 },
    ]);
  });
});
