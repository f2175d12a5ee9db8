import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, json } from '../../platform/http/responses.js';
import { pageOf } from '../../platform/http/pagination.js';
import { auditEntry, auditQuery } from './audit.schema.js';
import { listAudit } from './audit.service.js';

export function registerAuditRoutes(api: App, ctx: AppContext): void {
  api.openapi(
    defineRoute({
      method: 'get',
      path: '/audit',
      tags: ['Audit'],
      summary: 'Change history, newest first, by record and/or by user (keyset pages)',
      permission: ['audit', 'read'],
      request: { query: auditQuery },
      responses: { 200: json(pageOf(auditEntry)), ...errorResponses },
    }),
    async (c) => c.json(await listAudit(ctx.database.db, principalOf(c), c.req.valid('query')), 200),
  );
}
