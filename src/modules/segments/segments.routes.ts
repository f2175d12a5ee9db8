import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { jobStatus, readSettings, runJob, updateSettings } from './segments.job.js';
import {
  churnPage,
  churnQuery,
  churnTaskResult,
  companyClassesQuery,
  companyClassPage,
  jobStatusSchema,
  matrixSchema,
  productClassesQuery,
  productClassPage,
  recalculateInput,
  segmentSettingsSchema,
  segmentSettingsUpdate,
} from './segments.schema.js';
import { churnList, churnTask, companyClasses, matrix, productClasses } from './segments.service.js';

const tags = ['Segments'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerSegmentRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({ method: 'get', path: '/segments/settings', tags, summary: 'Segmentation settings: ABC metric and thresholds, windows, churn factor, refresh period', permission: ['company', 'read'], responses: { 200: json(segmentSettingsSchema), ...errorResponses } }),
    async (c) => c.json(await readSettings(db), 200),
  );

  api.openapi(
    defineRoute({ method: 'patch', path: '/segments/settings', tags, summary: 'Change segmentation settings (fields left out stay; applied at the next recalculation)', permission: ['settings', 'update'], request: body(segmentSettingsUpdate), responses: { 200: json(segmentSettingsSchema), ...errorResponses } }),
    async (c) => c.json(await updateSettings(db, actorOf(c), c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({ method: 'get', path: '/segments/status', tags, summary: 'The last run of the classes job and the next one', permission: ['company', 'read'], responses: { 200: json(jobStatusSchema), ...errorResponses } }),
    async (c) => c.json(await jobStatus(db), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/segments/recalculate',
      tags,
      summary: 'Recalculate the stored classes now (optionally as of a date); 409 while another node runs the job',
      permission: ['settings', 'update'],
      request: body(recalculateInput),
      responses: { 200: json(jobStatusSchema), ...errorResponses },
    }),
    async (c) => {
      const ran = await runJob(db, 'manual', c.req.valid('json').asOf ?? null, ctx.logger);
      if (!ran) throw new AppError('segments.job_running', 409, 'The classes are being recalculated right now; try again later');
      return c.json(await jobStatus(db), 200);
    },
  );

  api.openapi(
    defineRoute({ method: 'get', path: '/segments/companies', tags, summary: 'Clients with their ABC / XYZ / RFM classes (company read scope), by the ABC metric', permission: ['company', 'read'], request: { query: companyClassesQuery }, responses: { 200: json(companyClassPage), ...errorResponses } }),
    async (c) => c.json(await companyClasses(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({ method: 'get', path: '/segments/matrix', tags, summary: 'ABC-XYZ matrix and RFM codes: client counts of the company read scope', permission: ['company', 'read'], responses: { 200: json(matrixSchema), ...errorResponses } }),
    async (c) => c.json(await matrix(db, principalOf(c)), 200),
  );

  api.openapi(
    defineRoute({ method: 'get', path: '/segments/products', tags, summary: 'Products with their ABC / XYZ / BCG classes (money only with the read scope of all deals)', permission: ['product', 'read'], request: { query: productClassesQuery }, responses: { 200: json(productClassPage), ...errorResponses } }),
    async (c) => c.json(await productClasses(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({ method: 'get', path: '/segments/churn', tags, summary: 'Clients whose purchase rhythm broke (company read scope), most overdue first', permission: ['company', 'read'], request: { query: churnQuery }, responses: { 200: json(churnPage), ...errorResponses } }),
    async (c) => c.json(await churnList(db, principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/segments/churn/{id}/task',
      tags,
      summary: "A task for the churned client's owner (one per churn episode: a repeated call returns the existing task)",
      permission: ['task', 'create'],
      request: { params: idParam },
      responses: { 200: json(churnTaskResult), 201: json(churnTaskResult), ...errorResponses },
    }),
    async (c) => {
      const result = await churnTask(db, principalOf(c), actorOf(c), c.req.valid('param').id);
      return c.json(result, result.created ? 201 : 200);
    },
  );
}
