import type { Db } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { AppError } from '../../platform/errors.js';
import { newId, newSecret } from '../../platform/ids.js';
import { API_TOKEN_PREFIX, sha256 } from '../../platform/auth/tokens.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import * as repo from './apitokens.repository.js';
import type { ApiTokenDto } from './apitokens.schema.js';

const toDto = (r: repo.TokenRow): ApiTokenDto => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export async function listMyTokens(db: Db, p: Principal): Promise<ApiTokenDto[]> {
  return (await repo.listTokens(db, p.id)).map(toDto);
}

/** A new token for the signed-in user; the plaintext is returned once, only its SHA-256 is stored. */
export async function createToken(db: Db, p: Principal, name: string, actor: Actor): Promise<ApiTokenDto & { token: string }> {
  if (p.viaToken) throw new AppError('auth.session_required', 403, 'API tokens can only be created from a signed-in session');
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  const id = newId();
  return db.transaction().execute(async (trx) => {
    await repo.insertToken(trx, {
      id,
      user_id: p.id,
      name,
      token_hash: sha256(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      created_at: new Date().toISOString(),
      last_used_at: null,
      revoked_at: null,
    });
    await writeAudit(trx, actor, 'api_token', id, 'create', [{ field: 'name', old: null, new: name }]);
    return { ...toDto((await repo.findToken(trx, id))!), token };
  });
}

/** Revokes one of the user's own tokens (others' tokens are reported as not found). */
export async function revokeToken(db: Db, p: Principal, id: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const t = await repo.findToken(trx, id);
    if (!t || t.user_id !== p.id) throw AppError.notFound('api_token');
    if (t.revoked_at) return;
    const at = new Date().toISOString();
    await repo.revokeToken(trx, id, at);
    await writeAudit(trx, actor, 'api_token', id, 'revoke', [{ field: 'revokedAt', old: null, new: at }]);
  });
}
