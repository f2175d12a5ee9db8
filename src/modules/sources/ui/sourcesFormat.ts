import { useTranslation } from 'react-i18next';
import { minorDigits } from '../../../shared/money.js';

/** Minor units as money in the UI language. */
export function useMoneyText() {
  const { i18n } = useTranslation();
  return (minor: number | null, currency: string) => {
    if (minor === null) return '';
    const digits = minorDigits(currency);
    return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: digits }).format(minor / 10 ** digits);
  };
}

/** Plain numbers in the UI language. */
export function useNumberText() {
  const { i18n } = useTranslation();
  return (n: number | null, digits = 1) => (n === null ? '' : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(n));
}
