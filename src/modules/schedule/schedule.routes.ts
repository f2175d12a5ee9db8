import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, json } from '../../platform/http/responses.js';
import {
  forecastQuery,
  forecastSchema,
  redistributeInput,
  redistributeResult,
  scheduleDefaultsSchema,
  scheduleDefaultsUpdate,
  scheduleSettingsSchema,
  scheduleSettingsUpdate,
  scheduleUserQuery,
  teamQuery,
  teamSchema,
  todaySchema,
} from './schedule.schema.js';
import { ScheduleService } from './schedule.service.js';
import { readDefaults, updateDefaults } from './schedule.settings.js';

const tags = ['Schedule'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerScheduleRoutes(api: App, ctx: AppContext): void {
  const svc = new ScheduleService(ctx.database.db, ctx.config.defaultCountry);

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/schedule/today',
      tags,
      summary: "A manager's ordered list for today, with the rule that placed each item (own by default; others within the activity read scope)",
      permission: 'authenticated',
      request: { query: scheduleUserQuery },
      responses: { 200: json(todaySchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.today(principalOf(c), c.req.valid('query').userId), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/schedule/forecast',
      tags,
      summary: 'Today and the next working days: what flows over by the daily capacity, promises on their days',
      permission: 'authenticated',
      request: { query: forecastQuery },
      responses: { 200: json(forecastSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.forecast(principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/schedule/team',
      tags,
      summary: "Each manager's load: today's items against the capacity, missed and overdue promises, overflow, the next days",
      permission: ['activity', 'read'],
      request: { query: teamQuery },
      responses: { 200: json(teamSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.team(principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/schedule/redistribute',
      tags,
      summary: "Move open activities from one manager to another (both within the principal's activity update scope); audited",
      permission: ['activity', 'update'],
      request: body(redistributeInput),
      responses: { 200: json(redistributeResult), ...errorResponses },
    }),
    async (c) => c.json(await svc.redistribute(principalOf(c), actorOf(c), c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/schedule/settings',
      tags,
      summary: "A user's schedule settings: funnel group order, hot threshold (own or the company default) and daily capacity",
      permission: 'authenticated',
      request: { query: scheduleUserQuery },
      responses: { 200: json(scheduleSettingsSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.settings(principalOf(c), c.req.valid('query').userId), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/schedule/settings',
      tags,
      summary: "Change a user's own schedule settings (null: back to the company default); others' need the activity update scope",
      permission: 'authenticated',
      request: { query: scheduleUserQuery, ...body(scheduleSettingsUpdate) },
      responses: { 200: json(scheduleSettingsSchema), ...errorResponses },
    }),
    async (c) => {
      const p = principalOf(c);
      return c.json(await svc.updateSettings(p, actorOf(c), c.req.valid('query').userId ?? p.id, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/schedule/settings/defaults',
      tags,
      summary: 'Company-wide defaults of the funnel group order and the hot threshold',
      permission: 'authenticated',
      responses: { 200: json(scheduleDefaultsSchema), ...errorResponses },
    }),
    async (c) => c.json(await readDefaults(svc.db), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/schedule/settings/defaults',
      tags,
      summary: 'Change the company-wide defaults (customersBeforeHot swaps hot deals and customers in the group order)',
      permission: ['settings', 'update'],
      request: body(scheduleDefaultsUpdate),
      responses: { 200: json(scheduleDefaultsSchema), ...errorResponses },
    }),
    async (c) => c.json(await updateDefaults(svc.db, actorOf(c), c.req.valid('json')), 200),
  );
}
