import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundlePrice, bundleSplit } from './pricing.js';

describe('bundlePrice', () => {
  it('sums components x quantities and applies the coefficient, rounding once half up', () => {
    const components = [
      { unitPrice: 100_000, quantity: 1 },
      { unitPrice: 33_333, quantity: 2 },
      { unitPrice: 9_999, quantity: 0.5 },
    ];
    // sum = 100000 + 66666 + 4999.5 = 171665.5; x 0.9 = 154498.95 -> 154499
    expect(bundlePrice(components, 0.9)).toBe(154_499);
    expect(bundlePrice(components, 1)).toBe(171_666);
    expect(bundlePrice(components, 1.15)).toBe(197_415);
    expect(bundlePrice([{ unitPrice: null, quantity: 3 }, { unitPrice: 1, quantity: 0.001 }], 1)).toBe(0);
    expect(bundlePrice([], 0.9)).toBe(0);
  });

  it('refuses decimals beyond the stored precision', () => {
    expect(() => bundlePrice([{ unitPrice: 1, quantity: 1.0001 }], 1)).toThrow(RangeError);
    expect(() => bundlePrice([{ unitPrice: 1, quantity: 1 }], 0.12345)).toThrow(RangeError);
  });
});

describe('bundleSplit', () => {
  it('splits a line amount proportionally to component price x quantity, summing exactly', () => {
    // exact shares 90 000.03, 59 999.42, 4 499.55: the one unit left goes to the largest fraction (c)
    const parts = bundleSplit(154_499, [
      { id: 'a', unitPrice: 100_000, quantity: 1 },
      { id: 'b', unitPrice: 33_333, quantity: 2 },
      { id: 'c', unitPrice: 9_999, quantity: 0.5 },
    ]);
    expect(parts.map((p) => [p.component.id, p.quantity, p.amount])).toEqual([
      ['a', 1, 90_000],
      ['b', 2, 59_999],
      ['c', 0.5, 4_500],
    ]);
  });

  it('multiplies quantities by the line quantity and splits evenly without prices', () => {
    const parts = bundleSplit(100, [
      { unitPrice: null, quantity: 1 },
      { unitPrice: 0, quantity: 2 },
    ], 1.5);
    expect(parts.map((p) => [p.quantity, p.amount])).toEqual([
      [1.5, 33],
      [3, 67],
    ]);
  });

  it('always sums to the line amount (property)', () => {
    const component = fc.record({ unitPrice: fc.option(fc.integer({ min: 0, max: 1e9 })), quantity: fc.integer({ min: 1, max: 1e6 }).map((n) => n / 1000) });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(component, { minLength: 1, maxLength: 8 }), (amount, components) => {
        expect(bundleSplit(amount, components).reduce((a, p) => a + p.amount, 0)).toBe(amount);
      }),
    );
  });
});
