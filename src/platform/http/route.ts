import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import { requireScope, type Principal } from '../access/principal.js';
import type { Action, Resource } from '../access/permissions.js';
import type { AppEnv } from './context.js';

const authenticatedSecurity: Record<string, string[]>[] = [{ cookieAuth: [] }, { bearerAuth: [] }];

/** What a route demands: nothing, a signed-in user, or a permission on a resource. */
export type RoutePermission = 'public' | 'authenticated' | readonly [Resource, Action];

function authorize(permission: RoutePermission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (permission !== 'public') {
      const principal = c.get('principal');
      if (!principal) throw new AppError('auth.required', 401, 'Sign in first');
      if (permission !== 'authenticated') requireScope(principal, permission[0], permission[1]);
    }
    await next();
  };
}

/**
 * Every route declares its permission here; the check runs before the handler and the
 * OpenAPI document lists the route's security.
 */
export function defineRoute<R extends Omit<RouteConfig, 'middleware'>>(config: R & { permission: RoutePermission }) {
  const { permission, ...rest } = config;
  return createRoute({
    ...rest,
    middleware: [authorize(permission)] as const,
    security: permission === 'public' ? [] : authenticatedSecurity,
    description: [
      rest.description,
      permission === 'public' ? 'Public.' : permission === 'authenticated' ? 'Any signed-in user.' : `Requires ${permission[0]}:${permission[1]}.`,
    ]
      .filter(Boolean)
      .join(' '),
  });
}

/** The signed-in user of a route that declared a permission (never null there). */
export function principalOf(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (!p) throw new AppError('auth.required', 401, 'Sign in first');
  return p;
}
