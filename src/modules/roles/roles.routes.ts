import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { actions, resources, scopes } from '../../platform/access/permissions.js';
import { createRoleRequest, permissionCatalog, roleList, roleResponse, updateRoleRequest } from './roles.schema.js';
import * as roles from './roles.service.js';

const tags = ['Roles'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerRoleRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({ method: 'get', path: '/roles', tags, summary: 'All roles with their permissions and user counts', permission: ['role', 'read'], responses: { 200: json(roleList), ...errorResponses } }),
    async (c) => c.json({ items: await roles.listRoles(db) }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/roles/catalog',
      tags,
      summary: 'Resources, actions and scopes a role can combine (the permission matrix)',
      permission: ['role', 'read'],
      responses: { 200: json(permissionCatalog), ...errorResponses },
    }),
    (c) => c.json({ resources: [...resources], actions: [...actions], scopes: [...scopes] }, 200),
  );

  api.openapi(
    defineRoute({ method: 'post', path: '/roles', tags, summary: 'Create a role', permission: ['role', 'create'], request: body(createRoleRequest), responses: { 201: json(roleResponse), ...errorResponses } }),
    async (c) => {
      const role = await roles.createRole(db, c.req.valid('json'), actorOf(c), principalOf(c));
      return c.json(role, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/roles/{id}',
      tags,
      summary: "Rename a role or change its permissions (the administrator role keeps all)",
      permission: ['role', 'update'],
      request: { params: idParam, ...body(updateRoleRequest) },
      responses: { 200: json(roleResponse), ...errorResponses },
    }),
    async (c) => {
      const role = await roles.updateRole(db, c.req.valid('param').id, c.req.valid('json'), actorOf(c), principalOf(c));
      ctx.principals.invalidate();
      return c.json(role, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/roles/{id}',
      tags,
      summary: 'Delete a role that is not shipped and not assigned to anyone',
      permission: ['role', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await roles.deleteRole(db, c.req.valid('param').id, actorOf(c));
      ctx.principals.invalidate();
      return c.body(null, 204);
    },
  );
}
