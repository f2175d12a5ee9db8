import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { completeActivity } from './activities.complete.js';
import { listActivityPage } from './activities.list.js';
import {
  activityComplete,
  activityCompleteResult,
  activityHistoryPage,
  activityHistoryQuery,
  activityInput,
  activityListQuery,
  activityPage,
  activitySchema,
  activityUpdate,
  timelinePage,
  timelineQuery,
} from './activities.schema.js';
import { ActivitiesService } from './activities.service.js';
import { companyTimeline } from './timeline.service.js';

const tags = ['Activities'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerActivityRoutes(api: App, ctx: AppContext): void {
  const svc = new ActivitiesService(ctx.database.db);

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/activities',
      tags,
      summary: 'List activities: filters (owner, department, company, deal, contact, types, status, planned dates, promises, overdue), sort, keyset pages',
      permission: ['activity', 'read'],
      request: { query: activityListQuery },
      responses: { 200: json(activityPage), ...errorResponses },
    }),
    async (c) => c.json(await listActivityPage(svc.db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/activities',
      tags,
      summary: 'Plan an activity (plannedDate, plannedTime for a promise) or log one as done; notes are always done, claims stay open until resolved',
      permission: ['activity', 'create'],
      request: body(activityInput),
      responses: { 201: json(activitySchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await svc.create(principalOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/activities/{id}',
      tags,
      summary: 'An activity with its contacts',
      permission: ['activity', 'read'],
      request: { params: idParam },
      responses: { 200: json(activitySchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.load(principalOf(c), c.req.valid('param').id, 'read'), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/activities/{id}',
      tags,
      summary: 'Change or reschedule an activity (send the version read; 409 activity.version_conflict with details.current and details.changedFields)',
      permission: ['activity', 'update'],
      request: { params: idParam, ...body(activityUpdate) },
      responses: { 200: json(activitySchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.update(principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/activities/{id}',
      tags,
      summary: 'Delete an activity',
      permission: ['activity', 'delete'],
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
      path: '/activities/{id}/complete',
      tags,
      summary: 'Complete an activity with its result and the next step (a planned activity, or { none: true }); both in one transaction',
      permission: ['activity', 'update'],
      request: { params: idParam, ...body(activityComplete) },
      responses: { 200: json(activityCompleteResult), ...errorResponses },
    }),
    async (c) => c.json(await completeActivity(svc, principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/activities/{id}/history',
      tags,
      summary: 'Change history of an activity (field by field, newest first, keyset pages)',
      permission: ['activity', 'read'],
      request: { params: idParam, query: activityHistoryQuery },
      responses: { 200: json(activityHistoryPage), ...errorResponses },
    }),
    async (c) => c.json(await svc.history(principalOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/companies/{id}/timeline',
      tags,
      summary: 'Company timeline, newest first: activities, deal stage changes, deal documents and field changes the user may read; filters by kind',
      permission: ['company', 'read'],
      request: { params: idParam, query: timelineQuery },
      responses: { 200: json(timelinePage), ...errorResponses },
    }),
    async (c) => c.json(await companyTimeline(svc.db, principalOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
}
