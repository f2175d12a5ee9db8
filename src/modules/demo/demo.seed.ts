import type { Insertable } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import { companyRowValues } from '../companies/index.js';
import { contactFullName, contactSearchText } from '../contacts/index.js';
import { demoCompany, rng, type DemoCompany } from './demo.generator.js';

export interface SeedOptions {
  size: number;
  /** Owners are spread over these users round-robin. */
  ownerIds: string[];
  seed?: number;
  /** Numbering offset, so repeated runs make new names. */
  startAt?: number;
  batch?: number;
  onProgress?(done: number, total: number): void;
}

const now = () => new Date().toISOString();

/** Bound parameters per statement stay under SQLite's limit (32,766) and PostgreSQL's (65,535). */
const MAX_PARAMS = 30_000;

async function insertAll<T extends keyof DB & string>(trx: Executor, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (!rows.length) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per) await trx.insertInto(table).values(rows.slice(i, i + per)).execute();
}

function rowsFor(c: DemoCompany, ownerId: string, at: string) {
  const id = newId();
  const phones = [{ kind: 'work' as const, raw: c.phone, e164: c.phone, ext: null }];
  const emails = [{ kind: 'work' as const, email: c.email }];
  const company = {
    id,
    ...companyRowValues({
      name: c.name,
      legalForm: c.legalForm,
      inn: c.inn,
      kpp: c.kpp,
      ogrn: c.ogrn,
      okpo: null,
      okvedMain: null,
      okvedExtra: [],
      eik: c.eik,
      vatNumber: c.vatNumber,
      industry: c.industry,
      activityType: null,
      status: c.status,
      directorName: c.directorName,
      directorPosition: c.country === 'BG' ? 'Управител' : 'Генеральный директор',
      phones,
      emails,
      addresses: [{ kind: 'actual', country: c.country, city: c.city, postalCode: null, line: null }],
      website: c.website,
      source: 'demo',
      ownerId,
      tags: c.tags,
      notes: null,
      custom: {},
    }),
    status_changed_at: at,
    version: 1,
    created_by: null,
    created_at: at,
    updated_at: at,
  };
  const contacts = c.contacts.map((p) => {
    const cPhones = [{ kind: 'mobile', raw: p.phone, e164: p.phone, ext: null }];
    const cEmails = [{ kind: 'work', email: p.email }];
    const names = { firstName: p.firstName, lastName: p.lastName, middleName: null };
    return {
      row: {
        id: newId(),
        first_name: p.firstName,
        last_name: p.lastName,
        middle_name: null,
        full_name: contactFullName(names),
        position: p.position,
        birthday: null,
        notes: null,
        owner_id: ownerId,
        custom: '{}',
        search_text: contactSearchText(names, cPhones, cEmails),
        version: 1,
        created_by: null,
        created_at: at,
        updated_at: at,
      },
      phones: cPhones,
      emails: cEmails,
      position: p.position,
    };
  });
  return { id, company, phones, emails, tags: c.tags, contacts };
}

/**
 * Bulk-inserts generated companies with their contact persons, phones, e-mails and tags,
 * a batch per transaction (a failed batch leaves nothing half-written).
 */
export async function seedDemoCompanies(db: Db, o: SeedOptions): Promise<void> {
  const r = rng(o.seed ?? 42);
  const batch = o.batch ?? 400;
  const start = o.startAt ?? 1;
  for (let done = 0; done < o.size; ) {
    const n = Math.min(batch, o.size - done);
    const at = now();
    const items = Array.from({ length: n }, (_, i) => rowsFor(demoCompany(r, start + done + i), o.ownerIds[(done + i) % o.ownerIds.length]!, at));
    await db.transaction().execute(async (trx) => {
      await insertAll(trx, 'companies', items.map((x) => x.company));
      await insertAll(trx, 'contacts', items.flatMap((x) => x.contacts.map((c) => c.row)));
      await insertAll(
        trx,
        'company_contacts',
        items.flatMap((x) => x.contacts.map((c, i) => ({ company_id: x.id, contact_id: c.row.id, position: c.position, is_primary: i === 0 ? 1 : 0 }))),
      );
      const phones = items.flatMap((x) => [
        ...x.phones.map((p, i) => ({ id: newId(), entity: 'company', entity_id: x.id, ...p, sort: i })),
        ...x.contacts.flatMap((c) => c.phones.map((p, i) => ({ id: newId(), entity: 'contact', entity_id: c.row.id, ...p, sort: i }))),
      ]);
      await insertAll(trx, 'phones', phones);
      const emails = items.flatMap((x) => [
        ...x.emails.map((e, i) => ({ id: newId(), entity: 'company', entity_id: x.id, ...e, sort: i })),
        ...x.contacts.flatMap((c) => c.emails.map((e, i) => ({ id: newId(), entity: 'contact', entity_id: c.row.id, ...e, sort: i }))),
      ]);
      await insertAll(trx, 'emails', emails);
      await insertAll(trx, 'tags', items.flatMap((x) => x.tags.map((tag) => ({ entity: 'company', entity_id: x.id, tag }))));
    });
    done += n;
    o.onProgress?.(done, o.size);
  }
}
