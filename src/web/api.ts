/** Field problem as the API reports it. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** A failed API call: status, stable code (translated by the UI), field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { fields?: FieldError[]; [k: string]: unknown } = {},
    readonly requestId?: string,
  ) {
    super(message);
  }

  get fields(): FieldError[] {
    return this.details.fields ?? [];
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | null | undefined | string[]>;

export function queryString(q: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
    else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** JSON API call under /api/v1 with the session cookie and CSRF header. */
export async function api<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`/api/v1${path}${queryString(query)}`, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw errorOf(res, data);
  return data as T;
}

function errorOf(res: Response, data: { error?: { code?: string; message?: string; details?: ApiError['details']; requestId?: string } } | null): ApiError {
  const e = data?.error ?? {};
  return new ApiError(res.status, e.code ?? `http.${res.status}`, e.message ?? res.statusText, e.details ?? {}, e.requestId);
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', path, undefined, query);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body);
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** URL for a download the browser should fetch itself (exports, attachments). */
export const downloadUrl = (path: string, query?: Query) => `/api/v1${path}${queryString(query)}`;

/** The file name of a download: RFC 6266 `filename*` (UTF-8) first, then `filename`, else the fallback. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*\s*=\s*UTF-8''([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = disposition?.match(/filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i);
  return (plain?.[1] ?? plain?.[2])?.trim() || fallback;
}

/**
 * A file the server makes from a POSTed body (e.g. an export of an unsaved report), with the session's CSRF header:
 * read into a Blob and saved through a temporary object URL under the name from Content-Disposition.
 */
export async function downloadPost(path: string, body: unknown, fallbackName: string): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
  if (!res.ok) {
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (a proxy's error page): the status tells
    }
    throw errorOf(res, data);
  }
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // revoked after the click has handed the blob to the browser's download
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
