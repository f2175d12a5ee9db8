import { contactFullName, contactSearchText } from '../../contacts/index.js';
import type { EmailValue, PhoneValue } from './bulk.repository.js';

/** What an import compares and restores (company links are only ever added). */
export type ContactState = {
  firstName: string;
  lastName: string | null;
  middleName: string | null;
  position: string | null;
  birthday: string | null;
  notes: string | null;
  ownerId: string | null;
  phones: PhoneValue[];
  emails: EmailValue[];
  tags: string[];
  custom: Record<string, unknown>;
};

export const contactRowValues = (s: ContactState) => ({
  first_name: s.firstName,
  last_name: s.lastName,
  middle_name: s.middleName,
  full_name: contactFullName(s),
  position: s.position,
  birthday: s.birthday,
  notes: s.notes,
  owner_id: s.ownerId,
  custom: JSON.stringify(s.custom),
  search_text: contactSearchText(s, s.phones, s.emails),
});

/** The compared state of a contact or a state being built. */
export const stateOf = (c: ContactState): ContactState => ({
  firstName: c.firstName,
  lastName: c.lastName,
  middleName: c.middleName,
  position: c.position,
  birthday: c.birthday,
  notes: c.notes,
  ownerId: c.ownerId,
  phones: c.phones.map((p) => ({ kind: p.kind, raw: p.raw, e164: p.e164, ext: p.ext })),
  emails: c.emails.map((e) => ({ kind: e.kind, email: e.email })),
  tags: c.tags,
  custom: c.custom,
});

