import { createHash } from 'node:crypto';

/** Sessions and API tokens are stored only as SHA-256 hashes: a database leak does not leak logins. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export const SESSION_COOKIE = 'voronka_session';
export const CSRF_COOKIE = 'voronka_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const API_TOKEN_PREFIX = 'vrk_';
