import { describe, expect, it } from 'vitest';
import { findLegalForm, isLegalForm, legalForms, normalizeCompanyName } from './legal-forms.js';

describe('legal forms', () => {
  it('lists the Russian and Bulgarian forms with unique abbreviations', () => {
    const abbrs = legalForms.map((f) => f.abbr);
    expect(new Set(abbrs).size).toBe(abbrs.length);
    expect(abbrs).toEqual(expect.arrayContaining(['ООО', 'АО', 'ПАО', 'ИП', 'ЕООД', 'ООД', 'АД', 'ЕТ']));
    expect(findLegalForm('ООО')).toMatchObject({ country: 'RU', okopf: '12300', individual: false });
    expect(findLegalForm('ИП')).toMatchObject({ country: 'RU', okopf: '50102', individual: true });
    expect(findLegalForm('ЕООД')).toMatchObject({ country: 'BG', latin: 'EOOD' });
    expect(isLegalForm('LLC')).toBe(false);
  });

  it.each([
    ['ООО «Ромашка»', 'ромашка'],
    ['Ромашка, ООО', 'ромашка'],
    ['"РОМАШКА"', 'ромашка'],
    ['Общество с ограниченной ответственностью "Ромашка"', 'ромашка'],
    ['ИП Иванов Иван Иванович', 'иванов иван иванович'],
    ['Софтуер ЕООД', 'софтуер'],
    ['Softuer EOOD', 'softuer'],
    ['Ёлка-Плюс АО', 'елка плюс'],
    ['ООО', 'ооо'],
    ['Пао Сад Ао', 'сад'],
  ])('normalises %s to %s', (name, expected) => expect(normalizeCompanyName(name)).toBe(expected));
});
