import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { errorResponses, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { duplicatePage, duplicateQuery } from './duplicates.schema.js';
import { findDuplicateGroups } from './duplicates.service.js';

export function registerDuplicateRoutes(api: App, ctx: AppContext): void {
  api.openapi(
    defineRoute({
      method: 'get',
      path: '/duplicates',
      tags: ['Duplicates'],
      summary: 'Groups of companies or contacts sharing an INN, EIK, phone, e-mail or name (within your read scope), oldest record first',
      permission: 'authenticated',
      request: { query: duplicateQuery },
      responses: { 200: json(duplicatePage), ...errorResponses },
    }),
    async (c) => c.json(await findDuplicateGroups(ctx.database.db, principalOf(c), c.req.valid('query')), 200),
  );
}
