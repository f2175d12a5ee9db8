import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../../web/api.js';
import { normalizeTaxId, validateEik, validateInn } from '../../../shared/taxids.js';
import type { DuplicateCandidate } from '../companies.schema.js';
import type { CompanyValues } from './companyForm.js';

/** One row per company with every reason it matched. */
export interface DuplicateMatch {
  id: string;
  name: string;
  inn: string | null;
  reasons: DuplicateCandidate['reason'][];
}

export function groupCandidates(candidates: DuplicateCandidate[], exceptId?: string): DuplicateMatch[] {
  const byId = new Map<string, DuplicateMatch>();
  for (const c of candidates) {
    if (c.id === exceptId) continue;
    const m = byId.get(c.id) ?? { id: c.id, name: c.name, inn: c.inn, reasons: [] };
    if (!m.reasons.includes(c.reason)) m.reasons.push(c.reason);
    byId.set(c.id, m);
  }
  return [...byId.values()];
}

/** Companies that look like the one being typed (same INN/EIK/phone/e-mail or a similar name), debounced. */
export function useCompanyDuplicates(v: CompanyValues, exceptId?: string): DuplicateMatch[] {
  const inn = normalizeTaxId(v.inn);
  const eik = normalizeTaxId(v.eik);
  const probe = {
    name: v.name.trim().length >= 3 ? v.name.trim() : undefined,
    inn: inn && !validateInn(inn) ? inn : undefined,
    eik: eik && !validateEik(eik) ? eik : undefined,
    phone: v.phones.map((p) => p.raw.trim()).find((p) => p.replace(/\D/g, '').length >= 6),
    email: v.emails.map((e) => e.email.trim()).find((e) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)),
  };
  const [key] = useDebouncedValue(JSON.stringify(probe), 500);
  const debounced = JSON.parse(key) as typeof probe;
  const any = Object.values(debounced).some(Boolean);
  const q = useQuery({
    queryKey: ['companies', 'duplicates', key],
    queryFn: () => get<{ candidates: DuplicateCandidate[] }>('/companies/duplicates', debounced),
    enabled: any,
    staleTime: 30_000,
  });
  return any ? groupCandidates(q.data?.candidates ?? [], exceptId) : [];
}
