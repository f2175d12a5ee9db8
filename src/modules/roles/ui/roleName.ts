import type { TFunction } from 'i18next';

/**
 * A role's name in the UI language. Shipped roles keep their English name until an admin renames
 * them, so a name equal to the English default is translated; any other name is shown as typed.
 */
export function roleName(t: TFunction, key: string, name: string): string {
  const shipped = t(`roles:names.${key}`, { lng: 'en', defaultValue: '' });
  return shipped && shipped === name ? t(`roles:names.${key}`) : name;
}
