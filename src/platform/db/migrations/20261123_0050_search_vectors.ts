import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

const tables = ['companies', 'contacts', 'deals'] as const;

/**
 * PostgreSQL: the search vector becomes a stored generated column with its GIN index, instead of an
 * expression index. A prefix match has to recheck every candidate row; reading a stored vector is much
 * cheaper than parsing search_text again for each of them. SQLite keeps its FTS5 tables.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const t of tables) {
    await sql`ALTER TABLE ${sql.table(t)} ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED`.execute(db);
    await sql`DROP INDEX ${sql.id(`${t}_fts_idx`)}`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${t}_fts_idx`)} ON ${sql.table(t)} USING gin (search_tsv)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const t of tables) {
    await sql`ALTER TABLE ${sql.table(t)} DROP COLUMN search_tsv`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${t}_fts_idx`)} ON ${sql.table(t)} USING gin (to_tsvector('simple', search_text))`.execute(db);
  }
}
