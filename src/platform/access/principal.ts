import { AppError } from '../errors.js';
import type { Action, Permissions, Resource, Scope } from './permissions.js';

/** The authenticated user as access checks see it. */
export interface Principal {
  id: string;
  email: string;
  name: string;
  roleKey: string;
  departmentId: string | null;
  permissions: Permissions;
  /** Ids of users in the principal's department and its sub-departments (for scope "department"). */
  departmentUserIds: string[];
  locale: string;
  viaToken: boolean;
}

export function scopeOf(p: Principal, resource: Resource, action: Action): Scope {
  return p.permissions[resource]?.[action] ?? 'none';
}

/** Throws 403 unless the principal may perform the action on at least some records; returns the scope. */
export function requireScope(p: Principal, resource: Resource, action: Action): Scope {
  const scope = scopeOf(p, resource, action);
  if (scope === 'none') {
    throw new AppError('access.forbidden', 403, `Your role may not ${action} ${resource} records`, { resource, action });
  }
  return scope;
}

/** Owner ids visible under a scope; null means "every record". */
export function ownerFilter(p: Principal, scope: Scope): string[] | null {
  switch (scope) {
    case 'all':
      return null;
    case 'department':
      return p.departmentUserIds.length ? p.departmentUserIds : [p.id];
    case 'own':
      return [p.id];
    case 'none':
      return [];
  }
}

export function ownerAllowed(p: Principal, scope: Scope, ownerId: string | null): boolean {
  const owners = ownerFilter(p, scope);
  return owners === null || (ownerId !== null && owners.includes(ownerId));
}

/**
 * Checks one record. A record outside the read scope is reported as not found (its existence is not
 * revealed); inside the read scope but outside the action's scope it is a 403.
 */
export function assertRecordAccess(
  p: Principal,
  resource: Resource,
  action: Action,
  ownerId: string | null,
): void {
  const readScope = scopeOf(p, resource, 'read');
  if (!ownerAllowed(p, readScope, ownerId)) throw AppError.notFound(resource);
  if (action === 'read') return;
  const scope = requireScope(p, resource, action);
  if (!ownerAllowed(p, scope, ownerId)) {
    throw new AppError('access.forbidden', 403, `You may not ${action} this ${resource}`, { resource, action });
  }
}
