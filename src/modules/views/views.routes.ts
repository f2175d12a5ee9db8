import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { pageQuery } from '../../platform/http/pagination.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { createViewRequest, updateViewRequest, viewListQuery, viewPage, viewSchema } from './views.schema.js';
import { ViewsService } from './views.service.js';

const tags = ['Saved views'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerViewRoutes(api: App, ctx: AppContext): void {
  const svc = new ViewsService(ctx.database.db);

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/views',
      tags,
      summary: "Saved views of a list: mine and everyone's shared ones, by name",
      permission: 'authenticated',
      request: { query: viewListQuery.extend(pageQuery) },
      responses: { 200: json(viewPage), ...errorResponses },
    }),
    async (c) => {
      const { entity, ...page } = c.req.valid('query');
      return c.json(await svc.list(principalOf(c), entity, page), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/views',
      tags,
      summary: 'Save a list view (filters + sort), private or shared',
      permission: 'authenticated',
      request: body(createViewRequest),
      responses: { 201: json(viewSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.create(principalOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/views/{id}',
      tags,
      summary: 'Rename, change or (un)share a view (its owner; an administrator for shared views)',
      permission: 'authenticated',
      request: { params: idParam, ...body(updateViewRequest) },
      responses: { 200: json(viewSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.update(principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/views/{id}',
      tags,
      summary: 'Delete a view (its owner; an administrator for shared views)',
      permission: 'authenticated',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await svc.remove(principalOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
