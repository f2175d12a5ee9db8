import { ApiError } from '../api.js';

/**
 * multipart upload under /api/v1 with progress (fetch cannot report upload progress, XHR can); with `raw`,
 * the file is the request body and its name goes in X-File-Name (large imports are streamed to disk).
 * Resolves with the parsed JSON body; rejects with ApiError like the JSON client does.
 */
export function uploadFile<T>(path: string, file: File, csrfToken: string | null, onProgress: (fraction: number) => void, opts: { raw?: boolean } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = () => {
      let data: { error?: { code?: string; message?: string; details?: Record<string, unknown>; requestId?: string } } | null = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else {
        const e = data?.error ?? {};
        reject(new ApiError(xhr.status, e.code ?? `http.${xhr.status}`, e.message ?? xhr.statusText, e.details ?? {}, e.requestId));
      }
    };
    if (opts.raw) {
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
      xhr.send(file);
      return;
    }
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
