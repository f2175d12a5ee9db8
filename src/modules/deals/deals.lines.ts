import type { Executor } from '../../platform/db/database.js';
import type { LineColumns } from '../../platform/db/schema.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { fromScaled, SCALE, toScaled } from '../../shared/money.js';
import { lineIssues, lineAmounts } from '../../shared/line-amounts.js';
import { priceOf, readProduct } from '../products/index.js';
import type { DealLine, DealLineInput, Totals } from './deals.schema.js';

/**
 * Priced lines of deals and documents: catalog defaults (name, price in the deal's currency, VAT rate,
 * bundle components), amounts by the shared line rules, and the row <-> API mapping.
 */

export type LineValues = Omit<LineColumns, 'id' | 'sort'>;

interface CatalogLine {
  name: string;
  unitPrice: number | null;
  vatRate: number | null;
  kind: string;
  components: { productId: string; name: string; quantity: number }[] | null;
}

/**
 * The catalog's view of a line's product. A line that gives its own name, price and VAT rate only needs the
 * product to exist (an old line of a since deactivated product can be saved again); otherwise the price in
 * `currency` is looked up. Catalog errors become issues of the line's productId.
 */
async function catalogLine(db: Executor, l: DealLineInput & { productId: string }, currency: string, field: string): Promise<CatalogLine | FieldIssue> {
  try {
    if (l.name !== undefined && l.unitPrice !== undefined && l.vatRate !== undefined) {
      const p = await readProduct(db, l.productId);
      return { name: p.name, unitPrice: null, vatRate: p.vatRate, kind: p.kind, components: p.kind === 'bundle' ? p.components : null };
    }
    const p = await priceOf(db, l.productId, { currency });
    return { name: p.name, unitPrice: p.unitPrice, vatRate: p.vatRate, kind: p.kind, components: p.components ?? null };
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const unknown = err.code === 'product.not_found';
    return { field, code: unknown ? 'deal.product_unknown' : err.code, message: unknown ? 'no such product' : err.message };
  }
}

/**
 * Prices the lines of a deal or document in `currency`; throws one 422 naming every bad field
 * (`lines.2.quantity`, `lines.0.productId`, ...).
 */
export async function priceLines(db: Executor, inputs: DealLineInput[], currency: string): Promise<LineValues[]> {
  const issues: FieldIssue[] = [];
  const out: LineValues[] = [];
  for (const [i, l] of inputs.entries()) {
    const at = (f: string) => `lines.${i}.${f}`;
    let product: CatalogLine | null = null;
    if (l.productId) {
      const found = await catalogLine(db, { ...l, productId: l.productId }, currency, at('productId'));
      if ('field' in found) {
        issues.push(found);
        continue;
      }
      product = found;
    }
    const name = l.name ?? product?.name;
    const unitPrice = l.unitPrice ?? product?.unitPrice ?? undefined;
    const vatRate = l.vatRate !== undefined ? l.vatRate : (product?.vatRate ?? null);
    if (name === undefined) issues.push({ field: at('name'), code: 'validation.required', message: 'is required for a line without a product' });
    if (unitPrice === undefined) issues.push({ field: at('unitPrice'), code: 'validation.required', message: 'is required for a line without a product' });
    if (name === undefined || unitPrice === undefined) continue;
    const line = { quantity: l.quantity, unitPrice, discountPercent: l.discountPercent ?? null, discountAmount: l.discountAmount ?? null, vatRate, vatIncluded: l.vatIncluded };
    const bad = lineIssues(line);
    if (bad.length) {
      issues.push(...bad.map((b) => ({ ...b, field: at(b.field) })));
      continue;
    }
    const a = lineAmounts(line);
    const isBundle = product?.kind === 'bundle';
    out.push({
      product_id: l.productId ?? null,
      name,
      quantity: toScaled(l.quantity, SCALE.quantity)!,
      unit_price: unitPrice,
      discount_percent: line.discountPercent === null ? null : toScaled(line.discountPercent, SCALE.percent),
      discount_amount: line.discountAmount,
      vat_rate: vatRate === null ? null : toScaled(vatRate, SCALE.percent),
      vat_included: l.vatIncluded ? 1 : 0,
      net: a.net,
      vat: a.vat,
      gross: a.gross,
      is_bundle: isBundle ? 1 : 0,
      components: isBundle && product?.components ? JSON.stringify(product.components.map((c) => ({ productId: c.productId, name: c.name, quantity: c.quantity }))) : null,
    });
  }
  if (issues.length) throw AppError.validation(issues);
  return out;
}

export function toLine(r: LineColumns): DealLine {
  return {
    id: r.id,
    productId: r.product_id,
    name: r.name,
    quantity: fromScaled(Number(r.quantity), SCALE.quantity),
    unitPrice: Number(r.unit_price),
    discountPercent: r.discount_percent === null ? null : fromScaled(r.discount_percent, SCALE.percent),
    discountAmount: r.discount_amount === null ? null : Number(r.discount_amount),
    vatRate: r.vat_rate === null ? null : fromScaled(r.vat_rate, SCALE.percent),
    vatIncluded: r.vat_included === 1,
    net: Number(r.net),
    vat: Number(r.vat),
    gross: Number(r.gross),
    isBundle: r.is_bundle === 1,
    components: r.components ? (JSON.parse(r.components) as DealLine['components']) : null,
  };
}

/** The input that recreates a stored line (to copy deal lines into a document). */
export function lineInputOf(l: DealLine): DealLineInput {
  return {
    productId: l.productId,
    name: l.name,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPercent: l.discountPercent,
    discountAmount: l.discountAmount,
    vatRate: l.vatRate,
    vatIncluded: l.vatIncluded,
  };
}

export const totalsOf = (lines: { net: number; vat: number; gross: number }[]): Totals =>
  lines.reduce((t, l) => ({ net: t.net + Number(l.net), vat: t.vat + Number(l.vat), gross: t.gross + Number(l.gross) }), { net: 0, vat: 0, gross: 0 });

/** What the history records of a line. */
export const lineSummary = (l: DealLine) =>
  `${l.name} × ${l.quantity} @ ${l.unitPrice}${l.discountPercent ? ` -${l.discountPercent}%` : ''}${l.discountAmount ? ` -${l.discountAmount}` : ''} = ${l.gross}`;
