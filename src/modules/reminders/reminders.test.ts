import { afterEach, describe, expect, it } from 'vitest';
import { engines, freshDatabaseUrl, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { makeActivity } from '../../../test/activities.js';
import { countNotifications, freePort, makeDue, openNode, planReminder, sleep, startSmtp, until, wantEmail } from '../../../test/reminders.js';
import { loadConfig } from '../../platform/config.js';
import { utcToZoned } from '../../shared/zoned.js';
import { listen } from '../../server.js';
import { cancelReminders, remindersRuntime, scheduleReminder } from './index.js';
import { ReminderPoller } from './reminders.poller.js';

interface SseEvent {
  event: string;
  data: string;
}

/** Reads a server-sent event stream over real HTTP in the background. */
async function openStream(port: number, cookie: string | null) {
  const ac = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/notifications/stream`, { headers: cookie ? { cookie } : {}, signal: ac.signal });
  const events: SseEvent[] = [];
  let ended = false;
  if (res.ok) {
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let cut: number;
          while ((cut = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            const field = (k: string) => block.split('\n').find((l) => l.startsWith(`${k}:`))?.slice(k.length + 1).trim() ?? '';
            events.push({ event: field('event'), data: field('data') });
          }
        }
      } catch {
        /* aborted by the test */
      }
      ended = true;
    })();
  }
  return { res, events, ended: () => ended, close: () => ac.abort() };
}

describe.each(engines())('reminders and notifications (%s)', (engine) => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.reverse()) await f();
    cleanup.length = 0;
  });

  async function app(env: Record<string, string> = {}): Promise<TestVoronka> {
    const v = await startTestApp(engine, { REMINDER_POLL_MS: '30', ...env });
    cleanup.push(() => v.destroy());
    return v;
  }

  it('schedules before the event by the user setting, replaces, cancels, skips past events', async () => {
    const v = await app();
    const { db } = v.ctx.database;
    const { id: userId } = await userClient(v, 'sales_manager');
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    const entityId = crypto.randomUUID();
    const input = { userId, entity: 'activity' as const, entityId, dueAt, title: 'Call', link: null };
    const fireAt = await scheduleReminder(db, input);
    expect(Date.parse(dueAt) - Date.parse(fireAt!)).toBe(15 * 60_000);
    expect(await scheduleReminder(db, { ...input, minutesBefore: 5 })).toBe(new Date(Date.parse(dueAt) - 5 * 60_000).toISOString());
    const pending = await db.selectFrom('reminders').selectAll().where('entity_id', '=', entityId).execute();
    expect(pending).toHaveLength(1);

    const soon = new Date(Date.now() + 60_000).toISOString();
    const now = new Date().toISOString();
    expect(await scheduleReminder(db, { ...input, dueAt: soon }, now)).toBe(now);
    expect(await scheduleReminder(db, { ...input, dueAt: new Date(Date.now() - 1000).toISOString() })).toBeNull();
    expect(await db.selectFrom('reminders').selectAll().where('entity_id', '=', entityId).execute()).toHaveLength(0);

    await scheduleReminder(db, input);
    await cancelReminders(db, 'activity', entityId);
    expect(await db.selectFrom('reminders').selectAll().where('entity_id', '=', entityId).execute()).toHaveLength(0);
  });

  it('a call promised through the activities API reminds its owner, once; completing another cancels its reminder', async () => {
    const v = await app();
    const me = await userClient(v, 'sales_manager');
    const { db } = v.ctx.database;
    const zone = (await db.selectFrom('users').select('time_zone').where('id', '=', me.id).executeTakeFirstOrThrow()).time_zone;
    const at = utcToZoned(new Date(Date.now() + 10 * 60_000), zone);
    const promised = await makeActivity(me.client, { plannedDate: at.date, plannedTime: at.time, subject: 'Call back Alpha' });
    const later = utcToZoned(new Date(Date.now() + 5 * 3_600_000), zone);
    const other = await makeActivity(me.client, { plannedDate: later.date, plannedTime: later.time, subject: 'Later call' });
    const done = await me.client.post(`/activities/${other.id}/complete`, { nextStep: { none: true } });
    expect(done.status).toBe(200);
    v.startJobs();
    const page = await until(async () => {
      const res = await me.client.get('/notifications');
      return res.body.items.length ? res.body : undefined;
    }, 10_000, 'the reminder');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ kind: 'reminder.activity', title: 'Call back Alpha', link: `/activities/${promised.id}`, entityId: promised.id });
    await sleep(200);
    expect(await countNotifications(db)).toBe(1);
    expect(await db.selectFrom('reminders').select('id').where('entity_id', '=', other.id).execute()).toHaveLength(0);
  });

  it('a reminder due while no node ran fires exactly once after the restart', async () => {
    const fresh = await freshDatabaseUrl(engine);
    cleanup.push(() => fresh.drop());
    const config = loadConfig({ DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, LOG_LEVEL: 'silent', REMINDER_POLL_MS: '30' });
    const first = await openNode(config);
    const { id: userId } = await userClient(first, 'sales_manager');
    const entityId = await planReminder(first.ctx.database.db, userId);
    first.startJobs();
    await sleep(150);
    expect(await countNotifications(first.ctx.database.db)).toBe(0);
    await first.close();

    // While the app is down the reminder falls due.
    const down = await openNode(config);
    await makeDue(down.ctx.database.db);
    await down.close();

    const second = await openNode(config);
    cleanup.push(() => second.close());
    const { db } = second.ctx.database;
    second.startJobs();
    await until(async () => (await countNotifications(db, entityId)) === 1, 10_000, 'the notification');
    await sleep(200);
    await second.close();
    cleanup.pop();

    const third = await openNode(config);
    cleanup.push(() => third.close());
    third.startJobs();
    await sleep(200);
    const rows = await third.ctx.database.db.selectFrom('notifications').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: userId, kind: 'reminder.activity', title: 'Call Alpha LLC at 11:00', link: `/activities/${entityId}`, entity: 'activity' });
    const job = await third.ctx.database.db.selectFrom('reminders').selectAll().executeTakeFirstOrThrow();
    expect(job.fired_at).not.toBeNull();
    expect(job.attempts).toBe(1);
  });

  it('several nodes polling one database fire each of many reminders exactly once', async () => {
    const a = await app();
    const { db } = a.ctx.database;
    const users = await Promise.all([1, 2, 3].map(() => userClient(a, 'sales_manager')));
    const ids: string[] = [];
    for (let i = 0; i < 400; i++) ids.push(await planReminder(db, users[i % 3]!.id, { title: `Reminder ${i}` }));
    // PostgreSQL: three app instances. SQLite is single-node (a second connection in this process would block
    // its event loop while waiting for the write lock): three pollers share the node's connection instead.
    const pollers: { start(): void; stop(): Promise<void> }[] = [remindersRuntime(a.ctx).poller];
    for (let i = 0; i < 2; i++) {
      if (engine === 'postgres') {
        const n = await openNode(a.config, { reminderPollMs: 10 });
        cleanup.push(() => n.close());
        pollers.push(remindersRuntime(n.ctx).poller);
      } else {
        const p = new ReminderPoller(db, { pollMs: 10, publicUrl: a.config.publicUrl }, null, remindersRuntime(a.ctx).hub, a.ctx.logger);
        cleanup.push(() => p.stop());
        pollers.push(p);
      }
    }
    await makeDue(db);
    for (const p of pollers) p.start();
    await until(async () => (await countNotifications(db)) >= 400, 20_000, 'all notifications');
    await sleep(300);
    const perEntity = await db
      .selectFrom('notifications')
      .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('entity_id')
      .execute();
    expect(perEntity).toHaveLength(400);
    expect(perEntity.every((r) => Number(r.n) === 1)).toBe(true);
    expect(new Set(perEntity.map((r) => r.entity_id))).toEqual(new Set(ids));
    const unfired = await db.selectFrom('reminders').select('id').where('fired_at', 'is', null).execute();
    expect(unfired).toHaveLength(0);
  });

  it('e-mails the reminder through a real SMTP peer when the user wants e-mail', async () => {
    const smtp = await startSmtp();
    cleanup.push(() => smtp.close());
    const v = await app({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Voronka <crm@example.test>', PUBLIC_URL: 'https://crm.example.test' });
    const { db } = v.ctx.database;
    const wants = await userClient(v, 'sales_manager');
    const silent = await userClient(v, 'sales_manager');
    await wantEmail(db, wants.id);
    const entityId = await planReminder(db, wants.id, { title: 'Call Alpha LLC at 11:00', body: 'About the offer' });
    await planReminder(db, silent.id, { title: 'No mail for me' });
    await makeDue(db);
    v.startJobs();
    await until(async () => smtp.mails.length === 1 || undefined, 10_000, 'the e-mail');
    await until(async () => (await countNotifications(db)) === 2, 10_000, 'both notifications');
    await sleep(200);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual([wants.email]);
    expect(mail.raw).toMatch(/^Subject: Call Alpha LLC at 11:00$/m);
    expect(mail.raw).toMatch(/^From: Voronka <crm@example.test>$/m);
    expect(mail.raw).toContain('About the offer');
    expect(mail.raw).toContain(`https://crm.example.test/activities/${entityId}`);
    const jobs = await db.selectFrom('reminders').selectAll().where('entity_id', '=', entityId).orderBy('created_at').execute();
    expect(jobs.map((j) => [j.channel, j.fired_at !== null, j.last_error])).toEqual([
      ['in_app', true, null],
      ['email', true, null],
    ]);
  });

  it('with the mail server down the in-app part fires once and the e-mail is retried until it goes out', async () => {
    const port = await freePort();
    const v = await app({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    const { db } = v.ctx.database;
    const me = await userClient(v, 'sales_manager');
    await wantEmail(db, me.id);
    const entityId = await planReminder(db, me.id, { title: 'Retry me' });
    await makeDue(db);
    v.startJobs();
    const failed = await until(
      async () => (await db.selectFrom('reminders').selectAll().where('channel', '=', 'email').where('attempts', '>=', 2).executeTakeFirst()) ?? undefined,
      10_000,
      'failed e-mail attempts',
    );
    expect(failed.fired_at).toBeNull();
    expect(failed.last_error).toBeTruthy();
    expect(await countNotifications(db, entityId)).toBe(1);

    const smtp = await startSmtp(port);
    cleanup.push(() => smtp.close());
    await until(async () => smtp.mails.length === 1 || undefined, 15_000, 'the retried e-mail');
    await sleep(300);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.raw).toMatch(/^Subject: Retry me$/m);
    expect(await countNotifications(db, entityId)).toBe(1);
    const sent = await db.selectFrom('reminders').selectAll().where('channel', '=', 'email').executeTakeFirstOrThrow();
    expect(sent.fired_at).not.toBeNull();
    expect(sent.last_error).toBeNull();
  });

  it('lists my notifications (unread filter, pages), counts and marks them read; never another user\'s', async () => {
    const v = await app();
    const { db } = v.ctx.database;
    const me = await userClient(v, 'sales_manager');
    const other = await userClient(v, 'sales_manager');
    for (let i = 0; i < 5; i++) await planReminder(db, me.id, { title: `Mine ${i}` });
    await planReminder(db, other.id, { title: 'Theirs' });
    await makeDue(db);
    v.startJobs();
    await until(async () => (await countNotifications(db)) === 6, 10_000, 'notifications');

    const page1 = await me.client.get('/notifications?limit=3');
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((n: { title: string }) => n.title)).toEqual(['Mine 4', 'Mine 3', 'Mine 2']);
    expect(page1.body.unreadCount).toBe(5);
    const page2 = await me.client.get(`/notifications?limit=3&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((n: { title: string }) => n.title)).toEqual(['Mine 1', 'Mine 0']);
    expect(page2.body.nextCursor).toBeNull();

    const theirs = await other.client.get('/notifications');
    expect(theirs.body.items.map((n: { title: string }) => n.title)).toEqual(['Theirs']);
    // Someone else's ids are not mine to mark.
    const stolen = await other.client.post('/notifications/read', { ids: [page1.body.items[0].id] });
    expect(stolen.body).toEqual({ updated: 0, unreadCount: 1 });

    const marked = await me.client.post('/notifications/read', { ids: [page1.body.items[0].id, page1.body.items[1].id] });
    expect(marked.body).toEqual({ updated: 2, unreadCount: 3 });
    const unread = await me.client.get('/notifications?unread=true');
    expect(unread.body.items.map((n: { title: string }) => n.title)).toEqual(['Mine 2', 'Mine 1', 'Mine 0']);
    expect((await me.client.post('/notifications/read', { all: true })).body).toEqual({ updated: 3, unreadCount: 0 });
    expect((await me.client.get('/notifications/unread-count')).body).toEqual({ unreadCount: 0 });
    expect((await other.client.get('/notifications/unread-count')).body).toEqual({ unreadCount: 1 });

    const bad = await me.client.post('/notifications/read', {});
    expect(bad.status).toBe(422);
    const badId = await me.client.post('/notifications/read', { ids: ['nope'] });
    expect(badId.status).toBe(422);
    expect(badId.body.error.details.fields[0].field).toBe('ids.0');
    const anonymous = await v.app.request('/api/v1/notifications');
    expect(anonymous.status).toBe(401);
  });

  it('streams new notifications live over SSE, also those another node fired', async () => {
    // Node A serves the stream and polls for reminders rarely; node B fires them.
    const a = await app({ PORT: '0', REMINDER_POLL_MS: '600000' });
    const me = await userClient(a, 'sales_manager');
    const other = await userClient(a, 'sales_manager');
    const { port, server } = await listen(a);
    cleanup.push(() => new Promise((r) => server.close(r)));
    const b = await openNode(a.config, { reminderPollMs: 20 });
    cleanup.push(() => b.close());

    const anonymous = await openStream(port, null);
    expect(anonymous.res.status).toBe(401);
    const stream = await openStream(port, me.client.cookie);
    cleanup.push(async () => stream.close());
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.res.headers.get('x-accel-buffering')).toBe('no');
    await until(async () => stream.events.some((e) => e.event === 'ping'), 5000, 'the first ping');

    const { db } = a.ctx.database;
    const entityId = await planReminder(db, me.id, { title: 'Live one' });
    await planReminder(db, other.id, { title: 'Not for me' });
    await makeDue(db);
    b.startJobs();
    const got = await until(async () => stream.events.find((e) => e.event === 'notification'), 10_000, 'the live notification');
    expect(JSON.parse(got.data)).toMatchObject({ title: 'Live one', kind: 'reminder.activity', entityId, link: `/activities/${entityId}`, readAt: null });
    await sleep(1500);
    expect(stream.events.filter((e) => e.event === 'notification')).toHaveLength(1);

    // A node shutting down ends its open streams (the server can then close).
    await remindersRuntime(a.ctx).stop();
    await until(async () => stream.ended(), 5000, 'the stream to end');
  });
});
