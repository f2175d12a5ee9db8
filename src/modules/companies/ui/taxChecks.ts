import { findLegalForm } from '../../../shared/legal-forms.js';
import {
  normalizeTaxId,
  validateBgVat,
  validateEik,
  validateInn,
  validateKpp,
  validateOgrn,
  validateOgrnip,
  validateOkpo,
  validateOkved,
} from '../../../shared/taxids.js';

export const taxFields = ['inn', 'kpp', 'ogrn', 'okpo', 'eik', 'vatNumber'] as const;
export type TaxField = (typeof taxFields)[number];

const checks: Record<TaxField, (v: string) => string | null> = {
  inn: validateInn,
  kpp: validateKpp,
  ogrn: (v) => (normalizeTaxId(v).length === 15 ? validateOgrnip(v) : validateOgrn(v)),
  okpo: validateOkpo,
  eik: validateEik,
  vatNumber: (v) => {
    const n = normalizeTaxId(v);
    if (n.startsWith('BG')) return validateBgVat(n);
    return /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(n) ? null : 'vat_format';
  },
};

/** Longest valid length of each id: a shorter value may still be being typed. */
const maxLength: Record<TaxField, number> = { inn: 12, kpp: 9, ogrn: 15, okpo: 10, eik: 13, vatNumber: 15 };

/**
 * Problems with the typed tax ids, as translation keys under `taxids.` (e.g. 'inn_checksum').
 * While a field has focus, "too short" is not reported yet: the user is still typing.
 */
export function taxIdProblems(values: Record<TaxField, string> & { legalForm: string | null; okvedMain: string; okvedExtra: string[] }, typing: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of taxFields) {
    const raw = values[f].trim();
    if (!raw) continue;
    const problem = checks[f](raw);
    const short = normalizeTaxId(raw).length < maxLength[f];
    if (problem && !(typing === f && short && /_length$/.test(problem))) out[f] = problem;
  }
  if (values.okvedMain.trim() && validateOkved(values.okvedMain)) out.okvedMain = 'okved_format';
  const badExtra = values.okvedExtra.find((c) => validateOkved(c));
  if (badExtra) out.okvedExtra = 'okved_format';

  const form = values.legalForm ? findLegalForm(values.legalForm) : undefined;
  const inn = normalizeTaxId(values.inn);
  if (!out.inn && form && inn.length === 12 && !form.individual) out.inn = 'inn_individual';
  if (!out.inn && form?.individual && inn.length === 10) out.inn = 'inn_not_individual';
  if (!out.kpp && form?.individual && values.kpp.trim()) out.kpp = 'kpp_individual';
  return out;
}
