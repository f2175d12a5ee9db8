import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { registerBoardRoutes } from './board.routes.js';
import { listDealPage } from './deals.board.js';
import { dealDetailSchema, dealExportQuery, dealHistoryPage, dealHistoryQuery, dealInput, dealListQuery, dealPage, dealStagesSchema, dealUpdate, stageMove } from './deals.schema.js';
import { DealsService } from './deals.service.js';
import { dealStages, moveDeal } from './deals.stage.js';
import { registerDocumentRoutes } from './documents.routes.js';
import { exportDeals } from './deals.export.js';
import { exportHeaders, exportResponses } from '../exports/index.js';

const tags = ['Deals'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerDealRoutes(api: App, ctx: AppContext): void {
  const svc = new DealsService(ctx.database.db);

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/deals',
      tags,
      summary: 'List deals: filters (pipeline, stage, status, owner, department, company, product, source, type, dates), search (q), sort, keyset pages',
      permission: ['deal', 'read'],
      request: { query: dealListQuery },
      responses: { 200: json(dealPage), ...errorResponses },
    }),
    async (c) => c.json(await listDealPage(svc, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/deals/export',
      tags,
      summary: 'Every deal matching the list filters in the export scope as CSV (UTF-8 with BOM) or XLSX, with the chosen columns, streamed',
      permission: ['deal', 'export'],
      request: { query: dealExportQuery },
      responses: exportResponses,
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.body(await exportDeals(svc, principalOf(c), q), 200, exportHeaders('deals', q.format));
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/deals',
      tags,
      summary: 'Create a deal with product lines (amount from the lines unless amountMode is manual)',
      permission: ['deal', 'create'],
      request: body(dealInput),
      responses: { 201: json(dealDetailSchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await svc.create(principalOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/deals/{id}',
      tags,
      summary: 'A deal with its contacts, lines and totals',
      permission: ['deal', 'read'],
      request: { params: idParam },
      responses: { 200: json(dealDetailSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.load(principalOf(c), c.req.valid('param').id, 'read'), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/deals/{id}',
      tags,
      summary: 'Change some fields of a deal (send the version read; 409 deal.version_conflict with details.current and details.changedFields)',
      permission: ['deal', 'update'],
      request: { params: idParam, ...body(dealUpdate) },
      responses: { 200: json(dealDetailSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.update(principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/deals/{id}',
      tags,
      summary: 'Delete a deal with its lines, contacts, stage history and documents',
      permission: ['deal', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await svc.remove(principalOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/deals/{id}/stage',
      tags,
      summary: 'Move a deal to a stage (lost stages need lostReasonId; won/lost set closedAt, reopening clears it)',
      permission: ['deal', 'update'],
      request: { params: idParam, ...body(stageMove) },
      responses: { 200: json(dealDetailSchema), ...errorResponses },
    }),
    async (c) => c.json(await moveDeal(svc, principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/deals/{id}/stages',
      tags,
      summary: 'Stage history: time spent per stage (overdue when longer than its planned days) and every change',
      permission: ['deal', 'read'],
      request: { params: idParam },
      responses: { 200: json(dealStagesSchema), ...errorResponses },
    }),
    async (c) => c.json(await dealStages(svc, principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/deals/{id}/history',
      tags,
      summary: 'Change history of a deal (field by field, newest first, keyset pages)',
      permission: ['deal', 'read'],
      request: { params: idParam, query: dealHistoryQuery },
      responses: { 200: json(dealHistoryPage), ...errorResponses },
    }),
    async (c) => c.json(await svc.history(principalOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  registerBoardRoutes(api, svc);
  registerDocumentRoutes(api, svc, ctx.config.defaultCountry);
}
