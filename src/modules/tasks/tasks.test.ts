import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, auditOf, makeContact, pendingReminders, setTimeZone } from '../../../test/activities.js';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues, makeCompany, makeDeal } from '../../../test/deals.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { makeDepartment, userClient } from '../../../test/factories.js';

type User = Awaited<ReturnType<typeof userClient>>;

async function makeTask(client: TestClient, body: Record<string, unknown>): Promise<any> {
  const res = await client.post('/tasks', { title: 'Task', ...body });
  if (res.status !== 201) throw new Error(`task: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
const titles = (items: { title: string }[]) => items.map((t) => t.title).sort();

describe.each(engines())('tasks on %s', (engine) => {
  let v: TestVoronka;
  let admin: User;
  let anna: User;
  let boris: User;
  let carl: User;
  let head: User;
  let eastId: string;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = await userClient(v, 'admin');
    eastId = await makeDepartment(v, 'East');
    const west = await makeDepartment(v, 'West');
    const role = await admin.client.post('/roles', {
      key: 'task_head',
      name: 'Task head',
      permissions: { task: { read: 'department', create: 'department', update: 'department', delete: 'department' }, company: { read: 'all' } },
    });
    expect(role.status).toBe(201);
    anna = await userClient(v, 'sales_manager', eastId);
    boris = await userClient(v, 'sales_manager', west);
    carl = await userClient(v, 'sales_manager', eastId);
    head = await userClient(v, 'task_head', eastId);
  });
  afterAll(() => v.destroy());

  it('creates a task with a checklist, a due time in the assignee time zone and its reminder', async () => {
    await setTimeZone(v, anna.id, 'Europe/Sofia');
    const t = await makeTask(anna.client, {
      title: 'Подготвить оферта',
      dueDate: '2030-07-01',
      dueTime: '10:00',
      priority: 'high',
      checklist: [{ text: 'Цени' }, { text: 'Срокове', done: true }],
    });
    expect(t).toMatchObject({
      assigneeId: anna.id,
      createdBy: anna.id,
      delegated: false,
      dueDate: '2030-07-01',
      dueTime: '10:00',
      dueAt: '2030-07-01T07:00:00.000Z',
      priority: 'high',
      status: 'open',
      doneAt: null,
      version: 1,
    });
    expect(t.checklist.map((i: { text: string; done: boolean }) => [i.text, i.done])).toEqual([['Цени', false], ['Срокове', true]]);
    expect(new Set(t.checklist.map((i: { id: string }) => i.id)).size).toBe(2);
    expect(await pendingReminders(v, 'task', t.id)).toEqual([{ user_id: anna.id, fire_at: '2030-07-01T06:45:00.000Z', title: 'Подготвить оферта' }]);
    expect((await anna.client.get(`/tasks/${t.id}`)).body).toEqual(t);
  });

  it('names the fields of invalid input and checks linked records', async () => {
    const a = admin.client;
    const noTitle = await a.post('/tasks', { dueTime: '10:00', priority: 'urgent' });
    expect(fieldIssues(noTitle).map((f) => f.split(':')[0]).sort()).toEqual(['priority', 'title']);
    expect(fieldIssues(await a.post('/tasks', { title: 'x', dueTime: '10:00' }))).toEqual(['dueTime:task.time_without_date']);
    const unknown = '0190a000-0000-7000-8000-000000000000';
    expect(fieldIssues(await a.post('/tasks', { title: 'x', assigneeId: unknown }))).toEqual(['assigneeId:task.assignee_unknown']);
    expect(fieldIssues(await a.post('/tasks', { title: 'x', contactId: unknown }))).toEqual(['contactId:task.contact_unknown']);
    const companyId = await makeCompany(a, 'Task Co');
    const other = await makeCompany(a, 'Other Co');
    const deal = await makeDeal(a, { title: 'Task deal', companyId });
    expect(fieldIssues(await a.post('/tasks', { title: 'x', companyId: other, dealId: deal.id }))).toEqual(['dealId:task.deal_company_mismatch']);
    expect(fieldIssues(await a.post('/tasks', { title: 'x', checklist: [{ id: 'a', text: 'one' }, { id: 'a', text: 'two' }] }))).toEqual([
      'checklist.1.id:task.checklist_duplicate',
    ]);
    const viaDeal = await makeTask(a, { dealId: deal.id });
    expect(viaDeal).toMatchObject({ companyId, companyName: 'Task Co', dealTitle: 'Task deal' });
  });

  it('a delegated task notifies the assignee and stays visible to the delegator outside their scope', async () => {
    const t = await makeTask(anna.client, { title: 'Позвонить в банк', assigneeId: boris.id, dueDate: '2030-08-01' });
    expect(t).toMatchObject({ delegated: true, assigneeId: boris.id, createdBy: anna.id, createdByName: expect.any(String) });
    const notes = await v.ctx.database.db.selectFrom('notifications').select(['user_id', 'kind', 'title', 'link']).where('entity_id', '=', t.id).execute();
    expect(notes).toEqual([{ user_id: boris.id, kind: 'task.assigned', title: 'Позвонить в банк', link: `/tasks/${t.id}` }]);

    expect((await anna.client.get(`/tasks/${t.id}`)).status).toBe(200);
    expect(titles((await anna.client.get('/tasks?view=delegated')).body.items)).toEqual(['Позвонить в банк']);
    expect(titles((await anna.client.get('/tasks?view=mine')).body.items)).not.toContain('Позвонить в банк');
    expect(titles((await anna.client.get('/tasks')).body.items)).toContain('Позвонить в банк');
    expect(titles((await boris.client.get('/tasks?view=mine')).body.items)).toEqual(['Позвонить в банк']);
    expect((await carl.client.get(`/tasks/${t.id}`)).status).toBe(404);
    expect((await carl.client.patch(`/tasks/${t.id}`, { version: 1, title: 'x' })).status).toBe(404);

    const edited = await anna.client.patch(`/tasks/${t.id}`, { version: 1, priority: 'high' });
    expect(edited.body).toMatchObject({ priority: 'high', version: 2 });
    const done = await boris.client.patch(`/tasks/${t.id}`, { version: 2, status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', version: 3 });
    expect(Date.now() - Date.parse(done.body.doneAt)).toBeLessThan(60_000);
    const reopened = await anna.client.patch(`/tasks/${t.id}`, { version: 3, status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', doneAt: null });

    const passedOn = await boris.client.patch(`/tasks/${t.id}`, { version: 4, assigneeId: carl.id });
    expect(passedOn.body.assigneeId).toBe(carl.id);
    expect(await v.ctx.database.db.selectFrom('notifications').select('user_id').where('entity_id', '=', t.id).where('user_id', '=', carl.id).execute()).toHaveLength(1);
    expect((await boris.client.get(`/tasks/${t.id}`)).status).toBe(404);
    expect((await anna.client.get(`/tasks/${t.id}`)).body.assigneeId).toBe(carl.id);
  });

  it('a head with scope department lists the tasks of the department, filters by assignee and department', async () => {
    await makeTask(carl.client, { title: 'Carl own' });
    await makeTask(boris.client, { title: 'Boris own' });
    const all = titles((await head.client.get('/tasks?status=open')).body.items);
    expect(all).toContain('Carl own');
    expect(all).not.toContain('Boris own');
    expect(titles((await head.client.get(`/tasks?assigneeId=${carl.id}&status=open`)).body.items)).toEqual(['Carl own', 'Позвонить в банк']);
    expect(titles((await admin.client.get(`/tasks?departmentId=${eastId}&assigneeId=${boris.id}`)).body.items)).toEqual([]);
    expect(titles((await admin.client.get(`/tasks?departmentId=${eastId}&priority=high`)).body.items)).toEqual(['Подготвить оферта', 'Позвонить в банк']);
  });

  it('a stale version gets 409 naming what changed; concurrent edits do not hang', async () => {
    const t = await makeTask(admin.client, { title: 'Race' });
    expect((await admin.client.patch(`/tasks/${t.id}`, { version: 1, title: 'Race 2', dueDate: '2030-01-01' })).status).toBe(200);
    const stale = await admin.client.patch(`/tasks/${t.id}`, { version: 1, description: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'task.version_conflict', details: { changedFields: ['dueDate', 'title'], current: { version: 2 } } });
    const [x, y] = await Promise.all([
      admin.client.patch(`/tasks/${t.id}`, { version: 2, title: 'A' }),
      admin.client.patch(`/tasks/${t.id}`, { version: 2, title: 'B' }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    expect((await auditOf(v, t.id)).filter((r) => r.field === 'title').map((r) => r.new_value)).toEqual(['Race 2', x.status === 200 ? 'A' : 'B']);
  });

  it('ticks checklist items without a version; concurrent ticks of two items both stay', async () => {
    const t = await makeTask(admin.client, { title: 'List', checklist: [{ text: 'one' }, { text: 'two' }, { text: 'three' }] });
    const [one, two] = t.checklist.map((i: { id: string }) => i.id);
    const [r1, r2] = await Promise.all([
      admin.client.patch(`/tasks/${t.id}/checklist/${one}`, { done: true }),
      admin.client.patch(`/tasks/${t.id}/checklist/${two}`, { done: true }),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    const now = (await admin.client.get(`/tasks/${t.id}`)).body;
    expect(now.checklist.map((i: { done: boolean }) => i.done)).toEqual([true, true, false]);
    expect(now.version).toBe(3);
    expect((await admin.client.patch(`/tasks/${t.id}/checklist/nope`, { done: true })).body.error.code).toBe('task.checklist_item_not_found');
    const renamed = await admin.client.patch(`/tasks/${t.id}`, { version: 3, checklist: [{ id: two, text: 'two!', done: true }, { text: 'four' }] });
    expect(renamed.body.checklist.map((i: { id: string; text: string }) => [i.id === two, i.text])).toEqual([[true, 'two!'], [false, 'four']]);
  });

  it('pages through every sort with keyset cursors, without losses or repeats', async () => {
    const c = (await userClient(v, 'sales_manager')).client;
    const specs = [
      { priority: 'low', dueDate: '2030-01-02' },
      { priority: 'high' },
      { priority: 'high', dueDate: '2030-01-03', dueTime: '09:00' },
      { priority: 'normal', dueDate: '2030-01-01' },
      { priority: 'high', dueDate: '2030-01-03' },
      { priority: 'normal' },
      { priority: 'low', dueDate: '2030-01-01', dueTime: '18:00' },
    ];
    for (const [i, s] of specs.entries()) await makeTask(c, { title: `t${i}`, ...s });
    const order = (items: { title: string }[]) => items.map((t) => t.title);
    expect(order((await c.get('/tasks?sort=due')).body.items)).toEqual(['t3', 't6', 't0', 't4', 't2', 't1', 't5']);
    expect(order((await c.get('/tasks?sort=-priority')).body.items)).toEqual(['t4', 't2', 't1', 't3', 't5', 't6', 't0']);
    for (const sort of ['due', '-due', 'createdAt', '-createdAt', '-priority']) {
      const whole = order((await c.get(`/tasks?sort=${sort}&limit=500`)).body.items);
      expect(order(await allPages(c, `/tasks?sort=${sort}&limit=2`))).toEqual(whole);
      expect(whole).toHaveLength(7);
    }
    expect(order((await c.get('/tasks?dueFrom=2030-01-02&dueTo=2030-01-03&sort=due')).body.items)).toEqual(['t0', 't4', 't2']);
  });

  it('deleting a task cancels its reminder; tasks follow merges and deletes of companies and contacts', async () => {
    const a = admin.client;
    const keep = await makeCompany(a, 'Keep T');
    const gone = await makeCompany(a, 'Gone T');
    const keptContact = await makeContact(a, 'Мария');
    const goneContact = await makeContact(a, 'Мария', { lastName: 'Дубль' });
    const t = await makeTask(a, { companyId: gone, contactId: goneContact, dueDate: '2031-01-01', dueTime: '09:00' });
    expect((await a.post(`/companies/${keep}/merge`, { sourceId: gone })).status).toBe(200);
    expect((await a.post(`/contacts/${keptContact}/merge`, { sourceId: goneContact })).status).toBe(200);
    expect((await a.get(`/tasks/${t.id}`)).body).toMatchObject({ companyId: keep, contactId: keptContact });
    expect((await a.delete(`/contacts/${keptContact}`)).status).toBe(204);
    expect((await a.delete(`/companies/${keep}`)).status).toBe(204);
    expect((await a.get(`/tasks/${t.id}`)).body).toMatchObject({ companyId: null, contactId: null });

    expect(await pendingReminders(v, 'task', t.id)).toHaveLength(1);
    expect((await a.delete(`/tasks/${t.id}`)).status).toBe(204);
    expect((await a.get(`/tasks/${t.id}`)).status).toBe(404);
    expect(await pendingReminders(v, 'task', t.id)).toEqual([]);
  });
});
