import type { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { dashboardInput, dashboardList, dashboardSchema, dashboardUpdate, layoutInput, widgetInput, widgetParams, widgetUpdate } from './dashboards.schema.js';
import * as svc from './dashboards.service.js';

const tags = ['Dashboards'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
/** Dashboards are the user's own pages of the reports they may read. */
const permission = ['report', 'read'] as const;

export function registerDashboardRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/dashboards',
      tags,
      summary: "The caller's dashboards with their widgets; the first call makes the ready-made dashboard of the caller's role",
      permission,
      responses: { 200: json(dashboardList), ...errorResponses },
    }),
    async (c) => c.json({ items: await svc.listDashboards(db, principalOf(c), actorOf(c)) }, 200),
  );

  api.openapi(
    defineRoute({ method: 'post', path: '/dashboards', tags, summary: 'Create an empty dashboard', permission, request: body(dashboardInput), responses: { 201: json(dashboardSchema, 'Created'), ...errorResponses } }),
    async (c) => c.json(await svc.createDashboard(db, principalOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({ method: 'get', path: '/dashboards/{id}', tags, summary: 'A dashboard of the caller with its widgets', permission, request: { params: idParam }, responses: { 200: json(dashboardSchema), ...errorResponses } }),
    async (c) => c.json(await svc.getDashboard(db, principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({ method: 'patch', path: '/dashboards/{id}', tags, summary: 'Rename or reorder a dashboard', permission, request: { params: idParam, ...body(dashboardUpdate) }, responses: { 200: json(dashboardSchema), ...errorResponses } }),
    async (c) => c.json(await svc.updateDashboard(db, principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({ method: 'delete', path: '/dashboards/{id}', tags, summary: 'Delete a dashboard (its reports stay)', permission, request: { params: idParam }, responses: { 204: { description: 'Deleted' }, ...errorResponses } }),
    async (c) => {
      await svc.deleteDashboard(db, principalOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/dashboards/{id}/widgets',
      tags,
      summary: 'Add a saved report (the caller\'s or a shared one) as a chart or table widget at the end',
      permission,
      request: { params: idParam, ...body(widgetInput) },
      responses: { 200: json(dashboardSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.addWidget(db, principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({ method: 'patch', path: '/dashboards/{id}/widgets/{widgetId}', tags, summary: "Change a widget's display or size", permission, request: { params: widgetParams, ...body(widgetUpdate) }, responses: { 200: json(dashboardSchema), ...errorResponses } }),
    async (c) => {
      const { id, widgetId } = c.req.valid('param');
      return c.json(await svc.updateWidget(db, principalOf(c), actorOf(c), id, widgetId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    defineRoute({ method: 'delete', path: '/dashboards/{id}/widgets/{widgetId}', tags, summary: 'Remove a widget (the report stays)', permission, request: { params: widgetParams }, responses: { 200: json(dashboardSchema), ...errorResponses } }),
    async (c) => {
      const { id, widgetId } = c.req.valid('param');
      return c.json(await svc.removeWidget(db, principalOf(c), actorOf(c), id, widgetId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'put',
      path: '/dashboards/{id}/layout',
      tags,
      summary: 'Reorder all widgets and set their display and size in one go',
      permission,
      request: { params: idParam, ...body(layoutInput) },
      responses: { 200: json(dashboardSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.saveLayout(db, principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
