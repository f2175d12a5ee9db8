import { z } from 'zod';
import { streamSSE, type SSEMessage } from 'hono/streaming';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { errorResponses, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import type { NotificationHub } from './reminders.hub.js';
import { remindersRuntime } from './reminders.runtime.js';
import { markReadInput, markReadResult, notificationListQuery, notificationPage } from './reminders.schema.js';
import { NotificationsService } from './reminders.service.js';

const tags = ['Notifications'];
/** Keeps proxies from closing an idle stream and lets the client notice a dead one. */
const PING_MS = 15_000;

export function registerReminderRoutes(api: App, ctx: AppContext): void {
  const svc = new NotificationsService(ctx.database.db);
  const { hub } = remindersRuntime(ctx);

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/notifications',
      tags,
      summary: 'My notifications, newest first (optionally unread only), with the unread count',
      permission: 'authenticated',
      request: { query: notificationListQuery },
      responses: { 200: json(notificationPage), ...errorResponses },
    }),
    async (c) => c.json(await svc.list(principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/notifications/unread-count',
      tags,
      summary: 'How many of my notifications are unread',
      permission: 'authenticated',
      responses: { 200: json(z.object({ unreadCount: z.number().int() })), ...errorResponses },
    }),
    async (c) => c.json({ unreadCount: await svc.unreadCount(principalOf(c)) }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/notifications/read',
      tags,
      summary: 'Mark my notifications read: the given ids, or all',
      permission: 'authenticated',
      request: { body: { content: { 'application/json': { schema: markReadInput } }, required: true } },
      responses: { 200: json(markReadResult), ...errorResponses },
    }),
    async (c) => c.json(await svc.markRead(principalOf(c), c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/notifications/stream',
      tags,
      summary: 'My new notifications, live (server-sent events: `notification` with one notification as JSON, `ping`)',
      permission: 'authenticated',
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } }, ...errorResponses },
    }),
    (c) => {
      const userId = principalOf(c).id;
      // Reverse proxies (nginx) must pass events through at once instead of buffering the response.
      c.header('X-Accel-Buffering', 'no');
      return streamSSE(c, (stream) => pump(hub, userId, (m) => stream.writeSSE(m), (f) => stream.onAbort(f)));
    },
  );
}

/** Feeds one user's stream until the client leaves or the node shuts down; writes go out in order. */
function pump(hub: NotificationHub, userId: string, write: (m: SSEMessage) => Promise<void>, onAbort: (f: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    let chain = Promise.resolve();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(ping);
      unsubscribe();
      void chain.then(resolve);
    };
    const send = (m: SSEMessage) => {
      if (!done) chain = chain.then(() => write(m)).catch(finish);
    };
    const unsubscribe = hub.subscribe(userId, (n) => send({ event: 'notification', id: n.id, data: JSON.stringify(n) }), finish);
    const ping = setInterval(() => send({ event: 'ping', data: '' }), PING_MS);
    onAbort(finish);
    send({ event: 'ping', data: '' });
  });
}
