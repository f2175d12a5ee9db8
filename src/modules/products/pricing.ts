import { roundDiv, safe, SCALE, splitByWeights, toScaled } from '../../shared/money.js';

/** Pure bundle pricing. Quantities and coefficients are decimals (validated to 3 and 4 decimals). */

export interface ComponentPrice {
  /** minor units per unit, in the bundle's currency; null when the component has no price */
  unitPrice: number | null;
  /** decimal, at most 3 decimals */
  quantity: number;
}

const milli = (q: number): bigint => {
  const n = toScaled(q, SCALE.quantity);
  if (n === null) throw new RangeError(`quantity ${q} has more than 3 decimals`);
  return BigInt(n);
};

/**
 * Price of a bundle priced as "sum x coefficient": sum(component price x quantity) x coefficient,
 * computed exactly and rounded once, half up, to the minor unit. A component without a price counts as 0.
 */
export function bundlePrice(components: readonly ComponentPrice[], coefficient: number): number {
  const coef = toScaled(coefficient, SCALE.coefficient);
  if (coef === null) throw new RangeError(`coefficient ${coefficient} has more than 4 decimals`);
  const sum = components.reduce((acc, c) => acc + BigInt(c.unitPrice ?? 0) * milli(c.quantity), 0n);
  return safe(roundDiv(sum * BigInt(coef), BigInt(SCALE.quantity * SCALE.coefficient)));
}

export interface SplitPart<T> {
  component: T;
  /** component quantity x line quantity */
  quantity: number;
  /** minor units; the parts add up exactly to the line amount */
  amount: number;
}

/**
 * A bundle line split into its components for reports: each gets a share of the line amount proportional
 * to price x quantity (evenly by quantity when no component has a price); the shares sum exactly to the
 * line amount (largest remainder).
 */
export function bundleSplit<T extends ComponentPrice>(lineAmount: number, components: readonly T[], lineQuantity = 1): SplitPart<T>[] {
  const priced = components.some((c) => (c.unitPrice ?? 0) > 0);
  const weights = components.map((c) => safe(BigInt(priced ? (c.unitPrice ?? 0) : 1) * milli(c.quantity)));
  const amounts = splitByWeights(lineAmount, weights);
  const lineMilli = milli(lineQuantity);
  return components.map((component, i) => ({
    component,
    quantity: Number(milli(component.quantity) * lineMilli) / SCALE.quantity ** 2,
    amount: amounts[i]!,
  }));
}
