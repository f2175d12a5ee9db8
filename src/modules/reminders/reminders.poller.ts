import { nowIso, type Db } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import type { NotificationHub } from './reminders.hub.js';
import type { Mailer } from './reminders.mailer.js';
import * as repo from './reminders.repository.js';
import { notify } from './reminders.schedule.js';

const IN_APP_BATCH = 100;
/** A node that dies holding a claim: another node takes the reminder over after this. */
const IN_APP_LEASE_MS = 60_000;
const MAIL_BATCH = 10;
/** Longer than one send may take with the mailer's timeouts. */
const MAIL_LEASE_MS = 5 * 60_000;
/** Sends of one e-mail before it is given up (logged). */
const MAIL_MAX_ATTEMPTS = 6;
const MAX_RETRY_DELAY_MS = 3_600_000;

export interface PollerOptions {
  pollMs: number;
  /** Absolute base of links in e-mails. */
  publicUrl: string;
}

/**
 * Fires due reminders on this app node: every `pollMs` it claims due jobs (several nodes never claim
 * one job together), and for each one in one transaction marks it fired, writes the in-app notification
 * and queues an e-mail job when the user wants e-mail and SMTP is configured. E-mail jobs are sent
 * separately and retried with a growing delay, so a dead mail server never repeats the in-app part.
 * Jobs that fell due while no node ran are fired by the first poll.
 */
export class ReminderPoller {
  /** This process's claim name. */
  readonly node = newId();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly opts: PollerOptions,
    private readonly mailer: Mailer | null,
    private readonly hub: NotificationHub,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.pollMs).unref();
  }

  /** Stops polling and waits for the poll under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One poll (joins the one under way); resolves when it is done. */
  tick(): Promise<void> {
    this.running ??= this.poll().finally(() => (this.running = null));
    return this.running;
  }

  private async poll(): Promise<void> {
    try {
      let fired = 0;
      for (;;) {
        const now = nowIso();
        const rows = await repo.claimDue(this.db, 'in_app', this.node, now, plus(now, IN_APP_LEASE_MS), IN_APP_BATCH);
        for (const row of rows) if (await this.fireInAppOrRelease(row)) fired += 1;
        if (rows.length < IN_APP_BATCH || this.stopped) break;
      }
      if (fired) this.hub.kick();
      if (this.mailer && !this.stopped) await this.sendMail(this.mailer);
    } catch (err) {
      this.logger.error({ err }, 'reminder poll failed');
    }
  }

  /** A failure (e.g. SQLite busy under several writers) gives the claim back for the next poll. */
  private async fireInAppOrRelease(row: repo.ReminderRow): Promise<boolean> {
    try {
      return await this.fireInApp(row);
    } catch (err) {
      this.logger.warn({ err, reminderId: row.id }, 'reminder not fired; will retry');
      await repo.release(this.db, row.id, this.node, nowIso(), err instanceof Error ? err.message : String(err)).catch(() => undefined);
      return false;
    }
  }

  private async fireInApp(row: repo.ReminderRow): Promise<boolean> {
    const mailOn = this.mailer !== null;
    return this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      if (!(await repo.markFired(trx, row.id, this.node, now))) return false;
      const kind = row.entity === 'task' ? 'reminder.task' : 'reminder.activity';
      await notify(trx, { userId: row.user_id, kind, title: row.title, body: row.body, link: row.link, entity: row.entity, entityId: row.entity_id });
      if (mailOn && (await repo.mailTarget(trx, row.user_id))) {
        await repo.insertReminder(trx, { ...row, id: newId(), channel: 'email', fire_at: now, fired_at: null, claimed_by: null, claimed_until: null, attempts: 0, last_error: null, created_at: now });
      }
      return true;
    });
  }

  private async sendMail(mailer: Mailer): Promise<void> {
    const now = nowIso();
    const rows = await repo.claimDue(this.db, 'email', this.node, now, plus(now, MAIL_LEASE_MS), MAIL_BATCH);
    await Promise.all(rows.map((row) => this.sendOne(mailer, row)));
  }

  private async sendOne(mailer: Mailer, row: repo.ReminderRow): Promise<void> {
    const user = await repo.userEmail(this.db, row.user_id);
    try {
      if (!user) throw new Error('the user no longer exists');
      const link = row.link ? new URL(row.link, this.opts.publicUrl).toString() : null;
      await mailer.send({ to: user.email, subject: row.title, text: [row.body, link].filter(Boolean).join('\n\n') || row.title });
      await repo.markFired(this.db, row.id, this.node, nowIso());
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (row.attempts >= MAIL_MAX_ATTEMPTS) {
        this.logger.error({ err, reminderId: row.id, attempts: row.attempts }, 'reminder e-mail given up');
        await repo.markFired(this.db, row.id, this.node, nowIso(), error);
      } else {
        const delay = Math.min(this.opts.pollMs * 4 ** row.attempts, MAX_RETRY_DELAY_MS);
        this.logger.warn({ err, reminderId: row.id, attempts: row.attempts, retryInMs: delay }, 'reminder e-mail failed; will retry');
        await repo.release(this.db, row.id, this.node, plus(nowIso(), delay), error);
      }
    }
  }
}

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
