import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { forecast } from './forecast.service.js';
import { reversePlan } from './planner.service.js';
import {
  forecastQuery,
  forecastResponse,
  planInput,
  planList,
  planListQuery,
  planSchema,
  plannerQuery,
  plannerResponse,
  planUpdate,
  progressQuery,
  progressResponse,
} from './plans.schema.js';
import { createPlan, deletePlan, listPlans, readPlan, updatePlan } from './plans.service.js';
import { progress } from './progress.service.js';

const tags = ['Plans'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerPlanRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({ method: 'get', path: '/plans', tags, summary: 'Sales plans visible to me', permission: ['plan', 'read'], request: { query: planListQuery }, responses: { 200: json(planList), ...errorResponses } }),
    async (c) => c.json(await listPlans(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/plans',
      tags,
      summary: 'Set a plan of a user, a department or the company for a period (one per target and period)',
      permission: ['plan', 'create'],
      request: body(planInput),
      responses: { 201: json(planSchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createPlan(db, principalOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/plans/progress',
      tags,
      summary: 'Plan vs actual of every visible target for a period (a quarter without its own plan sums its months)',
      permission: ['plan', 'read'],
      request: { query: progressQuery },
      responses: { 200: json(progressResponse), ...errorResponses },
    }),
    async (c) => c.json(await progress(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/plans/planner',
      tags,
      summary: 'Reverse conversion: deals, proposals, meetings and calls a revenue target needs, from historical rates',
      permission: ['plan', 'read'],
      request: { query: plannerQuery },
      responses: { 200: json(plannerResponse), ...errorResponses },
    }),
    async (c) => c.json(await reversePlan(db, principalOf(c), c.req.valid('query'), ctx.config.defaultCountry), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/plans/forecast',
      tags,
      summary: 'Weighted pipeline and historical forecast by month, with the plan and the actual',
      permission: ['plan', 'read'],
      request: { query: forecastQuery },
      responses: { 200: json(forecastResponse), ...errorResponses },
    }),
    async (c) => c.json(await forecast(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({ method: 'get', path: '/plans/{id}', tags, summary: 'A plan', permission: ['plan', 'read'], request: { params: idParam }, responses: { 200: json(planSchema), ...errorResponses } }),
    async (c) => c.json(await readPlan(db, principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/plans/{id}',
      tags,
      summary: 'Change a plan (fields left out stay; null clears a measure)',
      permission: ['plan', 'update'],
      request: { params: idParam, ...body(planUpdate) },
      responses: { 200: json(planSchema), ...errorResponses },
    }),
    async (c) => c.json(await updatePlan(db, principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({ method: 'delete', path: '/plans/{id}', tags, summary: 'Delete a plan', permission: ['plan', 'delete'], request: { params: idParam }, responses: { 204: { description: 'Deleted' }, ...errorResponses } }),
    async (c) => {
      await deletePlan(db, principalOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
