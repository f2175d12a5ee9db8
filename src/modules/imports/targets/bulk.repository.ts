import { CompiledQuery, sql, type Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import type { DB } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';

/**
 * Bulk SQL shared by the import targets: multi-row inserts kept under each engine's bind-parameter limit,
 * phones/e-mails/tags of many records at once, key lookups and the undo tags of import_rows.
 */

/** Bind parameters per statement: SQLite allows 32766, PostgreSQL 65535. */
const MAX_PARAMS = 30_000;

/** Statement text per table, columns and row count (chunks repeat, so prepared statements are reused). */
const insertTexts = new Map<string, string>();

function insertText(pg: boolean, table: string, columns: string[], rows: number): string {
  const key = `${pg ? 'pg' : 'sq'}|${table}|${columns.join(',')}|${rows}`;
  let text = insertTexts.get(key);
  if (!text) {
    let n = 0;
    const tuple = () => `(${columns.map(() => (pg ? `$${++n}` : '?')).join(',')})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${Array.from({ length: rows }, tuple).join(',')}`;
    if (insertTexts.size > 200) insertTexts.clear();
    insertTexts.set(key, text);
  }
  return text;
}

/**
 * Multi-row inserts in chunks under the bind-parameter limit. The statement is built directly (rows of one
 * shape, columns from the first row): building Kysely's query tree for thousands of values costs more
 * than the insert itself.
 */
export async function insertMany<T extends keyof DB & string>(db: Executor, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (!rows.length) return;
  const pg = dialectOf(db) === 'postgres';
  const columns = Object.keys(rows[0] as object);
  const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per) as Record<string, unknown>[];
    const params: unknown[] = [];
    for (const r of chunk) for (const c of columns) params.push(r[c] ?? null);
    await db.executeQuery(CompiledQuery.raw(insertText(pg, table, columns, chunk.length), params));
  }
}

export interface PhoneValue {
  kind: string;
  raw: string;
  e164: string | null;
  ext: string | null;
}
export interface EmailValue {
  kind: string;
  email: string;
}
export interface ChildValues {
  phones?: PhoneValue[];
  emails?: EmailValue[];
  tags?: string[];
}

/** Phones, e-mails and tags of records that have none yet, in three statements per chunk. */
export async function insertChildren(db: Executor, entity: string, items: { id: string; ch: ChildValues }[]): Promise<void> {
  await insertMany(
    db,
    'phones',
    items.flatMap(({ id, ch }) => (ch.phones ?? []).map((p, i) => ({ id: newId(), entity, entity_id: id, kind: p.kind, raw: p.raw, e164: p.e164, ext: p.ext, sort: i }))),
  );
  await insertMany(
    db,
    'emails',
    items.flatMap(({ id, ch }) => (ch.emails ?? []).map((e, i) => ({ id: newId(), entity, entity_id: id, kind: e.kind, email: e.email, sort: i }))),
  );
  await insertMany(
    db,
    'tags',
    items.flatMap(({ id, ch }) => [...new Set(ch.tags ?? [])].map((tag) => ({ entity, entity_id: id, tag }))),
  );
}

/** Replaces the given kinds of children (phones, e-mails, tags) of records. */
export async function replaceChildren(db: Executor, entity: string, items: { id: string; ch: ChildValues }[]): Promise<void> {
  for (const [kind, table] of [['phones', 'phones'], ['emails', 'emails'], ['tags', 'tags']] as const) {
    const ids = items.filter((x) => x.ch[kind] !== undefined).map((x) => x.id);
    if (ids.length) await db.deleteFrom(table).where('entity', '=', entity).where('entity_id', 'in', ids).execute();
  }
  await insertChildren(db, entity, items);
}

export async function deleteChildren(db: Executor, entity: string, ids: string[]): Promise<void> {
  for (const table of ['phones', 'emails', 'tags'] as const) await db.deleteFrom(table).where('entity', '=', entity).where('entity_id', 'in', ids).execute();
}

/** Records of `entity` having one of the phones (E.164) or e-mails, by value. */
export async function idsByChild(db: Executor, entity: string, kind: 'phone' | 'email', values: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!values.length) return out;
  const rows =
    kind === 'phone'
      ? await db.selectFrom('phones').select(['e164 as value', 'entity_id']).where('entity', '=', entity).where('e164', 'in', values).execute()
      : await db.selectFrom('emails').select(['email as value', 'entity_id']).where('entity', '=', entity).where('email', 'in', values).execute();
  for (const r of rows) {
    const list = out.get(r.value!) ?? [];
    if (!list.includes(r.entity_id)) list.push(r.entity_id);
    out.set(r.value!, list);
  }
  return out;
}

export interface ImportRowTag {
  entity_id: string;
  action: 'created' | 'updated';
  row: number;
  before: string | null;
  after_version: number;
}

/**
 * Tags records with the import. A record tagged already (created or updated by an earlier row of the same
 * import) keeps its first action and state; only the version the import left it at moves on.
 */
export async function tagImportRows(db: Executor, importId: string, entity: string, tags: ImportRowTag[]): Promise<void> {
  if (!tags.length) return;
  const pg = dialectOf(db) === 'postgres';
  const columns = ['import_id', 'entity', 'entity_id', 'action', 'row', 'before', 'after_version'];
  const per = Math.floor(MAX_PARAMS / columns.length);
  for (let i = 0; i < tags.length; i += per) {
    const chunk = tags.slice(i, i + per);
    const params = chunk.flatMap((t) => [importId, entity, t.entity_id, t.action, t.row, t.before, t.after_version]);
    const text = `${insertText(pg, 'import_rows', columns, chunk.length)} on conflict (import_id, entity, entity_id) do update set after_version = excluded.after_version`;
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

/** Ids among `ids` that rows of other tables still refer to (a deleted record would break them). */
export async function referencedIds(db: Executor, refs: { table: string; column: string }[], ids: string[]): Promise<Set<string>> {
  const used = new Set<string>();
  if (!ids.length) return used;
  for (const r of refs) {
    const { rows } = await sql<{ id: string }>`SELECT DISTINCT ${sql.ref(r.column)} AS id FROM ${sql.table(r.table)} WHERE ${sql.ref(r.column)} IN (${sql.join(ids)})`.execute(db);
    for (const row of rows) used.add(row.id);
  }
  const files = await db.selectFrom('attachments').select('entity_id').where('entity_id', 'in', ids).execute();
  for (const f of files) used.add(f.entity_id);
  return used;
}

/** Faster bulk loads on PostgreSQL: the batch's writes need not wait for the WAL flush (a crash loses at most the last batches, never half of one). */
export async function relaxDurability(db: Executor): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`SET LOCAL synchronous_commit = off`.execute(db);
}
