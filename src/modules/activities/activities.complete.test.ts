import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, makeActivity, makeContact, pendingReminders, setTimeZone } from '../../../test/activities.js';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues, makeCompany, makeDeal } from '../../../test/deals.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe.each(engines())('completing activities on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let adminId: string;
  let companyId: string;
  let contactId: string;

  beforeAll(async () => {
    v = await startTestApp(engine);
    ({ client: admin, id: adminId } = await userClient(v, 'admin'));
    companyId = await makeCompany(admin, 'ЗАО Вектор');
    contactId = await makeContact(admin, 'Анна', { lastName: 'Смирнова' });
  });
  afterAll(() => v.destroy());

  it('demands a next step: a planned activity or an explicit none', async () => {
    const a = await makeActivity(admin, { companyId });
    const none = await admin.post(`/activities/${a.id}/complete`, { result: 'Поговорили' });
    expect(none.status).toBe(422);
    expect(fieldIssues(none)).toEqual(['nextStep:activity.next_step_required']);
    const noDate = await admin.post(`/activities/${a.id}/complete`, { nextStep: { type: 'meeting' } });
    expect(fieldIssues(noDate)).toEqual(['nextStep.plannedDate:activity.next_step_date_required']);
    const empty = await admin.post(`/activities/${a.id}/complete`, { nextStep: {} });
    expect(fieldIssues(empty).sort()).toEqual(['nextStep.plannedDate:activity.next_step_date_required', 'nextStep.type:activity.next_step_type_required']);
    const mixed = await admin.post(`/activities/${a.id}/complete`, { nextStep: { none: true, plannedDate: '2030-01-01' } });
    expect(fieldIssues(mixed)).toEqual(['nextStep.plannedDate:activity.next_step_conflict']);
    const past = await admin.post(`/activities/${a.id}/complete`, { nextStep: { type: 'call', plannedDate: '2020-01-01' } });
    expect(fieldIssues(past)).toEqual(['nextStep.plannedDate:activity.next_step_past']);
    const note = await admin.post(`/activities/${a.id}/complete`, { nextStep: { type: 'note', plannedDate: '2030-01-01' } });
    expect(fieldIssues(note)).toEqual(['nextStep.type:activity.next_step_note']);
    expect((await admin.get(`/activities/${a.id}`)).body).toMatchObject({ status: 'open', version: 1 });

    const declined = await admin.post(`/activities/${a.id}/complete`, { version: 1, result: 'Не интересно', nextStep: { none: true, reason: 'Клиент закрылся' } });
    expect(declined.status).toBe(200);
    expect(declined.body.next).toBeNull();
    expect(declined.body.activity).toMatchObject({ status: 'done', result: 'Не интересно', nextStepDeclined: true, nextStepReason: 'Клиент закрылся', version: 2 });
    const audit = await auditOf(v, a.id);
    expect(audit.filter((r) => r.action === 'complete').map((r) => r.field).sort()).toEqual(['doneAt', 'nextStepDeclined', 'nextStepReason', 'result', 'status']);
    const again = await admin.post(`/activities/${a.id}/complete`, { nextStep: { none: true } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('activity.already_done');
  });

  it('plans the next activity in the same transaction: same company, deal and contacts, a promise with its reminder', async () => {
    const deal = await makeDeal(admin, { title: 'Внедрение', companyId });
    const a = await makeActivity(admin, { companyId, dealId: deal.id, contactIds: [contactId], plannedDate: tomorrow(), plannedTime: '10:00' });
    expect(await pendingReminders(v, 'activity', a.id)).toHaveLength(1);
    const date = tomorrow();
    const res = await admin.post(`/activities/${a.id}/complete`, {
      version: 1,
      result: 'Договорились о демонстрации',
      callResult: 'answered',
      durationSec: 300,
      nextStep: { type: 'meeting', plannedDate: date, plannedTime: '15:00', subject: 'Демонстрация' },
    });
    expect(res.status).toBe(200);
    expect(res.body.activity).toMatchObject({ status: 'done', callResult: 'answered', durationSec: 300, nextStepDeclined: false });
    expect(res.body.next).toMatchObject({
      type: 'meeting',
      status: 'open',
      companyId,
      dealId: deal.id,
      contacts: [{ id: contactId, fullName: 'Смирнова Анна' }],
      ownerId: adminId,
      plannedDate: date,
      plannedTime: '15:00',
      plannedAt: `${date}T15:00:00.000Z`,
      subject: 'Демонстрация',
      previousId: a.id,
    });
    expect(await pendingReminders(v, 'activity', a.id)).toEqual([]);
    expect(await pendingReminders(v, 'activity', res.body.next.id)).toEqual([{ user_id: adminId, fire_at: `${date}T14:45:00.000Z`, title: 'Демонстрация' }]);
    expect((await auditOf(v, res.body.next.id)).map((r) => r.action)).toEqual(['create']);
  });

  it('a failing next step leaves the activity open (nothing half-written)', async () => {
    const a = await makeActivity(admin, { companyId });
    const unknown = '0190a000-0000-7000-8000-000000000000';
    const res = await admin.post(`/activities/${a.id}/complete`, { nextStep: { type: 'call', plannedDate: '2030-01-01', contactIds: [unknown] } });
    expect(fieldIssues(res)).toEqual(['nextStep.contactIds.0:activity.contact_unknown']);
    const stale = await admin.post(`/activities/${a.id}/complete`, { version: 7, nextStep: { none: true } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('activity.version_conflict');
    expect((await admin.get(`/activities/${a.id}`)).body).toMatchObject({ status: 'open', version: 1 });
    expect((await admin.get(`/activities?companyId=${companyId}&status=open`)).body.items.filter((x: { previousId: string }) => x.previousId === a.id)).toEqual([]);
  });

  it('a next step for a colleague in another time zone is planned in their time zone', async () => {
    const { id: tokyoId } = await userClient(v, 'sales_manager');
    await setTimeZone(v, tokyoId, 'Asia/Tokyo');
    const a = await makeActivity(admin, { companyId });
    const res = await admin.post(`/activities/${a.id}/complete`, { nextStep: { type: 'call', ownerId: tokyoId, plannedDate: '2030-06-01', plannedTime: '09:00' } });
    expect(res.body.next).toMatchObject({ ownerId: tokyoId, plannedAt: '2030-06-01T00:00:00.000Z', direction: 'out' });
  });

  it('claims stay open until resolved; completing resolves them; a resolved claim can be reopened', async () => {
    const claim = await makeActivity(admin, { type: 'claim', plannedDate: undefined, done: true, companyId, subject: 'Брак в партии' });
    expect(claim).toMatchObject({ type: 'claim', status: 'open', claimStatus: 'open', doneAt: null });
    expect(claim.plannedDate).toBe(new Date().toISOString().slice(0, 10));
    expect(fieldIssues(await admin.patch(`/activities/${claim.id}`, { version: 1, claimStatus: 'resolved' }))).toEqual(['claimStatus:activity.claim_resolve_by_complete']);
    expect(fieldIssues(await admin.post(`/activities/${claim.id}/complete`, { claimStatus: 'open', nextStep: { none: true } }))).toEqual(['claimStatus:activity.claim_open']);
    const open = await admin.get(`/activities?type=claim&status=open&companyId=${companyId}`);
    expect(open.body.items.map((x: { id: string }) => x.id)).toEqual([claim.id]);

    const resolved = await admin.post(`/activities/${claim.id}/complete`, { result: 'Заменили партию', nextStep: { type: 'call', plannedDate: '2030-01-15', subject: 'Проверить удовлетворённость' } });
    expect(resolved.body.activity).toMatchObject({ status: 'done', claimStatus: 'resolved', result: 'Заменили партию' });
    expect(resolved.body.next).toMatchObject({ type: 'call', claimStatus: null });
    const reopened = await admin.patch(`/activities/${claim.id}`, { version: 2, claimStatus: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', claimStatus: 'open', doneAt: null, version: 3 });
    const resolvedAtOnce = await makeActivity(admin, { type: 'claim', plannedDate: undefined, done: true, claimStatus: 'resolved', companyId });
    expect(resolvedAtOnce).toMatchObject({ status: 'done', claimStatus: 'resolved' });
  });

  it('call fields only on calls; duration on calls and meetings', async () => {
    const email = await makeActivity(admin, { type: 'email', companyId });
    const res = await admin.post(`/activities/${email.id}/complete`, { callResult: 'answered', durationSec: 10, nextStep: { none: true } });
    expect(fieldIssues(res).sort()).toEqual(['callResult:activity.call_only', 'durationSec:activity.duration_not_allowed']);
    const meeting = await makeActivity(admin, { type: 'meeting', companyId });
    const done = await admin.post(`/activities/${meeting.id}/complete`, { durationSec: 5400, nextStep: { type: 'proposal', plannedDate: '2030-01-20' } });
    expect(done.body.activity.durationSec).toBe(5400);
    expect(done.body.next).toMatchObject({ type: 'proposal', direction: null });
  });
});
