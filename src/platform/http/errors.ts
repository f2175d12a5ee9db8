import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, type FieldIssue } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AppEnv } from './context.js';

/** zod issues -> field issues with stable codes (`validation.too_small`, `validation.unrecognized_keys`, ...). */
export function fieldIssues(error: ZodError, prefix?: string): FieldIssue[] {
  return error.issues.flatMap((i) => {
    const base = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({
        field: base ? `${base}.${k}` : k,
        code: 'validation.unknown_field',
        message: 'unknown field',
      }));
    }
    const custom = i.code === 'custom' && typeof i.params?.code === 'string' ? i.params.code : null;
    return [{ field: base || '(body)', code: custom ?? `validation.${i.code}`, message: i.message }];
  });
}

export function errorBody(c: Context<AppEnv>, code: string, message: string, details?: unknown) {
  return { error: { code, message, requestId: c.get('requestId') ?? '-', ...(details ? { details } : {}) } };
}

export function handleError(err: Error, c: Context<AppEnv>, logger: Logger): Response {
  if (err instanceof AppError) {
    return c.json(errorBody(c, err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return c.json(errorBody(c, 'request.too_large', 'Request body is too large'), 413);
    if (status === 400 && /json/i.test(err.message)) {
      return c.json(errorBody(c, 'request.malformed_json', 'Request body is not valid JSON'), 400);
    }
    return c.json(errorBody(c, `http.${status}`, err.message || 'Request failed'), status);
  }
  logger.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
  return c.json(errorBody(c, 'internal', 'Internal error; quote the request id when reporting it'), 500);
}
