import { useTranslation } from 'react-i18next';
import { minorDigits } from '../../../shared/money.js';

/** Shared helpers of the funnels tab: the URL state, the API query of the filters, number formats. */

export type Params = Record<string, string>;

/** The day after a YYYY-MM-DD day (the API's `to` is exclusive, the UI's inclusive). */
export const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The period of the filters: custom dates when both are set, else the period key. */
export function periodQuery(p: Params): Record<string, string> {
  return p.from && p.to ? { from: p.from, to: nextDay(p.to) } : { period: p.period! };
}

/** The URL keys of an open drill-down (what the list behind a number shows); cleared when the report changes. */
export const clearDrill = { drill: null, measure: null, reason: null, drillOwner: null, drillStage: null, drillProduct: null };

const dealFilterKeys = ['ownerId', 'departmentId', 'companyId', 'productId'] as const;

export function dealFilters(p: Params): Record<string, string> {
  return Object.fromEntries(dealFilterKeys.filter((k) => p[k]).map((k) => [k, p[k]!]));
}

export function useNumbers() {
  const { i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const days = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return {
    percent: (r: number | null) => (r === null ? '—' : percent.format(r)),
    days: (seconds: number | null) => (seconds === null ? '—' : days.format(seconds / 86_400)),
    money: (minor: number, currency: string) => {
      const digits = minorDigits(currency);
      try {
        return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, maximumFractionDigits: digits, minimumFractionDigits: digits }).format(minor / 10 ** digits);
      } catch {
        return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
      }
    },
  };
}
