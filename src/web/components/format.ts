import { useTranslation } from 'react-i18next';
import { minorDigits } from '../../shared/money.js';
import { useAuth } from '../auth.js';

/** Date formatting in the signed-in user's language and time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const { me } = useAuth();
  const timeZone = me?.timeZone ?? 'UTC';
  const locale = i18n.language;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const plainDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    /** An instant (ISO UTC) as date and time in the user's zone. */
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : ''),
    /** An instant (ISO UTC) as a date in the user's zone. */
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : ''),
    /** A calendar date (YYYY-MM-DD, e.g. a birthday) shown as is, without a zone shift. */
    calendarDate: (ymd: string | null | undefined) => (ymd ? plainDate.format(new Date(`${ymd.slice(0, 10)}T00:00:00Z`)) : ''),
    fileSize: (bytes: number) => new Intl.NumberFormat(locale, { style: 'unit', unit: bytes < 1024 * 1024 ? 'kilobyte' : 'megabyte', maximumFractionDigits: 1 }).format(bytes < 1024 * 1024 ? bytes / 1024 : bytes / 1024 / 1024),
  };
}

/** Minor units as money in the UI language: 1234500 RUB -> «12 345,00 ₽»; null as an empty text. */
export function useMoneyText() {
  const { i18n } = useTranslation();
  return (minor: number | null, currency: string) => {
    if (minor === null) return '';
    const digits = minorDigits(currency);
    return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: digits }).format(minor / 10 ** digits);
  };
}

/** Plain numbers (percentages, ratios) in the UI language; null as an empty text. */
export function useNumberText() {
  const { i18n } = useTranslation();
  return (n: number | null, digits = 1) => (n === null ? '' : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(n));
}
