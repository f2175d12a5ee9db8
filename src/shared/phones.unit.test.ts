import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone } from './phones.js';

type Country = 'RU' | 'BG';

describe('normalizePhone', () => {
  it.each<[string, Country, string]>([
    ['+7 (495) 123-45-67', 'RU', '+74951234567'],
    ['8 (495) 123-45-67', 'RU', '+74951234567'],
    ['84951234567', 'RU', '+74951234567'],
    ['(495) 123-45-67', 'RU', '+74951234567'],
    ['8 800 100-12-34', 'RU', '+78001001234'],
    ['+7 916 123 45 67', 'BG', '+79161234567'],
    ['0888 123 456', 'BG', '+359888123456'],
    ['032 123 456', 'BG', '+35932123456'],
    ['+359 32 123 456', 'RU', '+35932123456'],
  ])('reads %s (default %s) as %s', (raw, country, e164) => {
    expect(normalizePhone(raw, country)).toEqual({ raw, e164, ext: null });
  });

  it.each<[string, Country, string]>([
    ['00359 32 123 456', 'RU', '+35932123456'],
    ['00359 32 123 456', 'BG', '+35932123456'],
    ['00 359 888 123 456', 'RU', '+359888123456'],
    ['00-359-888-123-456', 'RU', '+359888123456'],
    ['(00359) 888 123 456', 'RU', '+359888123456'],
    ['007 495 123-45-67', 'RU', '+74951234567'],
    ['00 7 495 123-45-67', 'BG', '+74951234567'],
    ['0044 20 7946 0958', 'RU', '+442079460958'],
  ])('reads the 00 international prefix in %s (default %s) as %s', (raw, country, e164) => {
    expect(normalizePhone(raw, country).e164).toBe(e164);
    expect(normalizePhone(raw.replace(/^\(?00[\s-]*/, '+'), country).e164).toBe(e164);
  });

  it.each<[string, string]>([
    ['8 10 359 32 123 456', '+35932123456'],
    ['8-10-359-888-123-456', '+359888123456'],
    ['810 359 888 123 456', '+359888123456'],
    ['8~10~359 888 123 456', '+359888123456'],
    ['8 10 7 495 123 45 67', '+74951234567'],
    ['8 10 44 20 7946 0958', '+442079460958'],
  ])('reads the Russian 8 10 prefix in %s with the default country RU', (raw, e164) => {
    expect(normalizePhone(raw, 'RU')).toEqual({ raw, e164, ext: null });
  });

  it('does not read 8 10 as an international prefix outside Russia', () => {
    expect(normalizePhone('8 10 359 32 123 456', 'BG').e164).toBeNull();
  });

  it.each<[string, Country, string, string]>([
    ['+7 495 123-45-67 доб. 123', 'RU', '+74951234567', '123'],
    ['8 (495) 123-45-67 вн. 7', 'RU', '+74951234567', '7'],
    ['8 495 123 45 67 добавочный 45', 'RU', '+74951234567', '45'],
    ['+7 800 100-12-34 ext. 5', 'RU', '+78001001234', '5'],
    ['00359 32 123 456 вътр. 12', 'RU', '+35932123456', '12'],
    ['00359 888 123 456 доб. 12', 'BG', '+359888123456', '12'],
    ['8 10 359 888 123 456 ext 5', 'RU', '+359888123456', '5'],
    ['032 123 456 вътр. 21', 'BG', '+35932123456', '21'],
  ])('keeps the extension of %s (default %s)', (raw, country, e164, ext) => {
    expect(normalizePhone(raw, country)).toEqual({ raw, e164, ext });
  });

  it('trims the raw text it returns', () => {
    expect(normalizePhone('  00359 32 123 456 ', 'RU')).toEqual({ raw: '00359 32 123 456', e164: '+35932123456', ext: null });
  });

  it.each<[string, Country]>([
    ['', 'RU'],
    ['   ', 'BG'],
    ['abc', 'RU'],
    ['00', 'RU'],
    ['000 359 32 123 456', 'RU'],
    ['0088 123', 'RU'],
    ['00359 12', 'BG'],
    ['8 10', 'RU'],
    ['8 1012345678', 'RU'],
    ['8 (495) 123-45', 'RU'],
    ['+7 (499) 000-00-00 1', 'RU'],
    ['0888 123', 'BG'],
  ])('rejects %j (default %s)', (raw, country) => {
    expect(normalizePhone(raw, country)).toEqual({ raw: raw.trim(), e164: null, ext: null });
  });
});

describe('formatPhone', () => {
  it('shows numbers of the user country nationally and others internationally', () => {
    expect(formatPhone('+74951234567', 'RU')).toBe('8 (495) 123-45-67');
    expect(formatPhone('+359888123456', 'BG')).toBe('088 812 3456');
    expect(formatPhone('+359888123456', 'RU')).toBe('+359 88 812 3456');
    expect(formatPhone('not a phone')).toBe('not a phone');
  });
});
