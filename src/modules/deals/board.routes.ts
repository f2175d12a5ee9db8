import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { actorOf } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { moveStageDealsInput, moveStageDealsResult, stageParams } from '../pipelines/index.js';
import { loadBoard, loadColumn } from './deals.board.js';
import { companyDeals, companyProducts } from './deals.company.js';
import { boardColumnQuery, boardQuery, boardSchema, companyDealsQuery, companyDealsSchema, companyProductsSchema, dealPage } from './deals.schema.js';
import type { DealsService } from './deals.service.js';
import { moveStageDeals } from './deals.stage.js';

const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const columnParams = z.object({ id: z.uuid({ message: 'must be a valid id' }), stageId: z.uuid({ message: 'must be a valid id' }) });

/** The kanban board of a pipeline, bulk moves between its stages, and the deals of a company card. */
export function registerBoardRoutes(api: App, svc: DealsService): void {
  api.openapi(
    defineRoute({
      method: 'get',
      path: '/pipelines/{id}/board',
      tags: ['Deals'],
      summary: 'Kanban board: per stage the first `limit` deals (cursor for more) and totals count, sum and weighted sum',
      permission: ['deal', 'read'],
      request: { params: idParam, query: boardQuery },
      responses: { 200: json(boardSchema), ...errorResponses },
    }),
    async (c) => c.json(await loadBoard(svc, principalOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/pipelines/{id}/board/{stageId}',
      tags: ['Deals'],
      summary: 'More deals of one board column (the board filters plus the cursor of the column)',
      permission: ['deal', 'read'],
      request: { params: columnParams, query: boardColumnQuery },
      responses: { 200: json(dealPage), ...errorResponses },
    }),
    async (c) => {
      const { id, stageId } = c.req.valid('param');
      return c.json(await loadColumn(svc, principalOf(c), id, stageId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/pipelines/{id}/stages/{stageId}/move-deals',
      tags: ['Pipelines'],
      summary: 'Move every deal of a stage to another stage of the pipeline (e.g. before deleting the stage)',
      permission: ['pipeline', 'update'],
      request: { params: stageParams, ...body(moveStageDealsInput) },
      responses: { 200: json(moveStageDealsResult), ...errorResponses },
    }),
    async (c) => {
      const { id, stageId } = c.req.valid('param');
      return c.json({ moved: await moveStageDeals(svc, actorOf(c), id, stageId, c.req.valid('json')) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/companies/{id}/deals',
      tags: ['Deals'],
      summary: "A company's deals (newest first) with won, open and lost totals",
      permission: ['deal', 'read'],
      request: { params: idParam, query: companyDealsQuery },
      responses: { 200: json(companyDealsSchema), ...errorResponses },
    }),
    async (c) => c.json(await companyDeals(svc, principalOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/companies/{id}/products',
      tags: ['Deals'],
      summary: 'What a company bought in won deals: per product quantity, net revenue, deals and last win (product-client matrix)',
      permission: ['deal', 'read'],
      request: { params: idParam },
      responses: { 200: json(companyProductsSchema), ...errorResponses },
    }),
    async (c) => c.json(await companyProducts(svc, principalOf(c), c.req.valid('param').id), 200),
  );
}
