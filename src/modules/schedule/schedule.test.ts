import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { makeDepartment, userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { makeCompany, makeDeal, makePipeline, type TestPipeline } from '../../../test/deals.js';

/**
 * The schedule API over real data. The clock is fixed (Date only) at Wednesday 2026-03-11 10:30 UTC:
 * 12:30 in Sofia, 20:30 in Vladivostok.
 */
const NOW = Date.parse('2026-03-11T10:30:00Z');
const SOFIA = 'Europe/Sofia';

type Manager = { client: TestClient; id: string; tz: string };
type ActivityFields = { plannedDate: string; plannedTime?: string; companyId?: string; dealId?: string; contactIds?: string[]; doneAt?: string };
type Entry = { subject: string; rule: string; [k: string]: any };
const subjects = (items: Entry[]) => items.map((i) => i.subject);

describe.each(engines())('schedule on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let head: TestClient;
  let p: TestPipeline;
  let dept: string;

  async function manager(tz = SOFIA, departmentId: string | null = dept): Promise<Manager> {
    const m = await userClient(v, 'sales_manager', departmentId);
    const res = await m.client.patch('/me/work-settings', { timeZone: tz });
    expect(res.status).toBe(200);
    return { ...m, tz };
  }

  /** A call of the manager through the activities API (plannedTime: a promise in the manager's zone; doneAt: logged as done). */
  async function activity(m: Manager, subject: string, a: ActivityFields): Promise<string> {
    const { doneAt, ...rest } = a;
    const res = await m.client.post('/activities', { type: 'call', subject, ...rest, ...(doneAt && { done: true, doneAt }) });
    if (res.status !== 201) throw new Error(`activity: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async function today(c: TestClient, userId?: string) {
    const res = await c.get(`/schedule/today${userId ? `?userId=${userId}` : ''}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** A company of the manager with a deal in a stage; returns their ids. */
  async function dealIn(m: Manager, stage: 'lead' | 'offer', amount: number, name: string) {
    const companyId = await makeCompany(m.client, name);
    const deal = await makeDeal(m.client, { title: `${name} deal`, companyId, pipelineId: p.id, stageId: p.stage[stage], amount });
    return { companyId, dealId: deal.id as string };
  }

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    dept = await makeDepartment(v, 'Sales');
    head = (await userClient(v, 'head_of_sales', dept)).client;
    p = await makePipeline(admin);
  });
  afterAll(async () => {
    await v.destroy();
    vi.useRealTimers();
  });

  it('orders promises upcoming, missed today, then earlier days most recent first, then the funnel groups', async () => {
    const m = await manager();
    const hot1 = await dealIn(m, 'offer', 100_000, 'Hot old');
    const hot2 = await dealIn(m, 'offer', 500_000, 'Hot small');
    const hot3 = await dealIn(m, 'offer', 900_000, 'Hot big');
    const early = await dealIn(m, 'lead', 5_000_000, 'Early');
    const customer = await makeCompany(m.client, 'Customer', { status: 'current', phones: [{ raw: '+359 2 987 6543' }] });
    const prospect = await makeCompany(m.client, 'Prospect');
    const person = await m.client.post('/contacts', {
      firstName: 'Ivan',
      lastName: 'Petrov',
      phones: [{ kind: 'mobile', raw: '+359 88 123 4567' }],
      companies: [{ companyId: customer }],
    });
    expect(person.status).toBe(201);

    await activity(m, 'upcoming 15:00', { plannedDate: '2026-03-11', plannedTime: '15:00', companyId: prospect });
    await activity(m, 'upcoming 14:00', { plannedDate: '2026-03-11', plannedTime: '14:00', companyId: prospect });
    await activity(m, 'missed 11:00', { plannedDate: '2026-03-11', plannedTime: '11:00', companyId: customer, contactIds: [person.body.id] });
    await activity(m, 'missed 09:30', { plannedDate: '2026-03-11', plannedTime: '09:30', companyId: prospect });
    await activity(m, 'promised 10th 16:00', { plannedDate: '2026-03-10', plannedTime: '16:00', companyId: prospect });
    await activity(m, 'promised 9th 10:00', { plannedDate: '2026-03-09', plannedTime: '10:00', companyId: prospect });
    await activity(m, 'promised 10th 09:00', { plannedDate: '2026-03-10', plannedTime: '09:00', companyId: prospect });
    await activity(m, 'hot due 10th', { plannedDate: '2026-03-10', ...hot1 });
    await activity(m, 'hot small', { plannedDate: '2026-03-11', ...hot2 });
    await activity(m, 'hot big', { plannedDate: '2026-03-11', ...hot3 });
    await activity(m, 'customer', { plannedDate: '2026-03-11', companyId: customer });
    await activity(m, 'early', { plannedDate: '2026-03-05', ...early });
    await activity(m, 'new prospect', { plannedDate: '2026-03-11', companyId: prospect });
    await activity(m, 'future', { plannedDate: '2026-03-13', companyId: prospect });
    await activity(m, 'talked', { plannedDate: '2026-03-02', companyId: customer, doneAt: '2026-03-02T09:00:00.000Z' });

    const t = await today(m.client);
    expect(t).toMatchObject({ userId: m.id, timeZone: SOFIA, today: '2026-03-11', localTime: '12:30', dailyCapacity: 25, doneToday: 0, notToday: 1 });
    expect(t.day.items.map((i: Entry) => [i.subject, i.rule])).toEqual([
      ['upcoming 14:00', 'promise_upcoming_today'],
      ['upcoming 15:00', 'promise_upcoming_today'],
      ['missed 09:30', 'promise_missed_today'],
      ['missed 11:00', 'promise_missed_today'],
      ['promised 10th 09:00', 'promise_overdue'],
      ['promised 10th 16:00', 'promise_overdue'],
      ['promised 9th 10:00', 'promise_overdue'],
      ['hot due 10th', 'funnel_hot'],
      ['hot big', 'funnel_hot'],
      ['hot small', 'funnel_hot'],
      ['customer', 'funnel_customer'],
      ['early', 'funnel_early'],
      ['new prospect', 'funnel_new_prospect'],
    ]);
    expect(t.day).toMatchObject({ date: '2026-03-11', isToday: true, isWorkingDay: true, capacity: 25, promises: 7, funnel: 6 });

    const missed = t.day.items.find((i: Entry) => i.subject === 'missed 11:00');
    expect(missed).toMatchObject({
      block: 'promise',
      group: null,
      plannedTime: '11:00',
      plannedAt: '2026-03-11T09:00:00.000Z',
      dueDate: '2026-03-11',
      daysOverdue: 0,
      company: { id: customer, name: 'Customer', status: 'current' },
      contact: { id: person.body.id, fullName: expect.stringContaining('Ivan') },
      // The contact person's phone comes before the company's.
      phone: { e164: '+359881234567' },
      lastContactAt: '2026-03-02T09:00:00.000Z',
      deal: null,
      version: 1,
    });
    expect(t.day.items.find((i: Entry) => i.subject === 'customer').phone).toMatchObject({ e164: '+35929876543' });
    expect(t.day.items.find((i: Entry) => i.subject === 'promised 9th 10:00')).toMatchObject({ daysOverdue: 2, dueDate: '2026-03-09' });
    expect(t.day.items.find((i: Entry) => i.subject === 'hot big')).toMatchObject({
      block: 'funnel',
      group: 'hot',
      plannedTime: null,
      deal: { id: hot3.dealId, title: 'Hot big deal', amount: 900_000, stageId: p.stage.offer, stageName: 'Offer', probability: 50, status: 'open' },
      phone: null,
      lastContactAt: null,
    });
    expect(t.day.items.find((i: Entry) => i.subject === 'early').deal).toMatchObject({ stageName: 'Lead', probability: 10 });
  });

  it('updates the list as items are completed with a next step or consciously none', async () => {
    const m = await manager();
    const company = await makeCompany(m.client, 'Done client');
    const missed = await activity(m, 'missed 11:00', { plannedDate: '2026-03-11', plannedTime: '11:00', companyId: company });
    const funnel = await activity(m, 'funnel', { plannedDate: '2026-03-11', companyId: company });
    expect(subjects((await today(m.client)).day.items)).toEqual(['missed 11:00', 'funnel']);

    const without = await m.client.post(`/activities/${missed}/complete`, { version: 1, callResult: 'answered' });
    expect(without.status).toBe(422);
    const done = await m.client.post(`/activities/${missed}/complete`, {
      version: 1,
      callResult: 'answered',
      result: 'Asked for the price list',
      nextStep: { type: 'call', plannedDate: '2026-03-11', plannedTime: '16:30', subject: 'call back 16:30' },
    });
    expect(done.status).toBe(200);
    let t = await today(m.client);
    expect(t.day.items.map((i: Entry) => [i.subject, i.rule, i.plannedTime])).toEqual([
      ['call back 16:30', 'promise_upcoming_today', '16:30'],
      ['funnel', 'funnel_new_prospect', null],
    ]);
    expect(t).toMatchObject({ doneToday: 1, day: { capacity: 24 } });
    // The company's last contact is the call just completed.
    expect(t.day.items[0].lastContactAt).toBe(new Date(NOW).toISOString());

    expect((await m.client.post(`/activities/${funnel}/complete`, { nextStep: { none: true, reason: 'Not interested' } })).status).toBe(200);
    t = await today(m.client);
    expect(subjects(t.day.items)).toEqual(['call back 16:30']);
    expect(t.doneToday).toBe(2);
  });

  it('follows the funnel order settings: customers before hot deals, a full custom order, the hot threshold', async () => {
    const m = await manager();
    const hot = await dealIn(m, 'offer', 1_000, 'H');
    const early = await dealIn(m, 'lead', 1_000, 'E');
    const customer = await makeCompany(m.client, 'C', { status: 'current' });
    const prospect = await makeCompany(m.client, 'N');
    for (const [s, a] of [['hot', hot], ['early', early], ['customer', { companyId: customer }], ['new', { companyId: prospect }]] as const) {
      await activity(m, s, { plannedDate: '2026-03-11', ...a });
    }
    const order = async () => subjects((await today(m.client)).day.items);
    expect(await order()).toEqual(['hot', 'customer', 'early', 'new']);

    const before = await m.client.patch('/schedule/settings', { customersBeforeHot: true });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ groupOrder: ['customer', 'hot', 'early', 'new'], customersBeforeHot: true, own: ['groupOrder'], dailyCapacity: 25 });
    expect(await order()).toEqual(['customer', 'hot', 'early', 'new']);

    const custom = await m.client.patch('/schedule/settings', { groupOrder: ['new', 'early', 'hot', 'customer'] });
    expect(custom.body).toMatchObject({ groupOrder: ['new', 'early', 'hot', 'customer'], customersBeforeHot: false });
    expect(await order()).toEqual(['new', 'early', 'hot', 'customer']);

    // A threshold of 10 % makes the lead-stage deal hot as well.
    expect((await m.client.patch('/schedule/settings', { hotThreshold: 10, groupOrder: null })).body).toMatchObject({
      groupOrder: ['hot', 'customer', 'early', 'new'],
      hotThreshold: 10,
      own: ['hotThreshold'],
    });
    const items = (await today(m.client)).day.items;
    expect(items.map((i: Entry) => [i.subject, i.group])).toEqual([
      ['hot', 'hot'],
      ['early', 'hot'],
      ['customer', 'customer'],
      ['new', 'new'],
    ]);

    const bad = await m.client.patch('/schedule/settings', { groupOrder: ['hot', 'hot', 'early', 'new'], colour: 'red' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`).sort()).toEqual([
      'colour:validation.unknown_field',
      'groupOrder:schedule.group_order_invalid',
    ]);

    // Company-wide defaults: administrators only; a user without own choices follows them.
    expect((await m.client.patch('/schedule/settings/defaults', { customersBeforeHot: true })).status).toBe(403);
    const other = await manager();
    expect((await admin.patch('/schedule/settings/defaults', { customersBeforeHot: true })).body).toMatchObject({
      groupOrder: ['customer', 'hot', 'early', 'new'],
      customersBeforeHot: true,
    });
    expect((await other.client.get('/schedule/settings')).body).toMatchObject({ groupOrder: ['customer', 'hot', 'early', 'new'], own: [] });
    expect((await m.client.get('/schedule/settings')).body).toMatchObject({ groupOrder: ['customer', 'hot', 'early', 'new'], hotThreshold: 10 });
    await admin.patch('/schedule/settings/defaults', { customersBeforeHot: false });
  });

  it('flows what exceeds the capacity to the next working days, past weekends and holidays, and forecasts 5 days', async () => {
    const m = await manager();
    const prospect = await makeCompany(m.client, 'Flow');
    expect((await m.client.patch('/me/work-settings', { dailyCapacity: 3, holidayCountry: 'BG' })).status).toBe(200);
    // Overdue promises stay on today's list even past the capacity.
    for (const s of ['p1', 'p2', 'p3', 'p4']) await activity(m, s, { plannedDate: '2026-03-10', plannedTime: '10:00', companyId: prospect });
    for (let i = 1; i <= 9; i++) await activity(m, `f${i}`, { plannedDate: `2026-03-0${i}`, companyId: prospect });
    await activity(m, 'promise on thursday', { plannedDate: '2026-03-12', plannedTime: '10:00', companyId: prospect });
    expect((await admin.post('/holidays', { country: 'BG', date: '2026-03-13', name: 'Test day off' })).status).toBe(201);

    const f = await m.client.get('/schedule/forecast');
    expect(f.status).toBe(200);
    const plan = f.body.days.map((d: { date: string; capacity: number; items: Entry[] }) => [d.date, d.capacity, subjects(d.items)]);
    expect(plan).toEqual([
      ['2026-03-11', 3, ['p1', 'p2', 'p3', 'p4']],
      ['2026-03-12', 3, ['promise on thursday', 'f1', 'f2']],
      // Friday the 13th is a holiday, the weekend is off.
      ['2026-03-16', 3, ['f3', 'f4', 'f5']],
      ['2026-03-17', 3, ['f6', 'f7', 'f8']],
      ['2026-03-18', 3, ['f9']],
      ['2026-03-19', 3, []],
    ]);
    expect(f.body.days[2].items[0]).toMatchObject({ postponed: true, dueDate: '2026-03-03', daysOverdue: 13, rule: 'funnel_new_prospect' });
    expect(f.body.later).toBe(0);

    // A Saturday worked instead (a transferred working day) takes the flow; a finished call uses today's capacity.
    expect((await admin.post('/holidays', { country: 'BG', date: '2026-03-14', name: 'Working Saturday', isWorkday: true })).status).toBe(201);
    await m.client.patch('/me/work-settings', { dailyCapacity: 6 });
    await activity(m, 'called', { plannedDate: '2026-03-11', companyId: prospect, doneAt: '2026-03-11T08:00:00.000Z' });
    await activity(m, 'called yesterday', { plannedDate: '2026-03-10', companyId: prospect, doneAt: '2026-03-10T21:30:00.000Z' });
    const g = (await m.client.get('/schedule/forecast?days=2')).body;
    expect(g).toMatchObject({ doneToday: 1, dailyCapacity: 6, notToday: 9 });
    expect(g.days.map((d: { date: string; capacity: number; items: Entry[] }) => [d.date, d.capacity, subjects(d.items)])).toEqual([
      ['2026-03-11', 5, ['p1', 'p2', 'p3', 'p4', 'f1']],
      ['2026-03-12', 6, ['promise on thursday', 'f2', 'f3', 'f4', 'f5', 'f6']],
      ['2026-03-14', 6, ['f7', 'f8', 'f9']],
    ]);
    const t = await today(m.client);
    expect(t.day.capacity).toBe(5);
    expect(t.notToday).toBe(9);

    expect((await m.client.get('/schedule/forecast?days=0')).status).toBe(422);
  });

  it("reads today in each user's time zone: Vladivostok is already on Thursday when Sofia is on Wednesday", async () => {
    const sofia = await manager(SOFIA);
    const vlad = await manager('Asia/Vladivostok');
    const c1 = await makeCompany(sofia.client, 'Sofia client');
    const c2 = await makeCompany(vlad.client, 'Vladivostok client');
    // The same instant, 2026-03-11 23:00 UTC: Thursday 09:00 in Vladivostok, Thursday 01:00 in Sofia.
    await activity(vlad, 'vlad call', { plannedDate: '2026-03-12', plannedTime: '09:00', companyId: c2 });
    await activity(sofia, 'sofia call', { plannedDate: '2026-03-12', plannedTime: '01:00', companyId: c1 });
    vi.setSystemTime(Date.parse('2026-03-11T20:30:00Z'));
    try {
      const tv = await today(vlad.client);
      expect(tv).toMatchObject({ today: '2026-03-12', localTime: '06:30' });
      expect(tv.day.items.map((i: Entry) => [i.subject, i.rule, i.plannedTime])).toEqual([['vlad call', 'promise_upcoming_today', '09:00']]);
      const ts = await today(sofia.client);
      expect(ts).toMatchObject({ today: '2026-03-11', localTime: '22:30', notToday: 1 });
      expect(ts.day.items).toEqual([]);

      // Sofia's manager moves to Vladivostok: the promise keeps its instant and reads as 09:00 on Thursday there.
      await sofia.client.patch('/me/work-settings', { timeZone: 'Asia/Vladivostok' });
      const moved = await today(sofia.client);
      expect(moved.day.items.map((i: Entry) => [i.subject, i.plannedTime, i.dueDate])).toEqual([['sofia call', '09:00', '2026-03-12']]);
    } finally {
      vi.setSystemTime(NOW);
    }
  });

  it('lets a manager see only their own schedule; the head of sales sees the team load and redistributes, audited', async () => {
    const a = await manager();
    const b = await manager('Asia/Vladivostok');
    const outsider = await manager(SOFIA, null);
    const ca = await makeCompany(a.client, 'A client');
    await a.client.patch('/me/work-settings', { dailyCapacity: 2 });
    const missed = await activity(a, 'a missed', { plannedDate: '2026-03-11', plannedTime: '09:00', companyId: ca });
    await activity(a, 'a overdue', { plannedDate: '2026-03-06', plannedTime: '15:00', companyId: ca });
    const f1 = await activity(a, 'a f1', { plannedDate: '2026-03-10', companyId: ca });
    await activity(a, 'a f2', { plannedDate: '2026-03-11', companyId: ca });

    expect((await a.client.get(`/schedule/today?userId=${b.id}`)).status).toBe(403);
    expect((await a.client.get(`/schedule/forecast?userId=${b.id}`)).status).toBe(403);
    expect((await a.client.get(`/schedule/settings?userId=${b.id}`)).status).toBe(403);
    const own = await a.client.get('/schedule/team');
    expect(own.body.members.map((mm: { userId: string }) => mm.userId)).toEqual([a.id]);

    const team = await head.get(`/schedule/team?departmentId=${dept}`);
    expect(team.status).toBe(200);
    const ids = team.body.members.map((mm: { userId: string }) => mm.userId);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain(outsider.id);
    expect(team.body.members.find((mm: { userId: string }) => mm.userId === a.id)).toMatchObject({
      today: '2026-03-11',
      timeZone: SOFIA,
      dailyCapacity: 2,
      todayCount: 2,
      todayCapacity: 2,
      missedToday: 1,
      overduePromises: 1,
      overflow: 2,
      openTotal: 4,
      days: [
        { date: '2026-03-12', isWorkingDay: true, count: 2, capacity: 2 },
        { date: '2026-03-13', isWorkingDay: true, count: 0, capacity: 2 },
        { date: '2026-03-16', isWorkingDay: true, count: 0, capacity: 2 },
        { date: '2026-03-17', isWorkingDay: true, count: 0, capacity: 2 },
        { date: '2026-03-18', isWorkingDay: true, count: 0, capacity: 2 },
      ],
    });
    expect(team.body.members.find((mm: { userId: string }) => mm.userId === b.id)).toMatchObject({ today: '2026-03-11', timeZone: 'Asia/Vladivostok', openTotal: 0 });
    expect((await head.get(`/schedule/today?userId=${a.id}`)).body.day.items.length).toBe(2);

    // A manager may not move activities; the head of sales may, with the versions read.
    const move = { fromUserId: a.id, toUserId: b.id, activities: [{ id: missed, version: 1 }, { id: f1, version: 1 }] };
    expect((await a.client.post('/schedule/redistribute', move)).status).toBe(403);
    expect((await head.post('/schedule/redistribute', { ...move, toUserId: a.id })).status).toBe(422);
    const stale = await head.post('/schedule/redistribute', { ...move, activities: [{ id: missed, version: 1 }, { id: f1, version: 7 }] });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'schedule.activities_changed', details: { changed: [f1] } });
    const moved = await head.post('/schedule/redistribute', move);
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ moved: 2 });
    // Moved again with the old versions: the activities changed (they are b's now).
    expect((await head.post('/schedule/redistribute', move)).status).toBe(409);

    const tb = await head.get(`/schedule/today?userId=${b.id}`);
    // The promise keeps its instant: 09:00 in Sofia is 17:00 in Vladivostok, missed there at 20:30 as well.
    expect(tb.body.day.items.map((i: Entry) => [i.subject, i.rule, i.plannedTime, i.version])).toEqual([
      ['a missed', 'promise_missed_today', '17:00', 2],
      ['a f1', 'funnel_new_prospect', null, 2],
    ]);
    expect(subjects((await today(a.client)).day.items)).toEqual(['a overdue', 'a f2']);

    const audit = await admin.get(`/audit?entity=activity&entityId=${missed}`);
    const updates = audit.body.items.filter((r: { action: string }) => r.action === 'update');
    expect(updates.map((r: { field: string; oldValue: string; newValue: string }) => [r.field, r.oldValue, r.newValue]).sort()).toEqual([
      ['ownerId', a.id, b.id],
      ['plannedTime', '09:00', '17:00'],
    ]);
    const row = await v.ctx.database.db.selectFrom('activities').select(['owner_id', 'planned_date', 'planned_time', 'planned_key']).where('id', '=', missed).executeTakeFirstOrThrow();
    expect(row).toEqual({ owner_id: b.id, planned_date: '2026-03-11', planned_time: '17:00', planned_key: '2026-03-11 17:00' });
    // The activity API reads the moved promise in its new owner's zone; its version conflict names the fields moved.
    expect((await head.get(`/activities/${missed}`)).body).toMatchObject({ ownerId: b.id, plannedTime: '17:00', plannedAt: '2026-03-11T07:00:00.000Z', version: 2 });
    const conflict = await head.patch(`/activities/${missed}`, { version: 1, subject: 'edited' });
    expect(conflict.status).toBe(409);

    // A promise still ahead has a reminder: it goes to the new owner.
    const ahead = await activity(a, 'a tomorrow', { plannedDate: '2026-03-12', plannedTime: '10:00', companyId: ca });
    const reminderOwner = () =>
      v.ctx.database.db.selectFrom('reminders').select('user_id').where('entity_id', '=', ahead).where('fired_at', 'is', null).execute();
    expect(await reminderOwner()).toEqual([{ user_id: a.id }]);
    expect((await head.post('/schedule/redistribute', { fromUserId: a.id, toUserId: b.id, activities: [{ id: ahead, version: 1 }] })).status).toBe(200);
    expect(await reminderOwner()).toEqual([{ user_id: b.id }]);
  });

  it('moves each activity once when two redistributions race', async () => {
    const a = await manager();
    const b = await manager();
    const c = await manager();
    const company = await makeCompany(a.client, 'Race');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await activity(a, `r${i}`, { plannedDate: '2026-03-11', companyId: company }));
    const activities = ids.map((id) => ({ id, version: 1 }));
    const [x, y] = await Promise.all([
      head.post('/schedule/redistribute', { fromUserId: a.id, toUserId: b.id, activities }),
      head.post('/schedule/redistribute', { fromUserId: a.id, toUserId: c.id, activities }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const winner = x.status === 200 ? b : c;
    const owners = await v.ctx.database.db.selectFrom('activities').select('owner_id').where('id', 'in', ids).execute();
    expect(owners.map((o) => o.owner_id)).toEqual(ids.map(() => winner.id));
    expect((await today(winner.client)).day.items.length).toBe(5);
  });

  it('builds today and the forecast from the items that can be placed exactly as from all of them', async () => {
    const m = await manager();
    expect((await admin.post('/exchange-rates', { date: '2026-01-01', currency: 'EUR', rate: 95.5 })).status).toBe(201);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const customers = [await makeCompany(m.client, 'Cur 1', { status: 'current' }), await makeCompany(m.client, 'Cur 2', { status: 'current' })];
    const prospects = [await makeCompany(m.client, 'Pot 1'), await makeCompany(m.client, 'Pot 2')];
    const deals: { companyId: string; dealId: string }[] = [];
    // Amounts that rank differently once EUR is converted: 10,000 EUR cents are 955,000 RUB kopecks.
    for (let i = 0; i < 14; i++) {
      const companyId = pick([...customers, ...prospects]);
      const stageId = p.stage[pick(['lead', 'offer', 'offer', 'won'] as const)];
      const deal = await makeDeal(m.client, { title: `D${i}`, companyId, pipelineId: p.id, stageId, amount: pick([0, 10_000, 950_000, 1_000_000]), currency: pick(['RUB', 'EUR']) });
      deals.push({ companyId, dealId: deal.id });
    }
    for (let i = 0; i < 80; i++) {
      const date = pick(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-11', '2026-03-12']);
      const links = rand() < 0.7 ? pick(deals) : { companyId: pick([...customers, ...prospects]) };
      const plannedTime = rand() < 0.08 ? pick(['08:00', '11:30', '12:30', '12:31', '18:00']) : undefined;
      await activity(m, `i${i}`, { plannedDate: date, ...(plannedTime && { plannedTime }), ...links });
    }
    await activity(m, 'done', { plannedDate: '2026-03-11', companyId: prospects[0], doneAt: '2026-03-11T09:00:00.000Z' });
    const settings = [
      { dailyCapacity: 12 },
      { dailyCapacity: 17 },
      { dailyCapacity: 25 },
      { dailyCapacity: 30, customersBeforeHot: true },
      { dailyCapacity: 20, hotThreshold: 10, groupOrder: ['new', 'hot', 'early', 'customer'] },
      { dailyCapacity: 40, hotThreshold: 60, groupOrder: ['early', 'new', 'customer', 'hot'] },
    ];
    for (const { dailyCapacity, ...order } of settings) {
      await m.client.patch('/me/work-settings', { dailyCapacity });
      await m.client.patch('/schedule/settings', order);
      // 20 days of capacity read every item: the algorithm alone ranks them, as it would all items.
      const all = (await m.client.get('/schedule/forecast?days=20')).body;
      const t = await today(m.client);
      const f = (await m.client.get('/schedule/forecast?days=2')).body;
      const ids = (d: { items: Entry[] }) => d.items.map((i) => [i.activityId, i.rule, i.day]);
      expect(t.day.items.length).toBeGreaterThan(5);
      expect(ids(t.day)).toEqual(ids(all.days[0]));
      expect(f.days.map(ids)).toEqual(all.days.slice(0, 3).map(ids));
      expect(t.notToday).toBe(all.notToday);
      expect(f.later).toBe(all.later + all.days.slice(3).reduce((n: number, d: { items: Entry[] }) => n + d.items.length, 0));
    }

    // One place left: 10,000 EUR cents (955,000 kopecks) outrank 950,000 kopecks.
    const one = await manager();
    await one.client.patch('/me/work-settings', { dailyCapacity: 1 });
    const c = await makeCompany(one.client, 'Currencies');
    for (const [title, amount, currency] of [['roubles', 950_000, 'RUB'], ['euros', 10_000, 'EUR']] as const) {
      const deal = await makeDeal(one.client, { title, companyId: c, pipelineId: p.id, stageId: p.stage.offer, amount, currency });
      await activity(one, title, { plannedDate: '2026-03-11', companyId: c, dealId: deal.id });
    }
    expect(subjects((await today(one.client)).day.items)).toEqual(['euros']);
    expect(subjects((await one.client.get('/schedule/forecast?days=1')).body.days.flatMap((d: { items: Entry[] }) => d.items))).toEqual(['euros', 'roubles']);
  });

  it('keeps working calendars and the holidays calendar, with validation and permissions', async () => {
    const m = await manager();
    const other = await manager();
    const mine = await m.client.get('/me/work-settings');
    expect(mine.body).toEqual({
      userId: m.id,
      timeZone: SOFIA,
      workDays: [1, 2, 3, 4, 5],
      workStart: '09:00',
      workEnd: '18:00',
      dailyCapacity: 25,
      reminderMinutes: 15,
      emailReminders: false,
      holidayCountry: null,
    });
    const bad = await m.client.patch('/me/work-settings', { timeZone: 'Mars/Base', dailyCapacity: 0, workDays: [] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`).sort()).toEqual([
      'dailyCapacity:validation.too_small',
      'timeZone:worktime.time_zone_invalid',
      'workDays:validation.too_small',
    ]);
    const hours = await m.client.patch('/me/work-settings', { workStart: '18:00', workEnd: '09:00' });
    expect(hours.status).toBe(422);
    expect(hours.body.error.details.fields[0]).toMatchObject({ field: 'workEnd', code: 'worktime.hours_order' });
    const six = await m.client.patch('/me/work-settings', { workDays: [6, 1, 2, 3, 4, 5, 1], dailyCapacity: 30 });
    expect(six.body).toMatchObject({ workDays: [1, 2, 3, 4, 5, 6], dailyCapacity: 30 });

    // Another manager's calendar: not for a manager; a head of sales sets the capacity; the change is audited.
    expect((await other.client.patch(`/users/${m.id}/work-settings`, { dailyCapacity: 5 })).status).toBe(403);
    const set = await head.patch(`/users/${m.id}/work-settings`, { dailyCapacity: 12 });
    expect(set.status).toBe(200);
    expect((await m.client.get('/schedule/settings')).body.dailyCapacity).toBe(12);
    const audit = await admin.get(`/audit?entity=user&entityId=${m.id}`);
    expect(audit.body.items.map((r: { field: string; newValue: string }) => [r.field, r.newValue])).toContainEqual(['work.dailyCapacity', '12']);

    const h = await admin.post('/holidays', { country: 'ru', date: '2026-06-12', name: 'Russia Day' });
    expect(h.status).toBe(201);
    expect(h.body).toMatchObject({ country: 'RU', date: '2026-06-12', name: 'Russia Day', isWorkday: false });
    const dup = await admin.post('/holidays', { country: 'RU', date: '2026-06-12', name: 'Again' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('holiday.duplicate');
    expect((await head.post('/holidays', { country: 'RU', date: '2026-06-13', name: 'No' })).status).toBe(403);
    expect((await admin.post('/holidays', { country: 'RUS', date: '2026-02-30', name: '' })).status).toBe(422);
    const list = await m.client.get('/holidays?country=RU&from=2026-06-01&to=2026-06-30');
    expect(list.body.items.map((x: { date: string }) => x.date)).toEqual(['2026-06-12']);
    expect((await admin.delete(`/holidays/${h.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/holidays/${h.body.id}`)).status).toBe(404);
  });
});
