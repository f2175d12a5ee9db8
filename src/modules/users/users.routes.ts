import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { pageOf } from '../../platform/http/pagination.js';
import { createUserRequest, listUsersQuery, resetPasswordRequest, updateUserRequest, userResponse } from './users.schema.js';
import * as users from './users.service.js';

const tags = ['Users'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerUserRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/users',
      tags,
      summary: 'Users, filtered by text, role, department and active state (keyset pages)',
      permission: ['user', 'read'],
      request: { query: listUsersQuery },
      responses: { 200: json(pageOf(userResponse)), ...errorResponses },
    }),
    async (c) => c.json(await users.listUsers(db, c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/users/{id}',
      tags,
      summary: 'One user',
      permission: ['user', 'read'],
      request: { params: idParam },
      responses: { 200: json(userResponse), ...errorResponses },
    }),
    async (c) => c.json(await users.getUser(db, c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/users',
      tags,
      summary: 'Create a user',
      permission: ['user', 'create'],
      request: body(createUserRequest),
      responses: { 201: json(userResponse), ...errorResponses },
    }),
    async (c) => c.json(await users.createUser(db, c.req.valid('json'), actorOf(c), principalOf(c)), 201),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/users/{id}',
      tags,
      summary: "Change a user's name, role, department, language or active state (deactivation ends their sessions)",
      permission: ['user', 'update'],
      request: { params: idParam, ...body(updateUserRequest) },
      responses: { 200: json(userResponse), ...errorResponses },
    }),
    async (c) => {
      const u = await users.updateUser(db, c.req.valid('param').id, c.req.valid('json'), actorOf(c), principalOf(c));
      ctx.principals.invalidate();
      return c.json(u, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/users/{id}/password',
      tags,
      summary: "Set a user's password (ends their sessions, lifts a login lockout)",
      permission: ['user', 'update'],
      request: { params: idParam, ...body(resetPasswordRequest) },
      responses: { 200: json(z.object({ ok: z.literal(true) })), ...errorResponses },
    }),
    async (c) => {
      await users.resetPassword(db, c.req.valid('param').id, c.req.valid('json').password, actorOf(c));
      return c.json({ ok: true as const }, 200);
    },
  );
}
