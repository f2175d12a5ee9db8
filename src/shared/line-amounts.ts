import { roundDiv, safe, SCALE, toScaled } from './money.js';

/** One priced line (a deal line, a proposal line): what the user enters. */
export interface LineInput {
  /** decimal, > 0, at most 3 decimals */
  quantity: number;
  /** minor units per unit, >= 0; gross when vatIncluded, net otherwise */
  unitPrice: number;
  /** percent, 0..100, at most 2 decimals */
  discountPercent?: number | null;
  /** minor units taken off the line after the percent discount */
  discountAmount?: number | null;
  /** VAT percent (22, 20, 9.5 ...; at most 2 decimals); null = not subject to VAT */
  vatRate: number | null;
  /** true: prices include VAT (VAT is extracted); false: VAT is added on top */
  vatIncluded: boolean;
}

/** All amounts in integer minor units of the line's currency. */
export interface LineAmounts {
  /** quantity x unit price, before discounts */
  amount: number;
  /** total discount (percent part + amount part) */
  discount: number;
  net: number;
  vat: number;
  gross: number;
}

export interface LineIssue {
  field: 'quantity' | 'unitPrice' | 'discountPercent' | 'discountAmount' | 'vatRate';
  code: string;
  message: string;
}

const isMoney = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** Problems of a line input, each naming its field; empty when the line can be computed. */
export function lineIssues(l: LineInput): LineIssue[] {
  const issues: LineIssue[] = [];
  const qty = toScaled(l.quantity, SCALE.quantity);
  if (qty === null || qty <= 0) issues.push({ field: 'quantity', code: 'line.quantity_invalid', message: 'must be a positive number with at most 3 decimals' });
  if (!isMoney(l.unitPrice)) issues.push({ field: 'unitPrice', code: 'line.price_invalid', message: 'must be a non-negative whole number of minor units' });
  if (l.discountPercent != null) {
    const p = toScaled(l.discountPercent, SCALE.percent);
    if (p === null || p < 0 || p > 100 * SCALE.percent) issues.push({ field: 'discountPercent', code: 'line.discount_percent_invalid', message: 'must be 0..100 with at most 2 decimals' });
  }
  if (l.discountAmount != null && !isMoney(l.discountAmount)) {
    issues.push({ field: 'discountAmount', code: 'line.discount_amount_invalid', message: 'must be a non-negative whole number of minor units' });
  }
  if (l.vatRate !== null) {
    const v = toScaled(l.vatRate, SCALE.percent);
    if (v === null || v < 0 || v > 100 * SCALE.percent) issues.push({ field: 'vatRate', code: 'line.vat_rate_invalid', message: 'must be 0..100 with at most 2 decimals, or null' });
  }
  if (issues.length) return issues;
  try {
    const a = compute(l);
    if (a.discount > a.amount) issues.push({ field: 'discountAmount', code: 'line.discount_too_large', message: 'the discount exceeds the line amount' });
  } catch {
    issues.push({ field: 'unitPrice', code: 'line.amount_too_large', message: 'the line amount is too large' });
  }
  return issues;
}

export class LineInputError extends Error {
  constructor(readonly issues: LineIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.name = 'LineInputError';
  }
}

function compute(l: LineInput): LineAmounts {
  const qty = BigInt(toScaled(l.quantity, SCALE.quantity)!);
  const amount = roundDiv(qty * BigInt(l.unitPrice), BigInt(SCALE.quantity));
  const pct = l.discountPercent ? roundDiv(amount * BigInt(toScaled(l.discountPercent, SCALE.percent)!), BigInt(100 * SCALE.percent)) : 0n;
  const discount = pct + BigInt(l.discountAmount ?? 0);
  const total = amount - discount;
  const bp = l.vatRate === null ? 0n : BigInt(toScaled(l.vatRate, SCALE.percent)!);
  const hundred = BigInt(100 * SCALE.percent);
  let net: bigint;
  let vat: bigint;
  if (l.vatIncluded) {
    vat = roundDiv(total * bp, hundred + bp);
    net = total - vat;
  } else {
    net = total;
    vat = roundDiv(total * bp, hundred);
  }
  return { amount: safe(amount), discount: safe(discount), net: safe(net), vat: safe(vat), gross: safe(net + vat) };
}

/**
 * Amounts of one line, rounded per line (as 1C does), half away from zero, at three points:
 *   amount   = round(quantity x unitPrice)
 *   discount = round(amount x discountPercent / 100) + discountAmount
 *   total    = amount - discount            (gross when vatIncluded, net otherwise)
 *   VAT included: vat = round(total x r / (100 + r)), net = total - vat, gross = total
 *   VAT on top:   net = total, vat = round(net x r / 100), gross = net + vat
 * No VAT (vatRate null) and 0 % both give vat = 0. Throws LineInputError (issues name the fields) on bad input.
 */
export function lineAmounts(l: LineInput): LineAmounts {
  const issues = lineIssues(l);
  if (issues.length) throw new LineInputError(issues);
  return compute(l);
}
