import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { listTaskPage } from './tasks.list.js';
import { checklistItemParams, checklistToggle, taskInput, taskListQuery, taskPage, taskSchema, taskUpdate } from './tasks.schema.js';
import { TasksService } from './tasks.service.js';

const tags = ['Tasks'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerTaskRoutes(api: App, ctx: AppContext): void {
  const svc = new TasksService(ctx.database.db);

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/tasks',
      tags,
      summary: 'List tasks: view (mine, delegated by me, all my scope covers), filters (assignee, department, status, priority, linked records, due dates), sort, keyset pages',
      permission: ['task', 'read'],
      request: { query: taskListQuery },
      responses: { 200: json(taskPage), ...errorResponses },
    }),
    async (c) => c.json(await listTaskPage(svc.db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/tasks',
      tags,
      summary: 'Create a task; one for someone else is delegated (the assignee is notified, the creator keeps seeing it)',
      permission: ['task', 'create'],
      request: body(taskInput),
      responses: { 201: json(taskSchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await svc.create(principalOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/tasks/{id}',
      tags,
      summary: 'A task',
      permission: ['task', 'read'],
      request: { params: idParam },
      responses: { 200: json(taskSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.load(principalOf(c), c.req.valid('param').id, 'read'), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/tasks/{id}',
      tags,
      summary: 'Change, complete (status done) or reopen (status open) a task (send the version read; 409 task.version_conflict with details.current and details.changedFields)',
      permission: ['task', 'update'],
      request: { params: idParam, ...body(taskUpdate) },
      responses: { 200: json(taskSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.update(principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/tasks/{id}/checklist/{itemId}',
      tags,
      summary: 'Tick or untick one checklist item (no version: concurrent changes of other fields are kept)',
      permission: ['task', 'update'],
      request: { params: checklistItemParams, ...body(checklistToggle) },
      responses: { 200: json(taskSchema), ...errorResponses },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      return c.json(await svc.toggleItem(principalOf(c), actorOf(c), id, itemId, c.req.valid('json').done), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/tasks/{id}',
      tags,
      summary: 'Delete a task',
      permission: ['task', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await svc.remove(principalOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
