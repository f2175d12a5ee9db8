import { auth } from './auth.js';
import { common } from './common.js';

/**
 * Translation namespaces: `common` for the shell, one per feature (`src/modules/<f>/ui/i18n.ts`).
 * Each value is { en, ru, bg } with the same keys.
 */
export const namespaces: Record<string, { en: object; ru: object; bg: object }> = {
  common,
  auth,
};
