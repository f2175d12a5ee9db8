import type { App } from '../../platform/http/app.js';
import { actorOf } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import type { DealsService } from './deals.service.js';
import { documentCreate, documentList, documentParams, documentSchema, documentUpdate } from './documents.schema.js';
import { DocumentsService } from './documents.service.js';

const tags = ['Deal documents'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerDocumentRoutes(api: App, deals: DealsService, country: 'RU' | 'BG'): void {
  const svc = new DocumentsService(deals, country);

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/deals/{id}/documents',
      tags,
      summary: "A deal's proposals and orders with their lines",
      permission: ['deal', 'read'],
      request: { params: idParam },
      responses: { 200: json(documentList), ...errorResponses },
    }),
    async (c) => c.json({ items: await svc.list(principalOf(c), c.req.valid('param').id) }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/deals/{id}/documents',
      tags,
      summary: 'Create a proposal or order (a draft with the next number of its kind and year; lines copied from the deal unless sent)',
      permission: ['deal', 'update'],
      request: { params: idParam, ...body(documentCreate) },
      responses: { 201: json(documentSchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await svc.create(principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/deals/{id}/documents/{documentId}',
      tags,
      summary: 'One document of a deal',
      permission: ['deal', 'read'],
      request: { params: documentParams },
      responses: { 200: json(documentSchema), ...errorResponses },
    }),
    async (c) => {
      const { id, documentId } = c.req.valid('param');
      return c.json(await svc.get(principalOf(c), id, documentId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/deals/{id}/documents/{documentId}',
      tags,
      summary: 'Edit a draft or change the status (draft → sent → accepted/rejected; sent/rejected → draft); send the version read',
      permission: ['deal', 'update'],
      request: { params: documentParams, ...body(documentUpdate) },
      responses: { 200: json(documentSchema), ...errorResponses },
    }),
    async (c) => {
      const { id, documentId } = c.req.valid('param');
      return c.json(await svc.update(principalOf(c), actorOf(c), id, documentId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/deals/{id}/documents/{documentId}',
      tags,
      summary: 'Delete a draft document (409 deal_document.not_draft otherwise)',
      permission: ['deal', 'update'],
      request: { params: documentParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const { id, documentId } = c.req.valid('param');
      await svc.remove(principalOf(c), actorOf(c), id, documentId);
      return c.body(null, 204);
    },
  );
}
