import { describe, expect, it } from 'vitest';
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
} from './taxids.js';

// Test vectors from shared/reference/domain.md (sections 1.1-1.5 and 2.3), plus a few computed
// cases marked "computed" that exercise branches the document describes without a vector.

describe('INN', () => {
  it.each([
    '7707083893',
    '7736050003',
    '7830002293',
    '6449013711',
    '1111111117',
    '500100732259',
    '635277570478',
    '123456789047',
  ])('accepts %s', (v) => expect(validateInn(v)).toBeNull());

  it.each([
    ['7707083890', 'inn_checksum'],
    ['7830002290', 'inn_checksum'],
    ['1234567890', 'inn_checksum'],
    ['500100732250', 'inn_checksum'],
    ['635277570473', 'inn_checksum'],
    ['123456789037', 'inn_checksum'],
    ['770708389', 'inn_length'],
    ['77070838931', 'inn_length'],
    ['77O7083893', 'inn_format'],
    ['', 'inn_format'],
  ])('rejects %s with %s', (v, code) => expect(validateInn(v)).toBe(code));

  it('ignores spaces and dashes typed between digit groups', () => {
    expect(validateInn(' 7707 083 893 ')).toBeNull();
    expect(validateInn('77-07-083893')).toBeNull();
    expect(normalizeTaxId(' 7707 083\u00a0893 ')).toBe('7707083893');
  });
});

describe('KPP', () => {
  it.each(['773601001', '771401001', '514944513', '0108A4934', '997250001', '7736 01 001'])('accepts %s', (v) =>
    expect(validateKpp(v)).toBeNull(),
  );

  it.each([
    ['7714010011', 'kpp_length'],
    ['7714010O1', 'kpp_format'],
    ['77140100', 'kpp_length'],
    ['A71401001', 'kpp_format'],
  ])('rejects %s with %s', (v, code) => expect(validateKpp(v)).toBe(code));
});

describe('OGRN', () => {
  it.each(['1027700132195', '1027700280937', '1022500001325', '1138218667113'])('accepts %s', (v) =>
    expect(validateOgrn(v)).toBeNull(),
  );

  it.each([
    ['1027700280938', 'ogrn_checksum'],
    ['1151232294621', 'ogrn_checksum'],
    ['1022500001328', 'ogrn_checksum'],
    ['102770013219', 'ogrn_length'],
    ['102770013219X', 'ogrn_format'],
    ['0027700132195', 'ogrn_prefix'],
  ])('rejects %s with %s', (v, code) => expect(validateOgrn(v)).toBe(code));
});

describe('OGRNIP', () => {
  it.each(['304500116000157', '315850060115169', '314833285032522'])('accepts %s', (v) =>
    expect(validateOgrnip(v)).toBeNull(),
  );

  it.each([
    ['304500116000154', 'ogrnip_checksum'],
    ['315850060115160', 'ogrnip_checksum'],
    ['30450011600015', 'ogrnip_length'],
    ['1027700132195', 'ogrnip_length'],
    ['104500116000157', 'ogrnip_prefix'],
    ['30450011600015a', 'ogrnip_format'],
  ])('rejects %s with %s', (v, code) => expect(validateOgrnip(v)).toBe(code));
});

describe('OKPO', () => {
  it.each([
    '00032537',
    '47296611',
    '60419873',
    '0194265277',
    // computed: first pass gives 10, the second pass (weights 3..10,1) gives the check digit
    '47296674',
    '0194265345',
  ])('accepts %s', (v) => expect(validateOkpo(v)).toBeNull());

  it.each([
    ['47296612', 'okpo_checksum'],
    // computed: what a 1..9 weight cycle would accept, but the official methodology does not
    ['0194265344', 'okpo_checksum'],
    ['472966', 'okpo_length'],
    ['019426527', 'okpo_length'],
    ['4729661A', 'okpo_format'],
  ])('rejects %s with %s', (v, code) => expect(validateOkpo(v)).toBe(code));
});

describe('OKVED2 code', () => {
  it.each(['62.01', '46.90', '47.91', '62', '62.0', '62.01.1', '62.01.12'])('accepts %s', (v) =>
    expect(validateOkved(v)).toBeNull(),
  );

  it.each(['6201', '62.012', '62.1.1', '6', 'A62.01', '62.01.123', ''])('rejects %s', (v) =>
    expect(validateOkved(v)).toBe('okved_format'),
  );
});

describe('Bulgarian EIK', () => {
  it.each(['020469788', '175074752', '103873594', '131272009', '831919536', '1213961230342'])('accepts %s', (v) =>
    expect(validateEik(v)).toBeNull(),
  );

  it.each([
    ['123456789', 'eik_checksum'],
    ['175074751', 'eik_checksum'],
    ['1213961230343', 'eik_checksum'],
    // computed: a valid 13-digit tail on an invalid 9-digit head
    ['1213961220342', 'eik_checksum'],
    ['17507475', 'eik_length'],
    ['17507475X', 'eik_format'],
  ])('rejects %s with %s', (v, code) => expect(validateEik(v)).toBe(code));
});

describe('Bulgarian VAT number', () => {
  it.each([
    'BG175074752',
    'BG8032056031',
    'bg 175 074 752',
    'BG020469788',
    // computed: valid only by the "other" 10-digit rule, not as an EGN
    'BG1234567892',
  ])('accepts %s', (v) =>
    expect(validateBgVat(v)).toBeNull(),
  );

  it.each([
    ['BG175074751', 'vat_checksum'],
    ['BG8032056030', 'vat_checksum'],
    ['175074752', 'vat_format'],
    ['RU175074752', 'vat_format'],
    ['BG12345678', 'vat_length'],
    ['BG12345678901', 'vat_length'],
  ])('rejects %s with %s', (v, code) => expect(validateBgVat(v)).toBe(code));
});
