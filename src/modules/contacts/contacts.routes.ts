import { z } from 'zod';
import { ownerFilter, scopeOf } from '../../platform/access/index.js';
import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { pageQuery } from '../../platform/http/pagination.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { normalizePhone } from '../../shared/phones.js';
import { findDuplicates } from './contacts.duplicates.js';
import { exportContacts } from './contacts.export.js';
import { exportHeaders, exportResponses, exportShape } from '../exports/index.js';
import { linkContact, unlinkContact } from './contacts.links.js';
import { mergeContacts } from './contacts.merge.js';
import {
  contactFilters,
  contactPage,
  contactSchema,
  createContactRequest,
  duplicateQuery,
  duplicateResponse,
  historyPage,
  linkContactRequest,
  mergeRequest,
  updateContactRequest,
} from './contacts.schema.js';
import { ContactsService } from './contacts.service.js';

const tags = ['Contacts'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const listQuery = contactFilters.extend(pageQuery);
const exportQuery = contactFilters.extend(exportShape);
const companyLinkParams = z.object({ id: z.uuid({ message: 'must be a valid id' }), contactId: z.uuid({ message: 'must be a valid id' }) });

export function registerContactRoutes(api: App, ctx: AppContext): void {
  const svc = new ContactsService(ctx.database.db, ctx.config);

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/contacts',
      tags,
      summary: 'List contacts: search (names, phones, e-mails), filters, sort, keyset pages',
      permission: ['contact', 'read'],
      request: { query: listQuery },
      responses: { 200: json(contactPage), ...errorResponses },
    }),
    async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      return c.json(await svc.list(principalOf(c), filters, { limit, cursor }), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/contacts/duplicates',
      tags,
      summary: 'Contacts with the same phone, e-mail or full name (optionally at a company), for duplicate warnings',
      permission: ['contact', 'read'],
      request: { query: duplicateQuery },
      responses: { 200: json(duplicateResponse), ...errorResponses },
    }),
    async (c) => {
      const p = principalOf(c);
      const q = c.req.valid('query');
      const e164 = q.phone ? normalizePhone(q.phone, ctx.config.defaultCountry).e164 : null;
      const candidates = await findDuplicates(svc.db, {
        e164s: e164 ? [e164] : [],
        emails: q.email ? [q.email.toLowerCase()] : [],
        name: q.name,
        companyIds: q.companyId ? [q.companyId] : [],
        owners: ownerFilter(p, scopeOf(p, 'contact', 'read')),
      });
      return c.json({ candidates }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/contacts/export',
      tags,
      summary: 'Export every contact matching the list filters in the export scope as CSV (UTF-8 with BOM) or XLSX, with the chosen columns, streamed',
      permission: ['contact', 'export'],
      request: { query: exportQuery },
      responses: exportResponses,
    }),
    async (c) => {
      const { format, delimiter, columns, ...filters } = c.req.valid('query');
      return c.body(exportContacts(svc, principalOf(c), filters, { format, delimiter, columns }), 200, exportHeaders('contacts', format));
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/contacts',
      tags,
      summary: 'Create a contact (409 contact.duplicate with details.candidates unless confirmDuplicate)',
      permission: ['contact', 'create'],
      request: body(createContactRequest),
      responses: { 201: json(contactSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.create(principalOf(c), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/contacts/{id}',
      tags,
      summary: 'One contact with phones, e-mails, tags and companies',
      permission: ['contact', 'read'],
      request: { params: idParam },
      responses: { 200: json(contactSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.load(principalOf(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/contacts/{id}',
      tags,
      summary: 'Change a contact (send the version you read; 409 contact.version_conflict with details.current otherwise)',
      permission: ['contact', 'update'],
      request: { params: idParam, ...body(updateContactRequest) },
      responses: { 200: json(contactSchema), ...errorResponses },
    }),
    async (c) => c.json(await svc.update(principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/contacts/{id}',
      tags,
      summary: 'Delete a contact with its phones, e-mails, tags, company links and attachments',
      permission: ['contact', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await svc.remove(principalOf(c), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/contacts/{id}/history',
      tags,
      summary: "The contact's change history, newest first",
      permission: ['contact', 'read'],
      request: { params: idParam, query: z.object(pageQuery) },
      responses: { 200: json(historyPage), ...errorResponses },
    }),
    async (c) => c.json(await svc.history(principalOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/contacts/{id}/merge',
      tags,
      summary: 'Merge another contact (sourceId) into this one; the source is deleted (409 contact.version_conflict with details.current if either changed meanwhile)',
      permission: ['contact', 'merge'],
      request: { params: idParam, ...body(mergeRequest) },
      responses: { 200: json(contactSchema), ...errorResponses },
    }),
    async (c) => c.json(await mergeContacts(svc, principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json').sourceId), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/companies/{id}/contacts',
      tags,
      summary: "Link a contact to the company (or change the link's position / primary flag)",
      permission: ['company', 'update'],
      request: { params: idParam, ...body(linkContactRequest) },
      responses: { 200: json(contactSchema, 'Link updated'), 201: json(contactSchema, 'Linked'), ...errorResponses },
    }),
    async (c) => {
      const r = await linkContact(svc, principalOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json'));
      return r.created ? c.json(r.contact, 201) : c.json(r.contact, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/companies/{id}/contacts/{contactId}',
      tags,
      summary: 'Unlink a contact from the company (the contact stays)',
      permission: ['company', 'update'],
      request: { params: companyLinkParams },
      responses: { 204: { description: 'Unlinked' }, ...errorResponses },
    }),
    async (c) => {
      const { id, contactId } = c.req.valid('param');
      await unlinkContact(svc, principalOf(c), actorOf(c), id, contactId);
      return c.body(null, 204);
    },
  );
}
