import { z } from 'zod';
import { streamSSE } from 'hono/streaming';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/app.js';
import { actorOf } from '../../platform/http/context.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { contentDisposition } from '../attachments/index.js';
import {
  entityParam,
  importEntitiesResponse,
  importFieldsResponse,
  importJobPage,
  importJobSchema,
  importListQuery,
  importUploadSchema,
  rowErrorPage,
  rowErrorQuery,
  startImportInput,
  suggestQuery,
  suggestResponse,
} from './imports.schema.js';
import type { ImportsService } from './imports.service.js';
import { errorsCsv } from './imports.report.js';
import { registerTemplateRoutes } from './templates.routes.js';

const tags = ['Imports'];
const terminal = new Set(['done', 'failed', 'cancelled', 'undone']);
const PROGRESS_POLL_MS = 500;

/** The file name of a raw upload: header X-File-Name (URI-encoded) or ?fileName=. */
const rawName = (header: string | undefined, query: string | undefined) => {
  try {
    return decodeURIComponent(header ?? query ?? 'import.csv');
  } catch {
    return 'import.csv';
  }
};

export function registerImportRoutesOn(api: App, svc: ImportsService, uploadLimits: { raw: number; multipart: number }): void {
  api.openapi(
    defineRoute({
      method: 'post',
      path: '/imports/uploads',
      tags,
      summary: 'Upload a CSV or XLSX file: the raw body (X-File-Name header) or multipart/form-data field "file"; answers the detected encoding, delimiter, headers and first rows',
      permission: 'authenticated',
      request: {
        body: {
          required: true,
          content: {
            'application/octet-stream': { schema: z.string() },
            'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } },
          },
        },
      },
      responses: { 201: json(importUploadSchema), ...errorResponses },
    }),
    async (c) => {
      const p = principalOf(c);
      if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
        const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
        const file = form.file;
        if (!(file instanceof File)) throw AppError.validation([{ field: 'file', code: 'validation.required', message: 'send the file as multipart/form-data field "file"' }]);
        return c.json(await svc.upload(p, actorOf(c), file.name || 'import.csv', file.stream(), uploadLimits.multipart), 201);
      }
      const body = c.req.raw.body;
      if (!body) throw AppError.validation([{ field: 'file', code: 'validation.required', message: 'send the file as the request body' }]);
      return c.json(await svc.upload(p, actorOf(c), rawName(c.req.header('x-file-name'), c.req.query('fileName')), body, uploadLimits.raw), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/imports/uploads/{id}',
      tags,
      summary: 'An upload with its detected shape and first rows',
      permission: 'authenticated',
      request: { params: idParam },
      responses: { 200: json(importUploadSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.getUpload(principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/imports/uploads/{id}/suggest',
      tags,
      summary: 'A mapping suggested from the headers (names in English, Russian and Bulgarian)',
      permission: 'authenticated',
      request: { params: idParam, query: suggestQuery },
      responses: { 200: json(suggestResponse), ...errorResponses },
    }),
    async (c) => c.json({ mapping: await svc.suggest(principalOf(c), c.req.valid('param').id, c.req.valid('query').entity) }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/imports/fields/{entity}',
      tags,
      summary: 'Fields a column can be mapped to (custom fields as custom.<key>) and the keys records can be matched by',
      permission: 'authenticated',
      request: { params: entityParam },
      responses: { 200: json(importFieldsResponse), ...errorResponses },
    }),
    async (c) => c.json(await svc.fields(c.req.valid('param').entity), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/imports/entities',
      tags,
      summary: 'The kinds of records this server imports',
      permission: 'authenticated',
      responses: { 200: json(importEntitiesResponse), ...errorResponses },
    }),
    (c) => c.json({ entities: svc.entities() }, 200),
  );

  registerTemplateRoutes(api, svc);

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/imports',
      tags,
      summary: 'Start an import (or a dry run) of an upload; it runs in the background. Needs create and/or update on the entity, by mode',
      permission: 'authenticated',
      request: { body: { content: { 'application/json': { schema: startImportInput } }, required: true } },
      responses: { 202: json(importJobSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.start(principalOf(c), actorOf(c), c.req.valid('json')), 202),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/imports',
      tags,
      summary: 'Imports, newest first: my own; with an entity, everyone\'s for those who may create its records for all',
      permission: 'authenticated',
      request: { query: importListQuery },
      responses: { 200: json(importJobPage), ...errorResponses },
    }),
    async (c) => c.json(await svc.list(principalOf(c), c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/imports/{id}',
      tags,
      summary: 'An import with its progress',
      permission: 'authenticated',
      request: { params: idParam },
      responses: { 200: json(importJobSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.get(principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/imports/{id}/events',
      tags,
      summary: 'Live progress (server-sent events `progress` with the import as JSON, until it ends)',
      permission: 'authenticated',
      request: { params: idParam },
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) => {
      const p = principalOf(c);
      const id = c.req.valid('param').id;
      await svc.get(p, id);
      return streamSSE(c, async (stream) => {
        let aborted = false;
        stream.onAbort(() => {
          aborted = true;
        });
        let last = '';
        while (!aborted) {
          const job = await svc.get(p, id);
          const stamp = `${job.updatedAt}|${job.status}`;
          if (stamp !== last) {
            last = stamp;
            await stream.writeSSE({ event: 'progress', data: JSON.stringify(job) });
          }
          if (terminal.has(job.status)) break;
          await stream.sleep(PROGRESS_POLL_MS);
        }
      });
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/imports/{id}/cancel',
      tags,
      summary: 'Cancel an import: it stops after the current batch; what it wrote stays until undone',
      permission: 'authenticated',
      request: { params: idParam },
      responses: { 200: json(importJobSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.cancel(principalOf(c), actorOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/imports/{id}/undo',
      tags,
      summary: 'Undo an import: deletes the records it created and restores those it changed, in the background (records changed since are kept)',
      permission: 'authenticated',
      request: { params: idParam },
      responses: { 202: json(importJobSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.undo(principalOf(c), actorOf(c), c.req.valid('param').id), 202),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/imports/{id}/errors',
      tags,
      summary: 'Skipped rows in file order: row number, column, code, message',
      permission: 'authenticated',
      request: { params: idParam, query: rowErrorQuery },
      responses: { 200: json(rowErrorPage), ...errorResponses },
    }),
    async (c) => c.json(await svc.errors(principalOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/imports/{id}/errors.csv',
      tags,
      summary: 'The skipped rows as CSV (UTF-8 with BOM, ";")',
      permission: 'authenticated',
      request: { params: idParam },
      responses: { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const stream = await errorsCsv(svc, principalOf(c), id);
      return c.body(stream, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition(`import-errors-${id}.csv`), 'cache-control': 'no-store' });
    },
  );
}
