import { useTranslation } from 'react-i18next';
import { minorDigits } from '../../../shared/money.js';

/** Money of the base currency (minor units) in the UI language, without decimals. */
export function useMoney(): (minor: number | null | undefined, currency: string) => string {
  const { i18n } = useTranslation();
  return (minor, currency) => {
    if (minor === null || minor === undefined) return '—';
    return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, maximumFractionDigits: 0 }).format(minor / 10 ** minorDigits(currency));
  };
}

/** Measures shown as money. */
export const moneyMeasures = new Set(['won_revenue', 'avg_deal', 'plan_revenue']);
