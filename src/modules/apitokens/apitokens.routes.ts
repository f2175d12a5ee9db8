import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { apiTokenList, createApiTokenRequest, createdApiToken } from './apitokens.schema.js';
import * as tokens from './apitokens.service.js';

const tags = ['Auth'];

export function registerApiTokenRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/auth/tokens',
      tags,
      summary: 'My API tokens (active and revoked; never the token itself)',
      permission: 'authenticated',
      responses: { 200: json(apiTokenList), ...errorResponses },
    }),
    async (c) => c.json({ items: await tokens.listMyTokens(db, principalOf(c)) }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/auth/tokens',
      tags,
      summary: 'Create an API token for integrations; the token is shown only in this response',
      description: 'Send it as `Authorization: Bearer <token>`; token requests need no CSRF header.',
      permission: 'authenticated',
      request: { body: { content: { 'application/json': { schema: createApiTokenRequest } }, required: true } },
      responses: { 201: json(createdApiToken), ...errorResponses },
    }),
    async (c) => c.json(await tokens.createToken(db, principalOf(c), c.req.valid('json').name, actorOf(c)), 201),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/auth/tokens/{id}',
      tags,
      summary: 'Revoke one of my API tokens',
      permission: 'authenticated',
      request: { params: idParam },
      responses: { 204: { description: 'Revoked' }, ...errorResponses },
    }),
    async (c) => {
      await tokens.revokeToken(db, principalOf(c), c.req.valid('param').id, actorOf(c));
      return c.body(null, 204);
    },
  );
}
