import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { channels, roi } from './sources.roi.js';
import { adCostInput, adCostListQuery, adCostPage, adCostSchema, adCostUpdate, channelsResponse, roiQuery, roiReport } from './sources.schema.js';
import { createCost, deleteCost, listCosts, readCost, updateCost } from './sources.service.js';

const tags = ['Sources'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerSourceRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({ method: 'get', path: '/ad-costs', tags, summary: 'Advertising costs, newest month first', permission: ['ad_cost', 'read'], request: { query: adCostListQuery }, responses: { 200: json(adCostPage), ...errorResponses } }),
    async (c) => c.json(await listCosts(db, c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({ method: 'post', path: '/ad-costs', tags, summary: 'Enter the cost of a channel / campaign in a month (409 ad_cost.duplicate when it has one in that currency)', permission: ['ad_cost', 'create'], request: body(adCostInput), responses: { 201: json(adCostSchema), ...errorResponses } }),
    async (c) => c.json(await createCost(db, actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({ method: 'get', path: '/ad-costs/{id}', tags, summary: 'One advertising cost', permission: ['ad_cost', 'read'], request: { params: idParam }, responses: { 200: json(adCostSchema), ...errorResponses } }),
    async (c) => c.json(await readCost(db, c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({ method: 'patch', path: '/ad-costs/{id}', tags, summary: 'Change an advertising cost (with the version read)', permission: ['ad_cost', 'update'], request: { params: idParam, ...body(adCostUpdate) }, responses: { 200: json(adCostSchema), ...errorResponses } }),
    async (c) => c.json(await updateCost(db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({ method: 'delete', path: '/ad-costs/{id}', tags, summary: 'Delete an advertising cost', permission: ['ad_cost', 'delete'], request: { params: idParam }, responses: { 204: { description: 'Deleted' }, ...errorResponses } }),
    async (c) => {
      await deleteCost(db, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({ method: 'get', path: '/sources/roi', tags, summary: 'Leads, won deals, revenue and cost per source channel / campaign over a period; cost per lead, per sale, ROI', permission: ['ad_cost', 'read'], request: { query: roiQuery }, responses: { 200: json(roiReport), ...errorResponses } }),
    async (c) => c.json(await roi(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({ method: 'get', path: '/sources/channels', tags, summary: 'Source channels and their campaigns in use', permission: ['ad_cost', 'read'], responses: { 200: json(channelsResponse), ...errorResponses } }),
    async (c) => c.json(await channels(db, principalOf(c)), 200),
  );
}
