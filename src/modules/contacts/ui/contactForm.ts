import type { Contact, CreateContactRequest } from '../contacts.schema.js';
import type { EmailRow, PhoneRow } from '../../../web/components/ContactPointsEditor.js';
import type { CustomValues } from '../../../web/components/CustomFields.js';
import { remapRowErrors, withoutBlankRows } from '../../../web/components/formRows.js';

/** What the contact form edits: plain strings for inputs, rows for phones and e-mails. */
export interface ContactValues {
  firstName: string;
  middleName: string;
  lastName: string;
  position: string;
  birthday: string;
  notes: string;
  ownerId: string | null;
  phones: PhoneRow[];
  emails: EmailRow[];
  tags: string[];
  custom: CustomValues;
}

export const emptyContact: ContactValues = {
  firstName: '',
  middleName: '',
  lastName: '',
  position: '',
  birthday: '',
  notes: '',
  ownerId: null,
  phones: [{ kind: 'mobile', raw: '' }],
  emails: [{ kind: 'work', email: '' }],
  tags: [],
  custom: {},
};

export function valuesOf(c: Contact): ContactValues {
  return {
    firstName: c.firstName,
    middleName: c.middleName ?? '',
    lastName: c.lastName ?? '',
    position: c.position ?? '',
    birthday: c.birthday ?? '',
    notes: c.notes ?? '',
    ownerId: c.ownerId,
    phones: c.phones.map((p) => ({ kind: p.kind, raw: p.raw })),
    emails: c.emails.map((e) => ({ kind: e.kind, email: e.email })),
    tags: c.tags,
    custom: c.custom,
  };
}

/** The request body (without version/links) and a function mapping server field errors back to form rows. */
export function requestOf(v: ContactValues) {
  const phones = withoutBlankRows(v.phones, (p) => !p.raw.trim());
  const emails = withoutBlankRows(v.emails, (e) => !e.email.trim());
  const body: Omit<CreateContactRequest, 'companies' | 'confirmDuplicate'> = {
    firstName: v.firstName.trim(),
    middleName: v.middleName.trim() || null,
    lastName: v.lastName.trim() || null,
    position: v.position.trim() || null,
    birthday: v.birthday || null,
    notes: v.notes.trim() || null,
    ...(v.ownerId ? { ownerId: v.ownerId } : {}),
    phones: phones.rows.map((p) => ({ kind: p.kind, raw: p.raw.trim() })),
    emails: emails.rows.map((e) => ({ kind: e.kind, email: e.email.trim() })),
    tags: v.tags,
    custom: v.custom,
  };
  const mapErrors = (errors: Record<string, string>) => remapRowErrors(remapRowErrors(errors, 'phones', phones.original), 'emails', emails.original);
  return { body, mapErrors };
}

/** Fields compared when a save hits a version conflict. */
export const conflictFields = ['firstName', 'middleName', 'lastName', 'position', 'birthday', 'notes', 'ownerName', 'phones', 'emails', 'tags', 'custom'] as const;
