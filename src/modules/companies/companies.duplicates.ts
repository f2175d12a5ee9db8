import type { Executor } from '../../platform/db/database.js';
import type { DuplicateCandidate, DuplicateReason } from './companies.schema.js';
import { ENTITY } from './companies.repository.js';
import { textMatch } from './companies.query.js';

/** Finding companies that are probably the same as one being entered. */

export interface DuplicateProbe {
  inn?: string | null;
  kpp?: string | null;
  eik?: string | null;
  phonesE164?: string[];
  emails?: string[];
  /** normalizeCompanyName() of the name */
  nameNormalized?: string | null;
}

const CANDIDATES_PER_REASON = 20;
const NAME_CANDIDATES = 100;
export const NAME_SIMILARITY = 0.85;

/** Levenshtein distance (two rows, O(min(a,b)) memory). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length < b.length) [a, b] = [b, a];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  return len === 0 ? 1 : 1 - levenshtein(a, b) / len;
}

/**
 * FTS tokens that find names within one or two typos of the given one: each word of the
 * normalised name as a prefix of its first ~60% (the tail is where a typo may sit).
 */
function nameTokens(nameNormalized: string): string[] {
  return nameNormalized
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((w) => (w.length <= 3 ? w : w.slice(0, Math.max(3, Math.ceil(w.length * 0.6)))));
}

/**
 * Candidates by strongest reason first (INN, EIK, phone, e-mail, name), each company once,
 * limited to the owners the caller may read (null = all).
 */
export async function findDuplicates(db: Executor, probe: DuplicateProbe, owners: string[] | null, excludeId?: string): Promise<DuplicateCandidate[]> {
  if (owners && owners.length === 0) return [];
  const base = () => {
    let q = db.selectFrom('companies').select(['companies.id', 'companies.name', 'companies.inn', 'companies.name_normalized']);
    if (owners) q = q.where('companies.owner_id', 'in', owners);
    if (excludeId) q = q.where('companies.id', '<>', excludeId);
    return q.limit(CANDIDATES_PER_REASON);
  };
  const found = new Map<string, DuplicateCandidate>();
  const add = (rows: { id: string; name: string; inn: string | null }[], reason: DuplicateReason) => {
    for (const r of rows) if (!found.has(r.id)) found.set(r.id, { id: r.id, name: r.name, inn: r.inn, reason });
  };

  if (probe.inn) {
    let q = base().where('companies.inn', '=', probe.inn);
    const kpp = probe.kpp;
    if (kpp) q = q.where((eb) => eb.or([eb('companies.kpp', 'is', null), eb('companies.kpp', '=', kpp)]));
    add(await q.execute(), 'inn');
  }
  if (probe.eik) add(await base().where('companies.eik', '=', probe.eik).execute(), 'eik');
  if (probe.phonesE164?.length) {
    const phones = probe.phonesE164;
    add(
      await base()
        .where('companies.id', 'in', (eb) => eb.selectFrom('phones').select('entity_id').where('entity', '=', ENTITY).where('e164', 'in', phones))
        .execute(),
      'phone',
    );
  }
  if (probe.emails?.length) {
    const emails = probe.emails;
    add(
      await base()
        .where('companies.id', 'in', (eb) => eb.selectFrom('emails').select('entity_id').where('entity', '=', ENTITY).where('email', 'in', emails))
        .execute(),
      'email',
    );
  }
  const name = probe.nameNormalized;
  if (name) {
    const exact = await base().where('companies.name_normalized', '=', name).execute();
    const tokens = nameTokens(name);
    const fuzzy = tokens.length ? await base().where(textMatch(db, tokens)).limit(NAME_CANDIDATES).execute() : [];
    add(
      [...exact, ...fuzzy].filter((r) => similarity(r.name_normalized, name) >= NAME_SIMILARITY),
      'name',
    );
  }
  return [...found.values()];
}
