import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { namespaces } from './resources.js';

export const supportedLocales = ['en', 'ru', 'bg'] as const;
export type Locale = (typeof supportedLocales)[number];

const resources = Object.fromEntries(
  supportedLocales.map((lng) => [lng, Object.fromEntries(Object.entries(namespaces).map(([ns, r]) => [ns, r[lng]]))]),
);

function initialLocale(): Locale {
  const stored = localStorage.getItem('voronka.locale');
  if (stored && (supportedLocales as readonly string[]).includes(stored)) return stored as Locale;
  const nav = navigator.language.slice(0, 2);
  return (supportedLocales as readonly string[]).includes(nav) ? (nav as Locale) : 'en';
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLocale(),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(namespaces),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export async function setLocale(lng: Locale): Promise<void> {
  localStorage.setItem('voronka.locale', lng);
  document.documentElement.lang = lng;
  await i18n.changeLanguage(lng);
}

export default i18n;
