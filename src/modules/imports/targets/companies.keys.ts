import type { Executor } from '../../../platform/db/database.js';
import type { ImportKey } from '../imports.schema.js';
import { idsByChild, inValues } from './bulk.repository.js';
import type { CompanyDraft } from './companies.build.js';

/** Matching file rows to companies by INN (with KPP for branches), EIK, e-mail, phone or external id. */

/** The field that carries a key (where its errors point). */
export const companyKeyField = (key: ImportKey | null): string =>
  key === 'email' ? 'emails' : key === 'phone' ? 'phones' : (key ?? 'name');

/** The row's key value: INN as "inn/kpp" (a branch has its own KPP), e-mail and phone their first one. */
export function keyOfDraft(key: ImportKey | null, d: CompanyDraft): string | null {
  const p = d.patch;
  switch (key) {
    case 'inn':
      return p.inn ? `${p.inn}/${p.kpp ?? ''}` : null;
    case 'eik':
      return p.eik ?? null;
    case 'email':
      return p.emails?.[0]?.email ?? null;
    case 'phone':
      return p.phones?.find((x) => x.e164)?.e164 ?? null;
    case 'externalId':
      return d.externalId;
    default:
      return null;
  }
}

export interface CompanyMatches {
  /** key value -> ids of the companies it matches */
  byKey: Map<string, string[]>;
  /** external ids of the matched companies */
  externalOf(id: string): string | null;
}

/**
 * Companies matching the rows' keys. An "inn/kpp" key matches companies with the INN and that KPP, else those
 * with the INN and no KPP; "inn/" (no KPP in the row) matches every company with the INN.
 */
export async function findCompanyKeys(db: Executor, key: ImportKey | null, keyed: { key: string | null }[]): Promise<CompanyMatches> {
  const values = [...new Set(keyed.flatMap((k) => (k.key === null ? [] : [k.key])))];
  const byKey = new Map<string, string[]>();
  const external = new Map<string, string | null>();
  if (!key || !values.length) return { byKey, externalOf: () => null };
  const base = db.selectFrom('companies').select(['id', 'inn', 'kpp', 'eik', 'external_id']);
  if (key === 'inn') {
    const rows = await base.where(inValues(db, 'inn', [...new Set(values.map((v) => v.split('/')[0]!))])).execute();
    for (const v of values) {
      const [inn, kpp] = v.split('/') as [string, string];
      const same = rows.filter((r) => r.inn === inn);
      const exact = kpp ? same.filter((r) => r.kpp === kpp) : same;
      const hits = kpp && !exact.length ? same.filter((r) => r.kpp === null) : exact;
      if (hits.length) byKey.set(v, hits.map((r) => r.id));
    }
    for (const r of rows) external.set(r.id, r.external_id ?? null);
  } else if (key === 'eik' || key === 'externalId') {
    const column = key === 'eik' ? 'eik' : 'external_id';
    const rows = await base.where(inValues(db, column, values)).execute();
    for (const r of rows) {
      const v = (key === 'eik' ? r.eik : r.external_id)!;
      byKey.set(v, [...(byKey.get(v) ?? []), r.id]);
      external.set(r.id, r.external_id ?? null);
    }
  } else if (key === 'email' || key === 'phone') {
    for (const [v, ids] of await idsByChild(db, 'company', key, values)) byKey.set(v, ids);
    const ids = [...new Set([...byKey.values()].flat())];
    if (ids.length) for (const r of await base.where(inValues(db, 'id', ids)).execute()) external.set(r.id, r.external_id ?? null);
  }
  return { byKey, externalOf: (id) => external.get(id) ?? null };
}

/** Which of the external ids other companies already have: external id -> company id. */
export async function externalIdsTaken(db: Executor, values: string[]): Promise<Map<string, string>> {
  if (!values.length) return new Map();
  const rows = await db.selectFrom('companies').select(['id', 'external_id']).where(inValues(db, 'external_id', [...new Set(values)])).execute();
  return new Map(rows.map((r) => [r.external_id!, r.id]));
}
