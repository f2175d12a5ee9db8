import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { lostReasonInput, lostReasonList, lostReasonListQuery, lostReasonSchema, lostReasonUpdate } from './pipelines.schema.js';
import * as svc from './lostreasons.service.js';

const tags = ['Pipelines'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerLostReasonRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/lost-reasons',
      tags,
      summary: 'Reasons a deal is lost, in list order',
      permission: ['pipeline', 'read'],
      request: { query: lostReasonListQuery },
      responses: { 200: json(lostReasonList), ...errorResponses },
    }),
    async (c) => {
      const { active } = c.req.valid('query');
      return c.json({ items: await svc.listLostReasons(db, active === undefined ? undefined : active === 'true') }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/lost-reasons',
      tags,
      summary: 'Add a lost reason',
      permission: ['pipeline', 'create'],
      request: body(lostReasonInput),
      responses: { 201: json(lostReasonSchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await svc.createLostReason(db, actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/lost-reasons/{id}',
      tags,
      summary: 'Rename, reorder or (de)activate a lost reason',
      permission: ['pipeline', 'update'],
      request: { params: idParam, ...body(lostReasonUpdate) },
      responses: { 200: json(lostReasonSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.updateLostReason(db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/lost-reasons/{id}',
      tags,
      summary: 'Delete a lost reason no deal gives (409 lost_reason.in_use with the count: deactivate it instead)',
      permission: ['pipeline', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await svc.deleteLostReason(db, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
