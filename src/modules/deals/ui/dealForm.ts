import { lineAmounts, lineIssues, type LineAmounts, type LineIssue } from '../../../shared/line-amounts.js';
import { minorDigits, toScaled } from '../../../shared/money.js';
import type { AmountMode, DealDetail, DealLine, DealType } from '../deals.schema.js';

/** VAT rates offered by the line editor (percent): RU 22 (from 2026) / 10 / 5 / 7, BG 20 / 9, and 0. */
export const vatRates = [22, 20, 10, 9, 7, 5, 0] as const;
/** The "not subject to VAT" choice of the VAT select. */
export const NO_VAT = 'none';

/** One product line as typed: strings and numbers of the inputs; prices in major units (rubles, euros). */
export interface LineRow {
  key: string;
  productId: string | null;
  isBundle: boolean;
  name: string;
  quantity: number | string;
  unitPrice: number | string;
  discountPercent: number | string;
  /** a rate as text, or NO_VAT */
  vatRate: string;
  vatIncluded: boolean;
}

export interface DealValues {
  title: string;
  company: { id: string; name: string } | null;
  contactIds: string[];
  pipelineId: string | null;
  stageId: string | null;
  ownerId: string | null;
  type: DealType;
  sourceChannel: string;
  sourceCampaign: string;
  currency: string;
  expectedCloseDate: string;
  /** null: the stage's probability */
  probability: number | null;
  amountMode: AmountMode;
  /** major units, used when amountMode is manual */
  amount: number | string;
  lostReasonId: string | null;
  lostComment: string;
  lines: LineRow[];
}

let seq = 0;
export const newLineKey = () => `line-${++seq}`;

export const emptyLine = (vatRate: string): LineRow => ({
  key: newLineKey(),
  productId: null,
  isBundle: false,
  name: '',
  quantity: 1,
  unitPrice: '',
  discountPercent: '',
  vatRate,
  vatIncluded: false,
});

const toMajor = (minor: number, currency: string) => minor / 10 ** minorDigits(currency);
/** Major units as typed -> minor units; null when empty or with more decimals than the currency has. */
export const toMinor = (v: number | string, currency: string): number | null => (v === '' || v === null ? null : toScaled(Number(v), 10 ** minorDigits(currency)));

export function lineRowOf(l: DealLine, currency: string): LineRow {
  return {
    key: newLineKey(),
    productId: l.productId,
    isBundle: l.isBundle,
    name: l.name,
    quantity: l.quantity,
    unitPrice: toMajor(l.unitPrice, currency),
    discountPercent: l.discountPercent ?? '',
    vatRate: l.vatRate === null ? NO_VAT : String(l.vatRate),
    vatIncluded: l.vatIncluded,
  };
}

export function valuesOf(d: DealDetail): DealValues {
  return {
    title: d.title,
    company: d.companyId ? { id: d.companyId, name: d.companyName ?? '' } : null,
    contactIds: d.contacts.map((c) => c.id),
    pipelineId: d.pipelineId,
    stageId: d.stageId,
    ownerId: d.ownerId,
    type: d.type,
    sourceChannel: d.sourceChannel ?? '',
    sourceCampaign: d.sourceCampaign ?? '',
    currency: d.currency,
    expectedCloseDate: d.expectedCloseDate ?? '',
    probability: d.probabilityManual ? d.probability : null,
    amountMode: d.amountMode,
    amount: toMajor(d.amount, d.currency),
    lostReasonId: d.lostReasonId,
    lostComment: d.lostComment ?? '',
    lines: d.lines.map((l) => lineRowOf(l, d.currency)),
  };
}

const isBlankLine = (l: LineRow) => !l.productId && !l.name.trim() && l.unitPrice === '';

/** The line as the shared amount rules take it, or the problems that prevent computing it. */
export function lineInputOf(l: LineRow, currency: string) {
  const unitPrice = toMinor(l.unitPrice, currency);
  const input = {
    quantity: Number(l.quantity),
    unitPrice: unitPrice ?? 0,
    discountPercent: l.discountPercent === '' ? null : Number(l.discountPercent),
    vatRate: l.vatRate === NO_VAT ? null : Number(l.vatRate),
    vatIncluded: l.vatIncluded,
  };
  const issues: LineIssue[] = unitPrice === null ? [{ field: 'unitPrice', code: 'line.price_invalid', message: 'is required' }] : [];
  return { input, issues: [...issues, ...lineIssues(input).filter((i) => !(unitPrice === null && i.field === 'unitPrice'))] };
}

/** Net, VAT and gross of a line, computed exactly as the server does; null while the line is incomplete or invalid. */
export function lineTotals(l: LineRow, currency: string): LineAmounts | null {
  const { input, issues } = lineInputOf(l, currency);
  return issues.length ? null : lineAmounts(input);
}

export function totalsOf(lines: LineRow[], currency: string) {
  return lines.reduce(
    (t, l) => {
      const a = lineTotals(l, currency);
      return a ? { net: t.net + a.net, vat: t.vat + a.vat, gross: t.gross + a.gross } : t;
    },
    { net: 0, vat: 0, gross: 0 },
  );
}

/** Blank lines are not sent; the server's `lines.N.field` errors are mapped back to the rows shown. */
export function linesRequest(lines: LineRow[], currency: string) {
  const kept = lines.map((l, i) => ({ l, i })).filter(({ l }) => !isBlankLine(l));
  const body = kept.map(({ l }) => {
    const { input } = lineInputOf(l, currency);
    return {
      productId: l.productId,
      ...(l.name.trim() && { name: l.name.trim() }),
      quantity: input.quantity,
      ...(l.unitPrice !== '' && { unitPrice: input.unitPrice }),
      discountPercent: input.discountPercent,
      vatRate: input.vatRate,
      vatIncluded: l.vatIncluded,
    };
  });
  return { body, original: kept.map(({ i }) => i) };
}

/** Client-side problems of the lines as form errors (`lines.0.unitPrice`): checked before saving. */
export function lineErrors(lines: LineRow[], currency: string, message: (code: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  lines.forEach((l, i) => {
    if (isBlankLine(l)) return;
    if (!l.productId && !l.name.trim()) out[`lines.${i}.name`] = message('validation.required');
    for (const issue of lineInputOf(l, currency).issues) out[`lines.${i}.${issue.field}`] = message(issue.code);
  });
  return out;
}

/** Fields compared when a save hits a version conflict (the server also names them in details.changedFields). */
export const conflictFields = [
  'title', 'companyName', 'ownerName', 'type', 'sourceChannel', 'sourceCampaign', 'currency', 'amount', 'expectedCloseDate', 'probability', 'stageId', 'lines', 'contacts',
] as const;

/** The usual VAT rate of a currency's country: RUB 22 % (from 2026), BGN and EUR 20 % (Bulgaria); others none. */
export const defaultVatFor = (currency: string): string => (currency === 'RUB' ? '22' : currency === 'BGN' || currency === 'EUR' ? '20' : NO_VAT);

export function emptyDeal(o: { ownerId: string | null; currency: string; pipelineId: string | null; stageId: string | null; company: DealValues['company'] }): DealValues {
  return {
    title: '',
    company: o.company,
    contactIds: [],
    pipelineId: o.pipelineId,
    stageId: o.stageId,
    ownerId: o.ownerId,
    type: 'new',
    sourceChannel: '',
    sourceCampaign: '',
    currency: o.currency,
    expectedCloseDate: '',
    probability: null,
    amountMode: 'auto',
    amount: '',
    lostReasonId: null,
    lostComment: '',
    lines: [],
  };
}
