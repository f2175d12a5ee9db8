import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, json } from '../../platform/http/responses.js';
import { activityFunnel, rejections } from './funnels.activity.js';
import { funnelActivities, funnelDeals } from './funnels.drill.js';
import {
  activityFunnel as activityFunnelSchema,
  activityFunnelQuery,
  funnelActivitiesQuery,
  funnelActivityPage,
  funnelDealPage,
  funnelDealsQuery,
  funnelQuery,
  funnelReport,
  rejections as rejectionsSchema,
  rejectionsQuery,
} from './funnels.schema.js';
import { funnelReport as buildReport } from './funnels.service.js';

const tags = ['Funnels'];

export function registerFunnelRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/funnels/deals',
      tags,
      summary:
        'Funnel of a pipeline for a period: deals entering each stage (a skipped earlier open stage counts as passed; each deal once per stage), ' +
        'conversions, lost per stage with reasons, average time in stage; for a manager, a department (with sub-departments), a client or a product, grouped by manager or department',
      permission: ['deal', 'read'],
      request: { query: funnelQuery },
      responses: { 200: json(funnelReport), ...errorResponses },
    }),
    async (c) => c.json(await buildReport(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/funnels/deals/list',
      tags,
      summary:
        'The deals behind a funnel number, by the time counted, keyset pages: entered a stage (sales funnel); lost, optionally at a stage, ' +
        'for a reason, of a manager (or none) and with a product (sales funnel, rejections); created or won (activity funnel). ' +
        'The same filters and read scope as the number',
      permission: ['deal', 'read'],
      request: { query: funnelDealsQuery },
      responses: { 200: json(funnelDealPage), ...errorResponses },
    }),
    async (c) => c.json(await funnelDeals(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/funnels/activities',
      tags,
      summary: 'Activity funnel per manager for a period: calls, meetings and proposals done, deals created, deals won',
      permission: ['deal', 'read'],
      request: { query: activityFunnelQuery },
      responses: { 200: json(activityFunnelSchema), ...errorResponses },
    }),
    async (c) => c.json(await activityFunnel(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/funnels/activities/list',
      tags,
      summary: 'The calls, meetings or proposals done in a period behind the activity funnel (the activity read scope), by the time done, keyset pages',
      permission: ['activity', 'read'],
      request: { query: funnelActivitiesQuery },
      responses: { 200: json(funnelActivityPage), ...errorResponses },
    }),
    async (c) => c.json(await funnelActivities(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/funnels/rejections',
      tags,
      summary: 'Deals lost in a period per lost reason, by manager, product or the stage they were lost at',
      permission: ['deal', 'read'],
      request: { query: rejectionsQuery },
      responses: { 200: json(rejectionsSchema), ...errorResponses },
    }),
    async (c) => c.json(await rejections(db, principalOf(c), c.req.valid('query')), 200),
  );
}
