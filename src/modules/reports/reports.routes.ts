import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { exportHeaders, exportResponses } from '../exports/index.js';
import { checkDefinition } from './reports.definition.js';
import { exportReport } from './reports.export.js';
import { runReport } from './reports.run.js';
import { reportDefinition, reportExportQuery, reportExportRequest, reportInput, reportListQuery, reportPage, reportResult, reportSchema, reportUpdate } from './reports.schema.js';
import { createReport, deleteReport, listReports, updateReport, visibleReport } from './saved.service.js';

const tags = ['Reports'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerReportRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/reports/run',
      tags,
      summary: "Run a report definition (entity, dimensions, measures, filters) over the rows the caller may read: flat rows and a pivot with totals",
      permission: ['report', 'read'],
      request: body(reportDefinition),
      responses: { 200: json(reportResult), ...errorResponses },
    }),
    async (c) => c.json(await runReport(db, principalOf(c), checkDefinition(c.req.valid('json'))), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/reports/export',
      tags,
      summary: 'A report definition run and written as XLSX or CSV (UTF-8 with BOM, ; or , delimited)',
      permission: ['report', 'export'],
      request: body(reportExportRequest),
      responses: exportResponses,
    }),
    async (c) => {
      const p = principalOf(c);
      const q = c.req.valid('json');
      const def = checkDefinition(q.definition, 'definition.');
      const result = await runReport(db, p, def);
      return c.body(exportReport(def, result, { ...q, locale: p.locale, sheetName: q.name }), 200, exportHeaders('report', q.format));
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/reports',
      tags,
      summary: "Saved reports: mine and everyone's shared ones, by name",
      permission: ['report', 'read'],
      request: { query: reportListQuery },
      responses: { 200: json(reportPage), ...errorResponses },
    }),
    async (c) => c.json(await listReports(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/reports',
      tags,
      summary: 'Save a report, private or shared with everyone',
      permission: ['report', 'create'],
      request: body(reportInput),
      responses: { 201: json(reportSchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createReport(db, principalOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/reports/{id}',
      tags,
      summary: 'A saved report (its own or a shared one)',
      permission: ['report', 'read'],
      request: { params: idParam },
      responses: { 200: json(reportSchema), ...errorResponses },
    }),
    async (c) => c.json(await visibleReport(db, principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/reports/{id}/result',
      tags,
      summary: "A saved report run for the caller: the rows are those the caller may read, whoever saved it",
      permission: ['report', 'read'],
      request: { params: idParam },
      responses: { 200: json(reportResult), ...errorResponses },
    }),
    async (c) => {
      const p = principalOf(c);
      const report = await visibleReport(db, p, c.req.valid('param').id);
      return c.json(await runReport(db, p, report.definition), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/reports/{id}/export',
      tags,
      summary: "A saved report's result for the caller as XLSX or CSV (UTF-8 with BOM, ; or , delimited)",
      permission: ['report', 'export'],
      request: { params: idParam, query: reportExportQuery },
      responses: exportResponses,
    }),
    async (c) => {
      const p = principalOf(c);
      const q = c.req.valid('query');
      const report = await visibleReport(db, p, c.req.valid('param').id);
      const result = await runReport(db, p, report.definition);
      return c.body(exportReport(report.definition, result, { ...q, locale: p.locale, sheetName: report.name }), 200, exportHeaders('report', q.format));
    },
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/reports/{id}',
      tags,
      summary: 'Rename, change or (un)share a report (its owner; a head of sales or administrator for shared ones)',
      permission: ['report', 'update'],
      request: { params: idParam, ...body(reportUpdate) },
      responses: { 200: json(reportSchema), ...errorResponses },
    }),
    async (c) => c.json(await updateReport(db, principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/reports/{id}',
      tags,
      summary: 'Delete a report (its owner; a head of sales or administrator for shared ones); its dashboard widgets go with it',
      permission: ['report', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await deleteReport(db, principalOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
