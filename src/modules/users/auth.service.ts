import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newSecret } from '../../platform/ids.js';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { sha256 } from '../../platform/auth/tokens.js';

// Spent on unknown e-mails too, so response time does not reveal which accounts exist.
const dummyHash = hashPassword('timing-equaliser');

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  /** Verifies credentials with lockout after repeated failures; returns a new session. */
  async login(email: string, password: string, meta: { ip: string | null; userAgent: string | null }) {
    const key = `email:${email.toLowerCase()}`;
    const now = new Date();
    const attempt = await this.db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
    if (attempt?.locked_until && attempt.locked_until > now.toISOString()) {
      throw new AppError('auth.locked', 429, 'Too many failed attempts; try again later', { retryAt: attempt.locked_until });
    }
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'password_hash', 'is_active'])
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    const ok = user ? await verifyPassword(user.password_hash, password) : (await verifyPassword(await dummyHash, password), false);
    if (!user || !ok || !user.is_active) {
      await this.recordFailure(key, attempt?.failures ?? 0, now);
      throw new AppError('auth.invalid_credentials', 401, 'Wrong e-mail or password');
    }
    await this.db.deleteFrom('login_attempts').where('key', '=', key).execute();
    return this.createSession(user.id, meta);
  }

  private async recordFailure(key: string, previous: number, now: Date) {
    const failures = previous + 1;
    const lockedUntil =
      failures >= this.config.loginMaxFailures ? new Date(now.getTime() + this.config.loginLockMinutes * 60_000).toISOString() : null;
    const row = { failures: lockedUntil ? 0 : failures, locked_until: lockedUntil, updated_at: now.toISOString() };
    await this.db
      .insertInto('login_attempts')
      .values({ key, ...row })
      .onConflict((oc) => oc.column('key').doUpdateSet(row))
      .execute();
  }

  async createSession(userId: string, meta: { ip: string | null; userAgent: string | null }) {
    const sessionId = newSecret();
    const csrfToken = newSecret(24);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlHours * 3_600_000);
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: sha256(sessionId),
        user_id: userId,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await this.db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute();
    return { sessionId, csrfToken, expiresAt };
  }

  async logout(sessionId: string) {
    await this.db.deleteFrom('sessions').where('id_hash', '=', sha256(sessionId)).execute();
  }

  async changePassword(userId: string, current: string, next: string) {
    const user = await this.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, current))) {
      throw AppError.validation([{ field: 'currentPassword', code: 'auth.wrong_password', message: 'is wrong' }]);
    }
    await this.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(next), updated_at: new Date().toISOString() })
      .where('id', '=', userId)
      .execute();
  }
}
