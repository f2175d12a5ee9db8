import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { errorResponses, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { CalendarFeedService } from './calendar.feed.js';
import { calendarFeedCreated, calendarFeedSchema, calendarQuery, calendarRange } from './calendar.schema.js';
import { CalendarService } from './calendar.service.js';

const tags = ['Calendar'];

export function registerCalendarRoutes(api: App, ctx: AppContext): void {
  const svc = new CalendarService(ctx.database.db);
  const feeds = new CalendarFeedService(ctx.database.db, ctx.config.publicUrl);

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/calendar',
      tags,
      summary: "A day, week or month (or from..to) of a user's or a department's activities and dated tasks, in the viewer's time zone",
      description: 'Reschedule an activity with PATCH /activities/{id} (plannedDate, plannedTime, version).',
      permission: ['activity', 'read'],
      request: { query: calendarQuery },
      responses: { 200: json(calendarRange), ...errorResponses },
    }),
    async (c) => c.json(await svc.range(principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/calendar/feed',
      tags,
      summary: 'Whether I have a private iCal feed',
      permission: 'authenticated',
      responses: { 200: json(calendarFeedSchema), ...errorResponses },
    }),
    async (c) => c.json(await feeds.status(principalOf(c)), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/calendar/feed',
      tags,
      summary: 'Create my private iCal feed, or replace its secret URL (the old one stops working); the URL is shown once',
      permission: 'authenticated',
      responses: { 201: json(calendarFeedCreated), ...errorResponses },
    }),
    async (c) => c.json(await feeds.rotate(principalOf(c), actorOf(c)), 201),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/calendar/feed',
      tags,
      summary: 'Revoke my iCal feed (its URL answers 404 from now on)',
      permission: 'authenticated',
      responses: { 204: { description: 'Revoked' }, ...errorResponses },
    }),
    async (c) => {
      await feeds.revoke(principalOf(c), actorOf(c));
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/calendar/ical/{file}',
      tags,
      summary: "A user's planned activities and tasks as iCalendar, for calendar apps; `file` is `{token}.ics` from the feed URL",
      permission: 'public',
      request: { params: z.object({ file: z.string().max(200) }) },
      responses: { 200: { description: 'iCalendar', content: { 'text/calendar': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) =>
      c.body(await feeds.ics(c.req.valid('param').file), 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': 'private, max-age=300',
      }),
  );
}
