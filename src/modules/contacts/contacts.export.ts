import { ownerFilter, requireScope, type Principal } from '../../platform/access/index.js';
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

/**
 * One CSV cell. Text a spreadsheet would run as a formula (=, +, -, @ ...) gets a leading
 * apostrophe, except phone numbers and plain numbers.
 */
export function csvCell(value: string | null): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v) && !/^[+-]?[\d\s().;-]+$/.test(v)) v = `'${v}`;
  return /[",\r\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const line = (cells: (string | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** Every contact matching the filters within the caller's export scope, as a CSV stream read page by page. */
export function exportCsv(svc: ContactsService, p: Principal, filters: ContactFilters): ReadableStream<Uint8Array> {
  const owners = ownerFilter(p, requireScope(p, 'contact', 'export'));
  const enc = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(enc.encode(`\uFEFF${line(columns.map(([name]) => name))}`));
        return;
      }
      const page = await svc.list(p, filters, { limit: BATCH, cursor }, owners);
      if (page.items.length) controller.enqueue(enc.encode(page.items.map((c) => line(columns.map(([, get]) => get(c)))).join('')));
      if (!page.nextCursor) controller.close();
      cursor = page.nextCursor ?? undefined;
    },
  });
}
