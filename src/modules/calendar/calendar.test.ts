import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActivity, setTimeZone } from '../../../test/activities.js';
import { makeCompany } from '../../../test/deals.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { makeDepartment, userClient } from '../../../test/factories.js';
import { addDays } from './calendar.items.js';

type User = Awaited<ReturnType<typeof userClient>>;

interface Item {
  key: string;
  kind: string;
  title: string | null;
  date: string;
  time: string | null;
  allDay: boolean;
  startAt: string | null;
  endAt: string | null;
  userId: string;
  companyName: string | null;
}

/** The VEVENTs of an iCalendar text as property maps (long lines unfolded). */
function vevents(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: Record<string, string>[] = [];
  let cur: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') cur = {};
    else if (line === 'END:VEVENT' && cur) {
      out.push(cur);
      cur = null;
    } else if (cur) {
      const i = line.indexOf(':');
      cur[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return out;
}

describe.each(engines())('calendar (%s)', (engine) => {
  let v: TestVoronka;
  let admin: User;
  let anna: User;
  let carl: User;
  let boris: User;
  let head: User;
  let eastId: string;
  let westId: string;
  let companyId: string;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = await userClient(v, 'admin');
    eastId = await makeDepartment(v, 'East');
    westId = await makeDepartment(v, 'West');
    const role = await admin.client.post('/roles', {
      key: 'calendar_head',
      name: 'Department head',
      permissions: { activity: { read: 'department' }, task: { read: 'department' }, company: { read: 'all' } },
    });
    expect(role.status).toBe(201);
    anna = await userClient(v, 'sales_manager', eastId);
    carl = await userClient(v, 'sales_manager', eastId);
    boris = await userClient(v, 'sales_manager', westId);
    head = await userClient(v, 'calendar_head', eastId);
    for (const u of [anna, carl, boris]) await setTimeZone(v, u.id, 'Europe/Moscow');
    await setTimeZone(v, head.id, 'Europe/Moscow');
    companyId = await makeCompany(anna.client, 'Alpha LLC');

    // Week of Monday 2030-01-07 (Moscow, UTC+3).
    await makeActivity(anna.client, { plannedDate: '2030-01-07', plannedTime: '00:30', subject: 'Early call' });
    await makeActivity(anna.client, { plannedDate: '2030-01-07', plannedTime: '10:00', subject: 'Promised call', companyId });
    await makeActivity(anna.client, { type: 'meeting', plannedDate: '2030-01-09', subject: 'Visit' });
    await makeActivity(anna.client, { type: 'note', plannedDate: '2030-01-09', subject: 'Not an appointment' });
    await makeActivity(anna.client, { plannedDate: '2030-01-13', plannedTime: '23:30', subject: 'Late call' });
    await makeActivity(anna.client, { plannedDate: '2030-01-14', plannedTime: '09:00', subject: 'Next week' });
    const task = await anna.client.post('/tasks', { title: 'Send the contract', dueDate: '2030-01-08', dueTime: '15:00' });
    expect(task.status).toBe(201);
    expect((await anna.client.post('/tasks', { title: 'Someday' })).status).toBe(201);
    await makeActivity(carl.client, { plannedDate: '2030-01-08', plannedTime: '11:00', subject: 'Carl call' });
    await makeActivity(boris.client, { plannedDate: '2030-01-08', plannedTime: '12:00', subject: 'Boris call' });
  });
  afterAll(() => v.destroy());

  const titles = (items: Item[]) => items.map((i) => i.title);

  it('a week of my activities and dated tasks in my time zone, sorted, with times and durations', async () => {
    const res = await anna.client.get('/calendar?view=week&date=2030-01-09');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2030-01-07', to: '2030-01-13', timeZone: 'Europe/Moscow', truncated: false });
    expect(res.body.users).toEqual([{ id: anna.id, name: expect.any(String) }]);
    const items: Item[] = res.body.items;
    expect(titles(items)).toEqual(['Early call', 'Promised call', 'Send the contract', 'Visit', 'Late call']);
    const promised = items[1]!;
    expect(promised).toMatchObject({ kind: 'activity', date: '2030-01-07', time: '10:00', allDay: false, companyName: 'Alpha LLC', userId: anna.id });
    expect(promised.startAt).toBe('2030-01-07T07:00:00.000Z');
    expect(promised.endAt).toBe('2030-01-07T07:30:00.000Z');
    expect(items[2]).toMatchObject({ kind: 'task', time: '15:00', startAt: '2030-01-08T12:00:00.000Z' });
    expect(items[3]).toMatchObject({ type: 'meeting', allDay: true, date: '2030-01-09', time: null, startAt: null });
  });

  it('moves timed items into the viewer time zone (another zone cuts the week elsewhere)', async () => {
    const res = await anna.client.get('/calendar?view=week&date=2030-01-09&timeZone=Europe/Sofia');
    expect(res.status).toBe(200);
    const items: Item[] = res.body.items;
    // 00:30 Moscow on Monday is 23:30 on Sunday in Sofia: the week before.
    expect(titles(items)).toEqual(['Promised call', 'Send the contract', 'Visit', 'Late call']);
    expect(items[0]).toMatchObject({ date: '2030-01-07', time: '09:00' });
    expect(items[3]).toMatchObject({ date: '2030-01-13', time: '22:30' });
    const before = await anna.client.get('/calendar?from=2030-01-06&to=2030-01-06&timeZone=Europe/Sofia');
    expect(titles(before.body.items)).toEqual(['Early call']);
    expect(before.body.items[0]).toMatchObject({ date: '2030-01-06', time: '23:30' });
  });

  it('day and month views', async () => {
    const day = await anna.client.get('/calendar?view=day&date=2030-01-07');
    expect(titles(day.body.items)).toEqual(['Early call', 'Promised call']);
    const month = await anna.client.get('/calendar?view=month&date=2030-01-20');
    expect(month.body).toMatchObject({ from: '2030-01-01', to: '2030-01-31' });
    expect(titles(month.body.items)).toEqual(['Early call', 'Promised call', 'Send the contract', 'Visit', 'Late call', 'Next week']);
  });

  it('a department calendar shows the members the viewer may see', async () => {
    const east = await head.client.get(`/calendar?view=week&date=2030-01-09&departmentId=${eastId}`);
    expect(east.status).toBe(200);
    expect(new Set(east.body.users.map((u: { id: string }) => u.id))).toEqual(new Set([anna.id, carl.id, head.id]));
    expect(titles(east.body.items)).toEqual(['Early call', 'Promised call', 'Carl call', 'Send the contract', 'Visit', 'Late call']);
    expect((await head.client.get(`/calendar?view=week&date=2030-01-09&departmentId=${westId}`)).status).toBe(403);
    expect((await head.client.get(`/calendar?view=week&date=2030-01-09&userId=${boris.id}`)).status).toBe(403);
    expect((await head.client.get(`/calendar?view=week&date=2030-01-09&userId=${carl.id}`)).status).toBe(200);

    // A manager (own scope) sees only himself in his department's calendar, and nobody else's.
    const own = await carl.client.get(`/calendar?view=week&date=2030-01-09&departmentId=${eastId}`);
    expect(own.body.users.map((u: { id: string }) => u.id)).toEqual([carl.id]);
    expect(titles(own.body.items)).toEqual(['Carl call']);
    expect((await carl.client.get(`/calendar?view=week&date=2030-01-09&userId=${anna.id}`)).status).toBe(403);
    expect((await carl.client.get(`/calendar?view=week&date=2030-01-09&departmentId=${westId}`)).status).toBe(403);

    const all = await admin.client.get(`/calendar?view=week&date=2030-01-09&departmentId=${westId}`);
    expect(titles(all.body.items)).toEqual(['Boris call']);
    expect(all.body.items[0].userName).toBe(all.body.users[0].name);
    expect((await admin.client.get(`/calendar?view=week&date=2030-01-09&departmentId=${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('rejects bad ranges naming the field', async () => {
    const field = async (q: string) => {
      const res = await anna.client.get(`/calendar?${q}`);
      expect(res.status).toBe(422);
      return res.body.error.details.fields[0].field;
    };
    expect(await field('from=2030-01-01')).toBe('query.to');
    expect(await field('from=2030-01-01&to=2030-04-01')).toBe('query.to');
    expect(await field('from=2030-01-05&to=2030-01-01')).toBe('query.to');
    expect(await field('view=week&date=2030-13-01')).toBe('query.date');
    expect(await field('view=week&timeZone=Mars/Base')).toBe('query.timeZone');
    expect(await field(`view=week&userId=${anna.id}&departmentId=${eastId}`)).toBe('query.departmentId');
    expect(await field('view=year')).toBe('query.view');
  });

  it('the private iCal feed serves my planned items in UTC, with stable UIDs; rotate and revoke', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const soon = addDays(today, 2);
    await makeActivity(carl.client, { plannedDate: soon, plannedTime: '10:00', subject: 'Feed call', companyId: await makeCompany(carl.client, 'Beta JSC') });
    await makeActivity(carl.client, { type: 'meeting', plannedDate: addDays(today, 3), subject: 'Feed visit' });
    expect((await carl.client.post('/tasks', { title: 'Feed task', dueDate: soon, dueTime: '12:30' })).status).toBe(201);
    await makeActivity(carl.client, { plannedDate: addDays(today, 400), subject: 'Too far' });

    expect((await carl.client.get('/calendar/feed')).body).toEqual({ enabled: false, createdAt: null });
    const created = await carl.client.post('/calendar/feed');
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(/\/api\/v1\/calendar\/ical\/[A-Za-z0-9_-]{20,}\.ics$/);
    expect((await carl.client.get('/calendar/feed')).body).toMatchObject({ enabled: true, createdAt: created.body.createdAt });
    const path = new URL(created.body.url).pathname;

    const res = await v.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await res.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const events = vevents(text);
    const bySummary = new Map(events.map((e) => [e.SUMMARY, e]));
    // Carl's 2030 call and the one 400 days ahead lie outside the feed's window.
    expect([...bySummary.keys()].sort()).toEqual(['Call · Beta JSC · Feed call', 'Meeting · Feed visit', 'Task · Feed task']);
    const call = bySummary.get('Call · Beta JSC · Feed call')!;
    expect(call.DTSTART).toBe(`${soon.replaceAll('-', '')}T070000Z`);
    expect(call.DTEND).toBe(`${soon.replaceAll('-', '')}T073000Z`);
    expect(call.UID).toMatch(/^activity-[0-9a-f-]+@voronka$/);
    expect(bySummary.get('Task · Feed task')!.DTSTART).toBe(`${soon.replaceAll('-', '')}T093000Z`);
    const visit = bySummary.get('Meeting · Feed visit')!;
    expect(visit['DTSTART;VALUE=DATE']).toBe(addDays(today, 3).replaceAll('-', ''));
    const again = vevents(await (await v.app.request(path)).text());
    expect(again.map((e) => e.UID).sort()).toEqual(events.map((e) => e.UID).sort());

    const rotated = await carl.client.post('/calendar/feed');
    expect((await v.app.request(path)).status).toBe(404);
    const newPath = new URL(rotated.body.url).pathname;
    expect((await v.app.request(newPath)).status).toBe(200);
    expect((await carl.client.delete('/calendar/feed')).status).toBe(204);
    expect((await v.app.request(newPath)).status).toBe(404);
    expect((await v.app.request('/api/v1/calendar/ical/not-a-token.ics')).status).toBe(404);
    expect((await carl.client.get('/calendar/feed')).body.enabled).toBe(false);
    const audit = await v.ctx.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'calendar_feed').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'rotate', 'revoke']);
  });
});
