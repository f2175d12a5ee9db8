import { ownerFilter, requireScope, type Principal } from '../../platform/access/index.js';
import { keysetPages, pickColumns, tableStream, type ExportFormat } from '../exports/index.js';
import type { Contact, ContactFilters } from './contacts.schema.js';
import type { ContactsService } from './contacts.service.js';

const BATCH = 500;

const columns: [string, (c: Contact) => string | null][] = [
  ['id', (c) => c.id],
  ['fullName', (c) => c.fullName],
  ['lastName', (c) => c.lastName],
  ['firstName', (c) => c.firstName],
  ['middleName', (c) => c.middleName],
  ['position', (c) => c.position],
  ['birthday', (c) => c.birthday],
  ['phones', (c) => c.phones.map((p) => p.e164 ?? p.raw).join('; ')],
  ['emails', (c) => c.emails.map((e) => e.email).join('; ')],
  ['companies', (c) => c.companies.map((co) => co.name).join('; ')],
  ['tags', (c) => c.tags.join('; ')],
  ['owner', (c) => c.ownerName],
  ['notes', (c) => c.notes],
  ['createdAt', (c) => c.createdAt],
  ['updatedAt', (c) => c.updatedAt],
];

/** Every contact matching the filters within the caller's export scope, as CSV or XLSX, read page by page. */
export function exportContacts(svc: ContactsService, p: Principal, filters: ContactFilters, file: { format: ExportFormat; delimiter: string; columns?: string }): ReadableStream<Uint8Array> {
  const owners = ownerFilter(p, requireScope(p, 'contact', 'export'));
  const chosen = pickColumns(columns.map(([key, get]) => ({ key, get })), file.columns);
  const pages = keysetPages<Contact, string>(null, async (cursor) => {
    const page = await svc.list(p, filters, { limit: BATCH, cursor: cursor ?? undefined }, owners);
    return { rows: page.items, next: page.nextCursor };
  });
  return tableStream(chosen, pages, { format: file.format, delimiter: file.delimiter, sheetName: 'Contacts' });
}
