import type { App } from '../../platform/http/app.js';
import { actorOf } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { companyDetailSchema, companyExportQuery, duplicatesQuery, duplicatesResponse, historyPage, historyQuery, mergeInput } from './companies.schema.js';
import type { CompaniesService } from './companies.service.js';
import { exportCompanies } from './companies.export.js';
import { exportHeaders, exportResponses } from '../exports/index.js';
import { mergeCompanies } from './companies.merge.js';

const tags = ['Companies'];

/** Duplicate lookup, CSV export, history and merge. */
export function registerCompanyToolRoutes(api: App, svc: CompaniesService): void {
  api.openapi(
    defineRoute({
      method: 'get',
      path: '/companies/duplicates',
      tags,
      summary: 'Companies that look like the one being entered (same INN/KPP, EIK, phone, e-mail or a very similar name)',
      permission: ['company', 'read'],
      request: { query: duplicatesQuery },
      responses: { 200: json(duplicatesResponse), ...errorResponses },
    }),
    async (c) => c.json({ candidates: await svc.duplicates(principalOf(c), c.req.valid('query')) }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/companies/export',
      tags,
      summary: 'The filtered list as CSV (UTF-8 with BOM; delimiter ; or ,) or XLSX, with the chosen columns, streamed, every matching row in the export scope',
      permission: ['company', 'export'],
      request: { query: companyExportQuery },
      responses: exportResponses,
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.body(await exportCompanies(svc, principalOf(c), q), 200, exportHeaders('companies', q.format));
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/companies/{id}/history',
      tags,
      summary: "The company's change history, newest first",
      permission: ['company', 'read'],
      request: { params: idParam, query: historyQuery },
      responses: { 200: json(historyPage), ...errorResponses },
    }),
    async (c) => c.json(await svc.history(principalOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/companies/{id}/merge',
      tags,
      summary: 'Merge another company (sourceId) into this one; the source is deleted',
      permission: ['company', 'merge'],
      request: { params: idParam, body: { content: { 'application/json': { schema: mergeInput } }, required: true } },
      responses: { 200: json(companyDetailSchema), ...errorResponses },
    }),
    async (c) => c.json(await mergeCompanies(svc, principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json').sourceId), 200),
  );
}
