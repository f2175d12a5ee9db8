import { describe, expect, it } from 'vitest';
import { keyFromLabel } from './slug.js';

describe('keyFromLabel', () => {
  it('transliterates Cyrillic labels into a valid key', () => {
    expect(keyFromLabel('Источник лида')).toBe('istochnik_lida');
    expect(keyFromLabel('Брой служители')).toBe('broy_sluzhiteli');
  });

  it('keeps latin words and digits, drops leading digits and punctuation', () => {
    expect(keyFromLabel('  2nd Phone (mobile)! ')).toBe('nd_phone_mobile');
    expect(keyFromLabel('VAT rate, %')).toBe('vat_rate');
  });

  it('returns an empty key when nothing usable is left', () => {
    expect(keyFromLabel('123 — %')).toBe('');
  });

  it('always matches the key rule of the API', () => {
    for (const s of ['Ёлка', 'Объём, м³', 'a'.repeat(100), 'Щека']) {
      const k = keyFromLabel(s);
      expect(k).toMatch(/^[a-z][a-z0-9_]{0,62}$/);
    }
  });
});
