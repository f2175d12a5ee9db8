import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { formulaInput, formulaList, formulaSchema, formulaUpdate, leaderboardQuery, leaderboardResponse, measureKeys, todayResponse } from './kpi.schema.js';
import { createFormula, deleteFormula, leaderboard, listFormulas, updateFormula } from './kpi.service.js';
import { myToday } from './kpi.today.js';

const tags = ['KPI'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerKpiRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/kpi/leaderboard',
      tags,
      summary: 'Manager KPIs of a period with the formula KPIs, ranked (within my deal and activity scopes)',
      permission: ['plan', 'read'],
      request: { query: leaderboardQuery },
      responses: { 200: json(leaderboardResponse), ...errorResponses },
    }),
    async (c) => c.json(await leaderboard(db, principalOf(c), c.req.valid('query'), ctx.config.defaultCountry), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/kpi/today',
      tags,
      summary: 'My numbers today: done, scheduled, overdue, the month plan and what is left, what is needed today',
      permission: ['plan', 'read'],
      responses: { 200: json(todayResponse), ...errorResponses },
    }),
    async (c) => c.json(await myToday(db, principalOf(c), ctx.config.defaultCountry), 200),
  );

  api.openapi(
    defineRoute({ method: 'get', path: '/kpi/formulas', tags, summary: 'Formula KPIs and the measures they may use', permission: ['plan', 'read'], responses: { 200: json(formulaList), ...errorResponses } }),
    async (c) => c.json({ items: await listFormulas(db), measures: [...measureKeys] }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/kpi/formulas',
      tags,
      summary: 'Define a KPI as a formula over the measures (+ - * / and parentheses)',
      permission: ['settings', 'update'],
      request: body(formulaInput),
      responses: { 201: json(formulaSchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createFormula(db, actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/kpi/formulas/{id}',
      tags,
      summary: 'Change a formula KPI',
      permission: ['settings', 'update'],
      request: { params: idParam, ...body(formulaUpdate) },
      responses: { 200: json(formulaSchema), ...errorResponses },
    }),
    async (c) => c.json(await updateFormula(db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({ method: 'delete', path: '/kpi/formulas/{id}', tags, summary: 'Delete a formula KPI', permission: ['settings', 'update'], request: { params: idParam }, responses: { 204: { description: 'Deleted' }, ...errorResponses } }),
    async (c) => {
      await deleteFormula(db, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}

