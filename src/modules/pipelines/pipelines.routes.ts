import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { registerLostReasonRoutes } from './lostreasons.routes.js';
import {
  pipelineInput,
  pipelineList,
  pipelineListQuery,
  pipelineSchema,
  pipelineUpdate,
  stageCreate,
  stageOrder,
  stageParams,
  stageUpdate,
} from './pipelines.schema.js';
import * as svc from './pipelines.service.js';

const tags = ['Pipelines'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const activeOf = (q: { active?: 'true' | 'false' }) => (q.active === undefined ? undefined : q.active === 'true');

export function registerPipelineRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/pipelines',
      tags,
      summary: 'Pipelines with their stages in board order',
      permission: ['pipeline', 'read'],
      request: { query: pipelineListQuery },
      responses: { 200: json(pipelineList), ...errorResponses },
    }),
    async (c) => c.json({ items: await svc.listPipelines(db, activeOf(c.req.valid('query'))) }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/pipelines',
      tags,
      summary: 'Create a pipeline with its stages (at least one open, one won and one lost)',
      permission: ['pipeline', 'create'],
      request: body(pipelineInput),
      responses: { 201: json(pipelineSchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await svc.createPipeline(db, actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/pipelines/{id}',
      tags,
      summary: 'A pipeline with its stages',
      permission: ['pipeline', 'read'],
      request: { params: idParam },
      responses: { 200: json(pipelineSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.getPipeline(db, c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/pipelines/{id}',
      tags,
      summary: 'Rename, reorder, (de)activate a pipeline or make it the default',
      permission: ['pipeline', 'update'],
      request: { params: idParam, ...body(pipelineUpdate) },
      responses: { 200: json(pipelineSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.updatePipeline(db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/pipelines/{id}',
      tags,
      summary: 'Delete a pipeline without deals (409 pipeline.has_deals with the count; 409 pipeline.is_default)',
      permission: ['pipeline', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await svc.deletePipeline(db, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/pipelines/{id}/stages',
      tags,
      summary: 'Add a stage (at `position`, or last)',
      permission: ['pipeline', 'update'],
      request: { params: idParam, ...body(stageCreate) },
      responses: { 201: json(pipelineSchema, 'The pipeline with the new stage'), ...errorResponses },
    }),
    async (c) => c.json(await svc.addStage(db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'put',
      path: '/pipelines/{id}/stages/order',
      tags,
      summary: 'Reorder the stages: every stage id, in the new order',
      permission: ['pipeline', 'update'],
      request: { params: idParam, ...body(stageOrder) },
      responses: { 200: json(pipelineSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.reorderStages(db, actorOf(c), c.req.valid('param').id, c.req.valid('json').stageIds), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/pipelines/{id}/stages/{stageId}',
      tags,
      summary: "Change a stage's name, probability, planned days or kind (the kind only while it has no deals)",
      permission: ['pipeline', 'update'],
      request: { params: stageParams, ...body(stageUpdate) },
      responses: { 200: json(pipelineSchema), ...errorResponses },
    }),
    async (c) => {
      const { id, stageId } = c.req.valid('param');
      return c.json(await svc.updateStage(db, actorOf(c), id, stageId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/pipelines/{id}/stages/{stageId}',
      tags,
      summary: 'Delete a stage without deals (409 stage.has_deals with details.count: move them first with POST .../move-deals)',
      permission: ['pipeline', 'update'],
      request: { params: stageParams },
      responses: { 200: json(pipelineSchema, 'The pipeline without the stage'), ...errorResponses },
    }),
    async (c) => {
      const { id, stageId } = c.req.valid('param');
      return c.json(await svc.deleteStage(db, actorOf(c), id, stageId), 200);
    },
  );

  registerLostReasonRoutes(api, ctx);
}
