import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { minorDigits } from '../../../shared/money.js';
import type { ChurnItem, SegmentMatrix, SegmentSettings } from '../segments.schema.js';

export const segmentKeys = {
  all: ['segments'] as const,
  matrix: ['segments', 'matrix'] as const,
  settings: ['segments', 'settings'] as const,
  churn: ['segments', 'churn'] as const,
};

export const useMatrix = () => useQuery({ queryKey: segmentKeys.matrix, queryFn: () => get<SegmentMatrix>('/segments/matrix') });
export const useSegmentSettings = () => useQuery({ queryKey: segmentKeys.settings, queryFn: () => get<SegmentSettings>('/segments/settings') });
export type ChurnPage = { items: ChurnItem[]; nextCursor: string | null; factor: number };

/** Minor units as money in the UI language: 1234500 RUB -> «12 345,00 ₽». */
export function useMoneyText() {
  const { i18n } = useTranslation();
  return (minor: number | null, currency: string) => {
    if (minor === null) return '';
    const digits = minorDigits(currency);
    return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: digits }).format(minor / 10 ** digits);
  };
}

/** Plain numbers (percentages, ratios) in the UI language. */
export function useNumberText() {
  const { i18n } = useTranslation();
  return (n: number | null, digits = 1) => (n === null ? '' : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(n));
}
