/**
 * Russian and Bulgarian company identifiers: normalisation and check-digit validation.
 * Pure functions (no node imports): the server validates with them and the UI validates as the user types.
 * Every validator returns null when the value is valid, or a stable error code the UI translates.
 * Algorithms and test vectors: shared/reference/domain.md sections 1 and 2.3.
 */

export type TaxIdError =
  | 'inn_format'
  | 'inn_length'
  | 'inn_checksum'
  | 'kpp_format'
  | 'kpp_length'
  | 'ogrn_format'
  | 'ogrn_length'
  | 'ogrn_prefix'
  | 'ogrn_checksum'
  | 'ogrnip_format'
  | 'ogrnip_length'
  | 'ogrnip_prefix'
  | 'ogrnip_checksum'
  | 'okpo_format'
  | 'okpo_length'
  | 'okpo_checksum'
  | 'okved_format'
  | 'eik_format'
  | 'eik_length'
  | 'eik_checksum'
  | 'vat_format'
  | 'vat_length'
  | 'vat_checksum';

/** Removes the spaces, dashes and dots people type between groups of digits; upper-cases letters. */
export function normalizeTaxId(value: string): string {
  return value.replace(/[\s\u00a0.-]+/g, '').toUpperCase();
}

const digitsOf = (s: string): number[] => [...s].map(Number);

/** Σ dᵢ·wᵢ over the first weights.length digits. */
const weighted = (d: number[], weights: readonly number[]): number =>
  weights.reduce((sum, w, i) => sum + w * d[i]!, 0);

type DigitsId = 'inn' | 'ogrn' | 'ogrnip' | 'okpo' | 'eik';

/** Format (digits only) and length errors shared by the all-digit identifiers. */
function shapeError(value: string, prefix: DigitsId, lengths: readonly number[]): TaxIdError | null {
  if (!/^\d+$/.test(value)) return `${prefix}_format`;
  if (!lengths.includes(value.length)) return `${prefix}_length`;
  return null;
}

const INN10 = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;

/** INN: 10 digits (organisation) or 12 digits (individual, sole proprietor). */
export function validateInn(input: string): TaxIdError | null {
  const v = normalizeTaxId(input);
  const shape = shapeError(v, 'inn', [10, 12]);
  if (shape) return shape;
  const d = digitsOf(v);
  if (d.length === 10) return (weighted(d, INN10) % 11) % 10 === d[9] ? null : 'inn_checksum';
  const n11 = (weighted(d, INN11) % 11) % 10;
  const n12 = (weighted(d, INN12) % 11) % 10;
  return n11 === d[10] && n12 === d[11] ? null : 'inn_checksum';
}

/** KPP: NNNN PP XXX, the reason code PP may hold capital Latin letters; no check digit. */
export function validateKpp(input: string): TaxIdError | null {
  const v = normalizeTaxId(input);
  if (v.length !== 9) return 'kpp_length';
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(v) ? null : 'kpp_format';
}

/** OGRN (13 digits, first digit 1 or 5): check = (first 12 digits mod 11) mod 10. */
export function validateOgrn(input: string): TaxIdError | null {
  const v = normalizeTaxId(input);
  const shape = shapeError(v, 'ogrn', [13]);
  if (shape) return shape;
  if (v[0] !== '1' && v[0] !== '5') return 'ogrn_prefix';
  return Number((BigInt(v.slice(0, 12)) % 11n) % 10n) === Number(v[12]) ? null : 'ogrn_checksum';
}

/** OGRNIP (15 digits, first digit 3): check = (first 14 digits mod 13) mod 10. */
export function validateOgrnip(input: string): TaxIdError | null {
  const v = normalizeTaxId(input);
  const shape = shapeError(v, 'ogrnip', [15]);
  if (shape) return shape;
  if (v[0] !== '3') return 'ogrnip_prefix';
  return Number((BigInt(v.slice(0, 14)) % 13n) % 10n) === Number(v[14]) ? null : 'ogrnip_checksum';
}

/** OKPO check digit by the official methodology: weights 1..10 cycling, second pass shifted by two. */
function okpoCheckDigit(body: number[]): number {
  const pass = (shift: number) => body.reduce((s, d, i) => s + d * (((i + shift) % 10) + 1), 0) % 11;
  const first = pass(0);
  if (first < 10) return first;
  const second = pass(2);
  return second < 10 ? second : 0;
}

/** OKPO: 8 digits (organisations) or 10 digits (sole proprietors and others). */
export function validateOkpo(input: string): TaxIdError | null {
  const v = normalizeTaxId(input);
  const shape = shapeError(v, 'okpo', [8, 10]);
  if (shape) return shape;
  const d = digitsOf(v);
  return okpoCheckDigit(d.slice(0, -1)) === d[d.length - 1] ? null : 'okpo_checksum';
}

/** OKVED2 code: XX, XX.X, XX.XX, XX.XX.X or XX.XX.XX. */
export function validateOkved(input: string): TaxIdError | null {
  return /^\d{2}(\.\d(\d(\.\d(\d)?)?)?)?$/.test(input.replace(/\s+/g, '')) ? null : 'okved_format';
}

function eik9Check(d: number[]): number {
  const first = d.slice(0, 8).reduce((s, x, i) => s + x * (i + 1), 0) % 11;
  if (first < 10) return first;
  const second = d.slice(0, 8).reduce((s, x, i) => s + x * (i + 3), 0) % 11;
  return second < 10 ? second : 0;
}

function eik13Check(d: number[]): number {
  const part = d.slice(8, 12);
  const first = weighted(part, [2, 7, 3, 5]) % 11;
  if (first < 10) return first;
  const second = weighted(part, [4, 9, 5, 7]) % 11;
  return second < 10 ? second : 0;
}

/** Bulgarian EIK/BULSTAT: 9 digits, or 13 digits for branches (the first 9 are a valid EIK). */
export function validateEik(input: string): TaxIdError | null {
  const v = normalizeTaxId(input);
  const shape = shapeError(v, 'eik', [9, 13]);
  if (shape) return shape;
  const d = digitsOf(v);
  if (eik9Check(d) !== d[8]) return 'eik_checksum';
  if (d.length === 13 && eik13Check(d) !== d[12]) return 'eik_checksum';
  return null;
}

const EGN_WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3, 6] as const;
const OTHER_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** BG VAT number: "BG" + 9-digit EIK (companies) or "BG" + 10 digits (EGN or an "other" number). */
export function validateBgVat(input: string): TaxIdError | null {
  const v = normalizeTaxId(input);
  const m = /^BG(\d+)$/.exec(v);
  if (!m) return 'vat_format';
  const num = m[1]!;
  if (num.length === 9) return validateEik(num) ? 'vat_checksum' : null;
  if (num.length !== 10) return 'vat_length';
  const d = digitsOf(num);
  const egn = (weighted(d, EGN_WEIGHTS) % 11) % 10;
  const other = (11 - (weighted(d, OTHER_WEIGHTS) % 11)) % 11;
  return egn === d[9] || other === d[9] ? null : 'vat_checksum';
}
