import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { minorDigits } from '../../../shared/money.js';
import type { Locale, PriceType, ProductGroup, Unit } from '../catalog.schema.js';

/** Reference data of the catalog pages (cached for a minute) and display helpers. */

export const catalogKey = ['catalog'] as const;
export const productsKey = ['products'] as const;

const items = <T>(path: string) => async () => (await get<{ items: T[] }>(path)).items;

export const useGroups = () => useQuery({ queryKey: [...catalogKey, 'groups'], queryFn: items<ProductGroup>('/product-groups'), staleTime: 60_000 });
export const useUnits = () => useQuery({ queryKey: [...catalogKey, 'units'], queryFn: items<Unit>('/units'), staleTime: 60_000 });
export const usePriceTypes = () => useQuery({ queryKey: [...catalogKey, 'price-types'], queryFn: items<PriceType>('/price-types'), staleTime: 60_000 });
export const useBaseCurrency = () =>
  useQuery({ queryKey: [...catalogKey, 'settings'], queryFn: () => get<{ baseCurrency: string }>('/catalog/settings'), staleTime: 60_000, select: (s) => s.baseCurrency });

/** A name in the user's language, else in another one. */
export function localized(names: Partial<Record<Locale, string>>, lang: string): string {
  return names[lang as Locale] ?? names.en ?? names.ru ?? names.bg ?? '';
}

/** Money helpers in the user's language: minor units <-> what inputs show. */
export function useMoney() {
  const { i18n } = useTranslation();
  return {
    format: (amount: number | null | undefined, currency: string) => {
      if (amount === null || amount === undefined) return '';
      const digits = minorDigits(currency);
      return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount / 10 ** digits);
    },
  };
}

/** Major units shown by a number input <-> minor units sent to the API. */
export const toMajor = (minor: number | null, currency: string): number | '' => (minor === null ? '' : minor / 10 ** minorDigits(currency));
export const toMinor = (major: number | string, currency: string): number | null =>
  typeof major === 'number' && Number.isFinite(major) ? Math.round(major * 10 ** minorDigits(currency)) : null;

/**
 * A price type's name in the UI language: the shipped "Retail" keeps its English name until an admin
 * renames it, so that name is translated; any other name is shown as typed.
 */
export function priceTypeName(t: TFunction, p: Pick<PriceType, 'key' | 'name'>): string {
  const shipped = t(`products:priceTypes.shipped.${p.key}`, { lng: 'en', defaultValue: '' });
  return shipped && shipped === p.name ? t(`products:priceTypes.shipped.${p.key}`) : p.name;
}

export const vatLabel = (t: TFunction, rate: number | null) => (rate === null ? t('products:vat.none') : `${rate} %`);

/** Separators of number inputs in the user's language: "1 234,5" in Russian and Bulgarian, "1,234.5" in English. */
export function useSeparators() {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? { decimalSeparator: '.', thousandSeparator: ',' } : { decimalSeparator: ',', thousandSeparator: ' ' };
}

/** A decimal for display in the user's language (quantities, coefficients, rates). */
export const useDecimal = () => {
  const { i18n } = useTranslation();
  return (v: number, max = 6) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: max }).format(v);
};
