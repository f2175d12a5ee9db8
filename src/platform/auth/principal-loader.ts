import type { Db } from '../db/database.js';
import type { Permissions } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { sha256, API_TOKEN_PREFIX } from './tokens.js';

interface Cached<T> {
  at: number;
  value: T;
}

const TTL_MS = 5_000;

/**
 * Resolves session cookies and API tokens to a Principal. Role permissions and department
 * membership are cached for a few seconds per process (several app nodes stay consistent
 * within that window); the session/token itself is checked on every request.
 */
export class PrincipalLoader {
  private cache = new Map<string, Cached<Omit<Principal, 'viaToken'>>>();

  constructor(private readonly db: Db) {}

  invalidate(): void {
    this.cache.clear();
  }

  async fromSession(sessionId: string): Promise<{ principal: Principal; csrfToken: string } | null> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['user_id', 'csrf_token', 'expires_at'])
      .where('id_hash', '=', sha256(sessionId))
      .executeTakeFirst();
    if (!row || row.expires_at < new Date().toISOString()) return null;
    const principal = await this.load(row.user_id);
    return principal ? { principal: { ...principal, viaToken: false }, csrfToken: row.csrf_token } : null;
  }

  async fromApiToken(token: string): Promise<Principal | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const row = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'user_id', 'revoked_at', 'last_used_at'])
      .where('token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row || row.revoked_at) return null;
    const principal = await this.load(row.user_id);
    if (!principal) return null;
    const now = new Date();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
      await this.db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
    }
    return { ...principal, viaToken: true };
  }

  async load(userId: string): Promise<Omit<Principal, 'viaToken'> | null> {
    const hit = this.cache.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const user = await this.db
      .selectFrom('users')
      .innerJoin('roles', 'roles.id', 'users.role_id')
      .select([
        'users.id',
        'users.email',
        'users.name',
        'users.department_id',
        'users.locale',
        'users.is_active',
        'roles.key as role_key',
        'roles.permissions',
      ])
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (!user || !user.is_active) return null;
    const value = {
      id: user.id,
      email: user.email,
      name: user.name,
      roleKey: user.role_key,
      departmentId: user.department_id,
      permissions: JSON.parse(user.permissions) as Permissions,
      departmentUserIds: user.department_id ? await this.departmentUsers(user.department_id) : [user.id],
      locale: user.locale,
    };
    this.cache.set(userId, { at: Date.now(), value });
    return value;
  }

  /** Users of a department and all its sub-departments. */
  private async departmentUsers(departmentId: string): Promise<string[]> {
    const departments = await this.db.selectFrom('departments').select(['id', 'parent_id']).execute();
    const subtree = new Set([departmentId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const d of departments) {
        if (d.parent_id && subtree.has(d.parent_id) && !subtree.has(d.id)) {
          subtree.add(d.id);
          grew = true;
        }
      }
    }
    const users = await this.db.selectFrom('users').select('id').where('department_id', 'in', [...subtree]).execute();
    return users.map((u) => u.id);
  }
}
