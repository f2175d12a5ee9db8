import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { customFieldInput, customFieldList, customFieldListQuery, customFieldSchema, customFieldUpdate } from './customfields.schema.js';
import { createCustomField, deleteCustomField, listCustomFields, updateCustomField } from './customfields.service.js';

const tags = ['Custom fields'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerCustomFieldRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/custom-fields',
      tags,
      summary: 'Custom fields of an entity, in form order',
      permission: ['custom_field', 'read'],
      request: { query: customFieldListQuery },
      responses: { 200: json(customFieldList), ...errorResponses },
    }),
    async (c) => c.json({ items: await listCustomFields(db, c.req.valid('query').entity) }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/custom-fields',
      tags,
      summary: 'Define a custom field',
      permission: ['custom_field', 'create'],
      request: body(customFieldInput),
      responses: { 201: json(customFieldSchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createCustomField(db, actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/custom-fields/{id}',
      tags,
      summary: 'Change the label, options, required flag or position of a custom field',
      permission: ['custom_field', 'update'],
      request: { params: idParam, ...body(customFieldUpdate) },
      responses: { 200: json(customFieldSchema), ...errorResponses },
    }),
    async (c) => c.json(await updateCustomField(db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/custom-fields/{id}',
      tags,
      summary: 'Delete a custom field and the values stored in it',
      permission: ['custom_field', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await deleteCustomField(db, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
