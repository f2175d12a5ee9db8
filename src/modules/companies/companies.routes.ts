import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { companyDetailSchema, companyInput, companyListQuery, companyPage, companyUpdate } from './companies.schema.js';
import { CompaniesService } from './companies.service.js';
import { registerCompanyToolRoutes } from './companies.tools.routes.js';

const tags = ['Companies'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerCompanyRoutes(api: App, ctx: AppContext): void {
  const svc = new CompaniesService(ctx.database.db, ctx.config);
  // Fixed paths (/companies/export, /companies/duplicates) before /companies/{id}.
  registerCompanyToolRoutes(api, svc);

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/companies',
      tags,
      summary: 'List companies: filters, full-text search (q), custom-field filters (cf.<key>=value), sort, keyset pages',
      permission: ['company', 'read'],
      request: { query: companyListQuery },
      responses: { 200: json(companyPage), ...errorResponses },
    }),
    async (c) => c.json(await svc.list(principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/companies',
      tags,
      summary: 'Create a company (409 company.duplicate lists similar ones unless confirmDuplicate is true)',
      permission: ['company', 'create'],
      request: body(companyInput),
      responses: { 201: json(companyDetailSchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await svc.create(principalOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/companies/{id}',
      tags,
      summary: 'A company with its contacts',
      permission: ['company', 'read'],
      request: { params: idParam },
      responses: { 200: json(companyDetailSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.load(principalOf(c), c.req.valid('param').id, 'read'), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/companies/{id}',
      tags,
      summary: 'Change some fields of a company (send the version you read; 409 company.version_conflict with details.current otherwise)',
      permission: ['company', 'update'],
      request: { params: idParam, ...body(companyUpdate) },
      responses: { 200: json(companyDetailSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.update(principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/companies/{id}',
      tags,
      summary: 'Delete a company with its phones, e-mails, tags, contact links and attachments',
      permission: ['company', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await svc.remove(principalOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
