import { buildSearchText } from '../../shared/text.js';
import { normalizeCompanyName } from '../../shared/legal-forms.js';
import type { CompanyTable } from '../../platform/db/schema.js';
import type { Address, Company, CompanyStatus, Email, Phone } from './companies.schema.js';

/** Company rows as read (search_text is never read back) with the owner's name joined. */
export type CompanyRow = Omit<CompanyTable, 'search_text'> & { owner_name: string | null };

export interface Children {
  phones: Phone[];
  emails: Email[];
  tags: string[];
}

export const noChildren = (): Children => ({ phones: [], emails: [], tags: [] });

export function toCompany(r: CompanyRow, ch: Children): Company {
  return {
    id: r.id,
    name: r.name,
    legalForm: r.legal_form,
    inn: r.inn,
    kpp: r.kpp,
    ogrn: r.ogrn,
    okpo: r.okpo,
    okvedMain: r.okved_main,
    okvedExtra: JSON.parse(r.okved_extra) as string[],
    eik: r.eik,
    vatNumber: r.vat_number,
    industry: r.industry,
    activityType: r.activity_type,
    status: r.status as CompanyStatus,
    statusChangedAt: r.status_changed_at,
    directorName: r.director_name,
    directorPosition: r.director_position,
    phones: ch.phones,
    emails: ch.emails,
    addresses: JSON.parse(r.addresses) as Address[],
    city: r.city,
    website: r.website,
    source: r.source,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    tags: ch.tags,
    notes: r.notes,
    custom: JSON.parse(r.custom) as Record<string, unknown>,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdBy: r.created_by,
  };
}

/** The editable state of a company: what the history compares field by field. */
export type Snapshot = Omit<Company, 'id' | 'ownerName' | 'statusChangedAt' | 'city' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy'>;

export function snapshot(c: Company): Snapshot {
  return {
    name: c.name,
    legalForm: c.legalForm,
    inn: c.inn,
    kpp: c.kpp,
    ogrn: c.ogrn,
    okpo: c.okpo,
    okvedMain: c.okvedMain,
    okvedExtra: c.okvedExtra,
    eik: c.eik,
    vatNumber: c.vatNumber,
    industry: c.industry,
    activityType: c.activityType,
    status: c.status,
    directorName: c.directorName,
    directorPosition: c.directorPosition,
    phones: c.phones,
    emails: c.emails,
    addresses: c.addresses,
    website: c.website,
    source: c.source,
    ownerId: c.ownerId,
    tags: c.tags,
    notes: c.notes,
    custom: c.custom,
  };
}

/** The list/filter city: the actual address's city, else the legal one, else the postal one. */
export function cityOf(addresses: Address[]): string | null {
  for (const kind of ['actual', 'legal', 'postal'] as const) {
    const city = addresses.find((a) => a.kind === kind && a.city)?.city;
    if (city) return city;
  }
  return null;
}

/**
 * Only letters, digits and the separators buildSearchText spaces out are indexed: PostgreSQL's
 * parser would otherwise read "<script>" as an XML tag or "a/b" as a path and not index the words.
 */
const plain = (v: string | null | undefined) => v?.replace(/[^\p{L}\p{N}@._+\s-]+/gu, ' ');

/** The text indexed for full-text search over a company. */
export function searchTextOf(s: Snapshot, city: string | null): string {
  return buildSearchText(
    [
      s.name,
      s.legalForm,
      s.inn,
      s.kpp,
      s.ogrn,
      s.eik,
      s.vatNumber,
      ...s.emails.map((e) => e.email),
      city,
      s.website?.replace(/^[a-z]+:\/\//i, ''),
      ...s.tags,
    ].map(plain),
    s.phones.flatMap((p) => (p.e164 ? [p.e164] : [])),
  );
}

/** Columns of the company table for an editable state, with the derived city, sort name and search text. */
export function rowValues(s: Snapshot) {
  const city = cityOf(s.addresses);
  return {
    name: s.name,
    name_normalized: normalizeCompanyName(s.name),
    legal_form: s.legalForm,
    inn: s.inn,
    kpp: s.kpp,
    ogrn: s.ogrn,
    okpo: s.okpo,
    okved_main: s.okvedMain,
    okved_extra: JSON.stringify(s.okvedExtra),
    eik: s.eik,
    vat_number: s.vatNumber,
    industry: s.industry,
    activity_type: s.activityType,
    status: s.status,
    director_name: s.directorName,
    director_position: s.directorPosition,
    website: s.website,
    source: s.source,
    owner_id: s.ownerId,
    addresses: JSON.stringify(s.addresses),
    city,
    notes: s.notes,
    custom: JSON.stringify(s.custom),
    search_text: searchTextOf(s, city),
  };
}
