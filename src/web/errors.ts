import type { TFunction } from 'i18next';
import { ApiError } from './api.js';

/** A user-facing message for any error: translated API code, else the API's own text. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    return t(`common:errors.${err.code}`, { defaultValue: err.message, requestId: err.requestId, ...err.details });
  }
  if (err instanceof TypeError) return t('common:errors.network');
  return t('common:state.error');
}

/** Field errors of a 422 as { field: translated message }, for Mantine form `setErrors`. */
export function fieldErrors(t: TFunction, err: unknown, ns: string): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(
    err.fields.map((f) => [f.field, t(`${ns}:errors.${f.code}`, { defaultValue: t(`common:errors.${f.code}`, { defaultValue: f.message }) })]),
  );
}
