import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { assertRecordAccess } from '../../platform/access/index.js';
import { holidayInput, holidayList, holidayQuery, holidaySchema, workSettingsSchema, workSettingsUpdate } from './worktime.schema.js';
import { addHoliday, assertCanEditWorkSettings, getWorkSettings, listHolidays, removeHoliday, updateWorkSettings } from './worktime.service.js';

const tags = ['Working time'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerWorktimeRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/me/work-settings',
      tags,
      summary: 'My working calendar: time zone, working days and hours, daily capacity, reminder lead time',
      permission: 'authenticated',
      responses: { 200: json(workSettingsSchema), ...errorResponses },
    }),
    async (c) => c.json(await getWorkSettings(db, principalOf(c).id), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/me/work-settings',
      tags,
      summary: 'Change my working calendar (fields left out stay)',
      permission: 'authenticated',
      request: body(workSettingsUpdate),
      responses: { 200: json(workSettingsSchema), ...errorResponses },
    }),
    async (c) => c.json(await updateWorkSettings(db, actorOf(c), principalOf(c).id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/users/{id}/work-settings',
      tags,
      summary: "A user's working calendar",
      permission: ['user', 'read'],
      request: { params: idParam },
      responses: { 200: json(workSettingsSchema), ...errorResponses },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      assertRecordAccess(principalOf(c), 'user', 'read', id);
      return c.json(await getWorkSettings(db, id), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/users/{id}/work-settings',
      tags,
      summary: "Change a user's working calendar (e.g. the daily capacity): own, within the user update scope, or the activity update scope over the user",
      permission: 'authenticated',
      request: { params: idParam, ...body(workSettingsUpdate) },
      responses: { 200: json(workSettingsSchema), ...errorResponses },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      assertCanEditWorkSettings(principalOf(c), id);
      return c.json(await updateWorkSettings(db, actorOf(c), id, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/holidays',
      tags,
      summary: 'Holidays and transferred working days, by date',
      permission: 'authenticated',
      request: { query: holidayQuery },
      responses: { 200: json(holidayList), ...errorResponses },
    }),
    async (c) => c.json({ items: await listHolidays(db, c.req.valid('query')) }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/holidays',
      tags,
      summary: 'Add a holiday (or, with isWorkday, a working weekend day) for a country',
      permission: ['settings', 'update'],
      request: body(holidayInput),
      responses: { 201: json(holidaySchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await addHoliday(db, actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/holidays/{id}',
      tags,
      summary: 'Remove a holiday',
      permission: ['settings', 'update'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await removeHoliday(db, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
