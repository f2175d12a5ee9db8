import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { pageQuery } from '../../platform/http/pagination.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { attachmentOwnerParams, attachmentPage, attachmentSchema } from './attachments.schema.js';
import { AttachmentsService } from './attachments.service.js';
import { contentDisposition } from './attachments.storage.js';

const tags = ['Attachments'];
const access = 'Needs read (list, download) or update (upload, delete) access to the company or contact.';

export function registerAttachmentRoutes(api: App, ctx: AppContext): void {
  const svc = new AttachmentsService(ctx.database.db, ctx.config);

  // Registered before GET /attachments/{entity}/{entityId}, which has the same shape.
  api.openapi(
    defineRoute({
      method: 'get',
      path: '/attachments/{id}/download',
      tags,
      summary: 'Download a file (Content-Disposition carries the original UTF-8 name)',
      description: access,
      permission: 'authenticated',
      request: { params: idParam },
      responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) => {
      const { attachment, body } = await svc.download(principalOf(c), c.req.valid('param').id);
      return c.body(body, 200, {
        'content-type': attachment.mime,
        'content-length': String(attachment.size),
        'content-disposition': contentDisposition(attachment.fileName),
        'cache-control': 'private, no-store',
      });
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/attachments/{entity}/{entityId}',
      tags,
      summary: "A record's attachments, newest first",
      description: access,
      permission: 'authenticated',
      request: { params: attachmentOwnerParams, query: z.object(pageQuery) },
      responses: { 200: json(attachmentPage), ...errorResponses },
    }),
    async (c) => {
      const { entity, entityId } = c.req.valid('param');
      return c.json(await svc.list(principalOf(c), entity, entityId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/attachments/{entity}/{entityId}',
      tags,
      summary: 'Upload a file (multipart/form-data, field "file"; 413 above the upload limit)',
      description: access,
      permission: 'authenticated',
      request: {
        params: attachmentOwnerParams,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
            },
          },
        },
      },
      responses: { 201: json(attachmentSchema), ...errorResponses },
    }),
    async (c) => {
      const { entity, entityId } = c.req.valid('param');
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const file = form.file;
      if (!(file instanceof File)) {
        throw AppError.validation([{ field: 'file', code: 'validation.required', message: 'send the file as multipart/form-data field "file"' }]);
      }
      return c.json(await svc.upload(principalOf(c), actorOf(c), entity, entityId, file), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/attachments/{id}',
      tags,
      summary: 'Delete an attachment and its file',
      description: access,
      permission: 'authenticated',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await svc.remove(principalOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
