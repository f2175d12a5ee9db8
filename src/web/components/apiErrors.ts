import type { TFunction } from 'i18next';
import { ApiError } from '../api.js';
import { errorMessage } from '../errors.js';

/** An error code's text: the feature namespace, then the shared `ui` namespace, then `common`, then the API's own text. */
function codeText(t: TFunction, ns: string, code: string, fallback: string, details: Record<string, unknown> = {}): string {
  return t(`${ns}:errors.${code}`, {
    ...details,
    defaultValue: t(`ui:errors.${code}`, { ...details, defaultValue: t(`common:errors.${code}`, { ...details, defaultValue: fallback }) }),
  });
}

/** Like errorMessage, but looks the code up in a feature namespace first (`companies:errors.company.duplicate`). */
export function featureErrorMessage(t: TFunction, err: unknown, ns: string): string {
  if (err instanceof ApiError) return codeText(t, ns, err.code, errorMessage(t, err), err.details);
  return errorMessage(t, err);
}

/** Field errors of a 422 as { 'phones.0.raw': translated message }. */
export function featureFieldErrors(t: TFunction, err: unknown, ns: string): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(err.fields.map((f) => [f.field, codeText(t, ns, f.code, f.message)]));
}
