import type { Executor } from '../../platform/db/database.js';
import { searchTokens } from '../../shared/text.js';
import { contactsByName, contactsWithPhonesOrEmails } from './contacts.query.js';
import type { DuplicateCandidate } from './contacts.schema.js';

export interface DuplicateProbe {
  e164s: string[];
  emails: string[];
  /** A full name to compare (word order, case and ё do not matter); omitted = no name check. */
  name?: string;
  /** With a name: only contacts linked to one of these companies count. */
  companyIds: string[];
  /** Owners the caller may read; null = all. Contacts outside the scope are not revealed. */
  owners: string[] | null;
}

const nameKey = (name: string) => searchTokens(name).sort().join(' ');

/** Existing contacts that look like the same person: same phone, same e-mail, or same name (at the same company). */
export async function findDuplicates(db: Executor, probe: DuplicateProbe): Promise<DuplicateCandidate[]> {
  const out = new Map<string, DuplicateCandidate>();
  const add = (row: { id: string; full_name: string; owner_name: string | null }, matches: DuplicateCandidate['matches']) => {
    const c = out.get(row.id) ?? { id: row.id, fullName: row.full_name, ownerName: row.owner_name, matches: [] };
    c.matches = [...new Set([...c.matches, ...matches])];
    out.set(row.id, c);
  };
  for (const { row, matches } of await contactsWithPhonesOrEmails(db, probe.e164s, probe.emails, probe.owners)) add(row, matches);
  if (probe.name) {
    const key = nameKey(probe.name);
    const rows = await contactsByName(db, searchTokens(probe.name), probe.companyIds, probe.owners);
    for (const row of rows) if (key && nameKey(row.full_name) === key) add(row, ['name']);
  }
  return [...out.values()];
}
