import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createVoronka, type Voronka } from '../src/app.js';
import type { Config } from '../src/platform/config.js';
import type { Db } from '../src/platform/db/database.js';
import { createLogger } from '../src/platform/logger.js';
import { scheduleReminder, type ReminderInput } from '../src/modules/reminders/index.js';

/** Another app node over the same database (its own pool or SQLite connection, its own poller). */
export function openNode(config: Config, overrides: Partial<Config> = {}): Promise<Voronka> {
  return createVoronka({ ...config, ...overrides }, { logger: createLogger('silent') });
}

/** Polls `probe` until it returns a value other than undefined/false; fails after `ms`. */
export async function until<T>(probe: () => Promise<T | undefined | false>, ms = 10_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A reminder of an activity due in an hour (so it is scheduled); `fireNow` moves it into the past. */
export async function planReminder(db: Db, userId: string, patch: Partial<ReminderInput> = {}): Promise<string> {
  const entityId = patch.entityId ?? crypto.randomUUID();
  await scheduleReminder(db, {
    userId,
    entity: 'activity',
    entityId,
    dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    title: 'Call Alpha LLC at 11:00',
    body: 'Promised a call back about the offer',
    link: `/activities/${entityId}`,
    ...patch,
  });
  return entityId;
}

/** Makes every pending reminder due (as if the clock moved past it). */
export async function makeDue(db: Db): Promise<void> {
  await db.updateTable('reminders').set({ fire_at: new Date(Date.now() - 60_000).toISOString() }).where('fired_at', 'is', null).execute();
}

export async function countNotifications(db: Db, entityId?: string): Promise<number> {
  let q = db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n'));
  if (entityId) q = q.where('entity_id', '=', entityId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function wantEmail(db: Db, userId: string): Promise<void> {
  await db
    .insertInto('user_work_settings')
    .values({
      user_id: userId,
      work_days: '[1,2,3,4,5]',
      work_start: '09:00',
      work_end: '18:00',
      daily_capacity: 25,
      reminder_minutes: 15,
      email_reminders: 1,
      holiday_country: null,
      updated_at: new Date().toISOString(),
    })
    .execute();
}

export interface Mail {
  to: string[];
  raw: string;
}

/** A real SMTP peer on localhost that keeps what it receives. */
export async function startSmtp(port = 0): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  const bound = await new Promise<number>((resolve) => {
    const s = server.listen(port, '127.0.0.1', () => resolve((s.address() as net.AddressInfo).port));
  });
  return { port: bound, mails, close: () => new Promise((r) => server.close(() => r())) };
}

/** A localhost port nothing listens on (taken and released). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}
