import type { App } from '../../platform/http/app.js';
import { actorOf } from '../../platform/http/context.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { templateInput, templateList, templateQuery, templateSchema } from './imports.schema.js';
import type { ImportsService } from './imports.service.js';
import { createTemplate, deleteTemplate, listTemplates } from './imports.templates.js';

const tags = ['Imports'];

/** Mapping templates: saved column mappings with key and mode. */
export function registerTemplateRoutes(api: App, svc: ImportsService): void {
  api.openapi(
    defineRoute({
      method: 'get',
      path: '/imports/templates',
      tags,
      summary: 'Saved mapping templates, by entity and name',
      permission: 'authenticated',
      request: { query: templateQuery },
      responses: { 200: json(templateList), ...errorResponses },
    }),
    async (c) => c.json({ items: await listTemplates(svc.db, c.req.valid('query').entity) }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/imports/templates',
      tags,
      summary: 'Save a mapping as a template',
      permission: 'authenticated',
      request: { body: { content: { 'application/json': { schema: templateInput } }, required: true } },
      responses: { 201: json(templateSchema), ...errorResponses },
    }),
    async (c) => c.json(await createTemplate(svc.db, principalOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/imports/templates/{id}',
      tags,
      summary: 'Delete a template (its author or an administrator)',
      permission: 'authenticated',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await deleteTemplate(svc.db, principalOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
