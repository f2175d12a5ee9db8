import type { Executor } from '../../platform/db/database.js';
import type { ApiTokenTable } from '../../platform/db/schema.js';

const columns = ['id', 'user_id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

export function listTokens(db: Executor, userId: string) {
  return db.selectFrom('api_tokens').select(columns).where('user_id', '=', userId).orderBy('id', 'desc').execute();
}

export function findToken(db: Executor, id: string) {
  return db.selectFrom('api_tokens').select(columns).where('id', '=', id).executeTakeFirst();
}

export type TokenRow = NonNullable<Awaited<ReturnType<typeof findToken>>>;

export async function insertToken(db: Executor, row: ApiTokenTable): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function revokeToken(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}
