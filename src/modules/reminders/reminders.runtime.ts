import type { AppContext } from '../../platform/http/context.js';
import { NotificationHub } from './reminders.hub.js';
import { createMailer } from './reminders.mailer.js';
import { ReminderPoller } from './reminders.poller.js';

/** Live streams poll at least this often, whatever REMINDER_POLL_MS says. */
const MAX_STREAM_POLL_MS = 1000;

export interface RemindersRuntime {
  hub: NotificationHub;
  poller: ReminderPoller;
  /** Starts firing reminders on this node (the server calls it once it listens). */
  start(): void;
  /** Stops the poller, ends the live streams and closes the mail transport. */
  stop(): Promise<void>;
}

const runtimes = new WeakMap<AppContext, RemindersRuntime>();

/** The app's reminder poller and notification streams (one per app instance). */
export function remindersRuntime(ctx: AppContext): RemindersRuntime {
  let rt = runtimes.get(ctx);
  if (rt) return rt;
  const { db } = ctx.database;
  const { config, logger } = ctx;
  const mailer = config.smtpUrl ? createMailer(config.smtpUrl, config.mailFrom) : null;
  const hub = new NotificationHub(db, Math.min(config.reminderPollMs, MAX_STREAM_POLL_MS), logger);
  const poller = new ReminderPoller(db, { pollMs: config.reminderPollMs, publicUrl: config.publicUrl }, mailer, hub, logger);
  rt = {
    hub,
    poller,
    start: () => poller.start(),
    stop: async () => {
      await poller.stop();
      await hub.stop();
      mailer?.close();
    },
  };
  runtimes.set(ctx, rt);
  return rt;
}
