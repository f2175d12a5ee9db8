import { describe, expect, it } from 'vitest';
import { lineAmounts, lineIssues, LineInputError } from './line-amounts.js';

describe('lineAmounts', () => {
  it('extracts VAT from gross amounts (domain test vectors, 122 000.00)', () => {
    const vat = (vatRate: number) => lineAmounts({ quantity: 1, unitPrice: 12_200_000, vatRate, vatIncluded: true }).vat;
    expect([22, 20, 10, 5, 7].map(vat)).toEqual([2_200_000, 2_033_333, 1_109_091, 580_952, 798_131]);
    expect(lineAmounts({ quantity: 1, unitPrice: 12_200_000, vatRate: 22, vatIncluded: true })).toEqual({
      amount: 12_200_000,
      discount: 0,
      net: 10_000_000,
      vat: 2_200_000,
      gross: 12_200_000,
    });
  });

  it('adds VAT on top of net prices', () => {
    expect(lineAmounts({ quantity: 3, unitPrice: 33_333, vatRate: 20, vatIncluded: false })).toEqual({ amount: 99_999, discount: 0, net: 99_999, vat: 20_000, gross: 119_999 });
    expect(lineAmounts({ quantity: 2, unitPrice: 1000, vatRate: null, vatIncluded: false })).toEqual({ amount: 2000, discount: 0, net: 2000, vat: 0, gross: 2000 });
    expect(lineAmounts({ quantity: 2, unitPrice: 1000, vatRate: 0, vatIncluded: true }).vat).toBe(0);
  });

  it('rounds fractional quantities and discounts half up', () => {
    // 1.5 x 0.33 = 0.495 -> 0.50
    expect(lineAmounts({ quantity: 1.5, unitPrice: 33, vatRate: null, vatIncluded: true }).amount).toBe(50);
    // 10 % of 1 005 = 100.5 -> 101, then 50 off
    expect(lineAmounts({ quantity: 1, unitPrice: 1005, discountPercent: 10, discountAmount: 50, vatRate: 20, vatIncluded: false })).toEqual({
      amount: 1005,
      discount: 151,
      net: 854,
      vat: 171,
      gross: 1025,
    });
    expect(lineAmounts({ quantity: 0.001, unitPrice: 499, vatRate: null, vatIncluded: false }).amount).toBe(0);
    expect(lineAmounts({ quantity: 0.001, unitPrice: 500, vatRate: null, vatIncluded: false }).amount).toBe(1);
  });

  it('names the bad fields', () => {
    const fields = (l: Parameters<typeof lineIssues>[0]) => lineIssues(l).map((i) => `${i.field}:${i.code}`);
    expect(fields({ quantity: 0, unitPrice: 1.5, discountPercent: 101, discountAmount: -1, vatRate: 22.005, vatIncluded: true })).toEqual([
      'quantity:line.quantity_invalid',
      'unitPrice:line.price_invalid',
      'discountPercent:line.discount_percent_invalid',
      'discountAmount:line.discount_amount_invalid',
      'vatRate:line.vat_rate_invalid',
    ]);
    expect(fields({ quantity: 1.0005, unitPrice: 1, vatRate: null, vatIncluded: true })).toEqual(['quantity:line.quantity_invalid']);
    expect(fields({ quantity: 1, unitPrice: 100, discountPercent: 50, discountAmount: 51, vatRate: null, vatIncluded: true })).toEqual(['discountAmount:line.discount_too_large']);
    expect(fields({ quantity: 1e9, unitPrice: Number.MAX_SAFE_INTEGER, vatRate: null, vatIncluded: true })).toEqual(['unitPrice:line.amount_too_large']);
    expect(() => lineAmounts({ quantity: -1, unitPrice: 1, vatRate: null, vatIncluded: true })).toThrow(LineInputError);
  });
});
