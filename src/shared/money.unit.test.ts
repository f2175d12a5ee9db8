import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertMinor, formatMinor, isCurrencyCode, minorDigits, parseMinor, roundDiv, splitByWeights, toScaled } from './money.js';

describe('scaled decimals', () => {
  it('turns decimals into scaled integers without float noise, refusing extra decimals', () => {
    expect(toScaled(0.9, 10_000)).toBe(9000);
    expect(toScaled(1.15, 10_000)).toBe(11500);
    expect(toScaled(0.1 + 0.2, 1000)).toBeNull();
    expect(toScaled(1.2345, 1000)).toBeNull();
    expect(toScaled(95.123456, 1_000_000)).toBe(95123456);
    expect(toScaled(Number.NaN, 100)).toBeNull();
  });

  it('rounds half away from zero', () => {
    expect([roundDiv(5n, 2n), roundDiv(-5n, 2n), roundDiv(4n, 3n), roundDiv(5n, 3n), roundDiv(-5n, 3n), roundDiv(7n, -2n)]).toEqual([3n, -3n, 1n, 2n, -2n, -4n]);
  });
});

describe('currencies', () => {
  it('knows ISO codes and their minor digits', () => {
    expect(['RUB', 'EUR', 'BGN', 'USD'].every(isCurrencyCode)).toBe(true);
    expect(['rub', 'XYZ', 'RUBL', ''].some(isCurrencyCode)).toBe(false);
    expect([minorDigits('RUB'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 0, 3]);
  });

  it('formats and parses minor units', () => {
    expect(formatMinor(12345, 'RUB')).toBe('123.45');
    expect(formatMinor(-5, 'EUR')).toBe('-0.05');
    expect(formatMinor(500, 'JPY')).toBe('500');
    expect(parseMinor('1 234,5', 'RUB')).toBe(123450);
    expect(parseMinor('12.345', 'RUB')).toBeNull();
    expect(parseMinor('abc', 'RUB')).toBeNull();
  });

  it('converts by rates to the base currency, rounding once', () => {
    const eur = { digits: 2, rate: 95_500_000 };
    const rub = { digits: 2, rate: 1_000_000 };
    expect(convertMinor(10_000, eur, rub)).toBe(955_000);
    expect(convertMinor(100, rub, eur)).toBe(1);
    // 1 EUR = 1.95583 BGN (fixed rate), base BGN: 100.00 EUR -> 195.58 BGN, and back
    const eurInBgn = { digits: 2, rate: 1_955_830 };
    const bgn = { digits: 2, rate: 1_000_000 };
    expect(convertMinor(10_000, eurInBgn, bgn)).toBe(19_558);
    expect(convertMinor(19_558, bgn, eurInBgn)).toBe(10_000);
    expect(convertMinor(1000, { digits: 0, rate: 600_000 }, rub)).toBe(60_000);
  });
});

describe('splitByWeights', () => {
  it('splits proportionally and sums exactly', () => {
    expect(splitByWeights(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByWeights(1000, [0, 0])).toEqual([500, 500]);
    expect(splitByWeights(-100, [1, 2])).toEqual([-33, -67]);
    expect(splitByWeights(10, [3, 0, 1])).toEqual([8, 0, 2]);
  });

  it('always sums to the amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 12 }), (amount, weights) => {
        const parts = splitByWeights(amount, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
        expect(parts).toHaveLength(weights.length);
      }),
    );
  });
});
