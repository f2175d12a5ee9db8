import { AppError, type FieldIssue } from '../../platform/errors.js';
import { normalizePhone } from '../../shared/phones.js';
import { buildSearchText, searchTokens } from '../../shared/text.js';
import type { Contact } from './contacts.schema.js';
import type { Children, ContactRow, EmailRow, PhoneRow } from './contacts.repository.js';

/** Conversions between rows and the API shape; derived columns (full name, search text). */

export function fullNameOf(c: { firstName: string; lastName: string | null; middleName: string | null }): string {
  return [c.lastName, c.firstName, c.middleName].filter(Boolean).join(' ');
}

export function searchTextOf(
  c: { firstName: string; lastName: string | null; middleName: string | null },
  phones: PhoneRow[],
  emails: EmailRow[],
): string {
  return buildSearchText(
    [c.lastName, c.firstName, c.middleName, ...emails.map((e) => e.email)],
    phones.flatMap((p) => (p.e164 ? [p.e164] : [])),
  );
}

/** Normalises typed phones to E.164 with the default country; an invalid one is a 422 naming `phones.N.raw`. */
export function normalizePhones(phones: { kind: string; raw: string }[], country: 'RU' | 'BG'): PhoneRow[] {
  const issues: FieldIssue[] = [];
  const rows = phones.map((p, i) => {
    const n = normalizePhone(p.raw, country);
    if (!n.e164) issues.push({ field: `phones.${i}.raw`, code: 'phone.invalid', message: 'is not a valid phone number' });
    return { kind: p.kind, raw: n.raw, e164: n.e164, ext: n.ext };
  });
  if (issues.length) throw AppError.validation(issues);
  return rows;
}

/** Tokens for the list search: a phone typed in any notation becomes its E.164 digits. */
export function queryTokens(q: string | undefined, country: 'RU' | 'BG'): string[] {
  if (!q) return [];
  if (/^[\d\s+()-]+$/.test(q)) {
    const n = normalizePhone(q, country);
    if (n.e164) return [n.e164.slice(1)];
  }
  return searchTokens(q);
}

export function parseCustom(json: string): Record<string, unknown> {
  const v: unknown = JSON.parse(json);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function toContact(row: ContactRow, ch: Children): Contact {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    middleName: row.middle_name,
    fullName: row.full_name,
    position: row.position,
    birthday: row.birthday,
    notes: row.notes,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    phones: ch.phones.map((p) => ({ kind: p.kind as Contact['phones'][number]['kind'], raw: p.raw, e164: p.e164, ext: p.ext })),
    emails: ch.emails.map((e) => ({ kind: e.kind as Contact['emails'][number]['kind'], email: e.email })),
    tags: ch.tags,
    custom: parseCustom(row.custom),
    companies: ch.companies.map((l) => ({ id: l.company_id, name: l.name, position: l.position, isPrimary: l.is_primary === 1 })),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
  };
}

/** What the audit compares before and after a change. */
export function snapshot(c: Contact): Record<string, unknown> {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    middleName: c.middleName,
    position: c.position,
    birthday: c.birthday,
    notes: c.notes,
    ownerId: c.ownerId,
    phones: c.phones.map((p) => `${p.kind}: ${p.raw}`),
    emails: c.emails.map((e) => `${e.kind}: ${e.email}`),
    tags: c.tags,
    custom: c.custom,
  };
}
