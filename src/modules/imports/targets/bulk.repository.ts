import { CompiledQuery, sql, type Insertable, type SqlBool } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import type { DB } from '../../../platform/db/schema.js';
import { newId } from '../../../platform/ids.js';

/**
 * Bulk SQL shared by the import targets: multi-row inserts (unnest arrays on PostgreSQL),
 * phones/e-mails/tags of many records at once, key lookups and the undo tags of import_rows.
 */

/** Bind parameters per SQLite statement (it allows 32766). */
const MAX_PARAMS = 30_000;

/** SQLite statement text per table, columns and row count. */
const insertTexts = new Map<string, string>();

function insertText(table: string, columns: string[], rows: number): string {
  const key = `${table}|${columns.join(',')}|${rows}`;
  let text = insertTexts.get(key);
  if (!text) {
    const tuple = `(${columns.map(() => '?').join(',')})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${Array.from({ length: rows }, () => tuple).join(',')}`;
    if (insertTexts.size > 200) insertTexts.clear();
    insertTexts.set(key, text);
  }
  return text;
}

/** PostgreSQL type names of a table's columns, for the array parameters of unnest; read once per table. */
const pgColumnTypes = new Map<string, Promise<Map<string, string>>>();

function columnTypes(db: Executor, table: string): Promise<Map<string, string>> {
  let types = pgColumnTypes.get(table);
  if (!types) {
    types = sql<{ column_name: string; udt_name: string }>`SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`
      .execute(db)
      .then(({ rows }) => new Map(rows.map((r) => [r.column_name, r.udt_name])));
    types.catch(() => pgColumnTypes.delete(table));
    pgColumnTypes.set(table, types);
  }
  return types;
}

const ARRAY_ESCAPED = /[\\"]/;

/** A PostgreSQL array literal of strings and numbers, built in one pass (pg's own conversion escapes every element twice over). */
function arrayLiteral(values: unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else {
      const s = String(v);
      out += ARRAY_ESCAPED.test(s) ? `"${s.replace(/[\\"]/g, '\\$&')}"` : `"${s}"`;
    }
  }
  return `${out}}`;
}

/**
 * Inserts `count` rows, PostgreSQL's as one statement with an array parameter per column (INSERT ... SELECT
 * FROM unnest): short to parse whatever the row count, where a VALUES list of 30,000 parameters took longer
 * to parse and plan than some of the inserts. SQLite's as multi-row VALUES in chunks of a power of two rows
 * under its bind-parameter limit: a few statement sizes per table, prepared once and reused.
 * `suffix` follows each statement (ON CONFLICT ...).
 */
async function insertRows(
  db: Executor,
  table: string,
  columns: string[],
  count: number,
  rows: { column(i: number): unknown[]; row(r: number, params: unknown[], at: number): void },
  suffix = '',
): Promise<void> {
  if (!count) return;
  if (dialectOf(db) === 'postgres') {
    const types = await columnTypes(db, table);
    const arrays = columns.map((c, i) => `$${i + 1}::${types.get(c) ?? 'text'}[]`).join(',');
    const text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) select * from unnest(${arrays}) ${suffix}`;
    await db.executeQuery(CompiledQuery.raw(text, columns.map((_, i) => arrayLiteral(rows.column(i)))));
    return;
  }
  const per = 2 ** Math.floor(Math.log2(Math.max(1, MAX_PARAMS / columns.length)));
  for (let i = 0, n = per; i < count; i += n) {
    while (n > count - i) n >>= 1;
    const params: unknown[] = new Array(n * columns.length);
    for (let r = 0; r < n; r++) rows.row(i + r, params, r * columns.length);
    await db.executeQuery(CompiledQuery.raw(`${insertText(table, columns, n)} ${suffix}`, params));
  }
}

/** Rows given as one array of values per column. */
function insertColumns(db: Executor, table: string, columns: string[], values: unknown[][], suffix?: string): Promise<void> {
  return insertRows(db, table, columns, values[0]?.length ?? 0, {
    column: (i) => values[i]!,
    row: (r, params, at) => {
      for (let c = 0; c < values.length; c++) params[at + c] = values[c]![r];
    },
  }, suffix);
}

/**
 * Multi-row inserts of rows of one shape (columns from the first row). The statement is built directly:
 * building Kysely's query tree for thousands of values costs more than the insert itself.
 */
export async function insertMany<T extends keyof DB & string>(db: Executor, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (!rows.length) return;
  const list = rows as Record<string, unknown>[];
  const columns = Object.keys(list[0]!);
  await insertRows(db, table, columns, list.length, {
    column: (i) => list.map((r) => r[columns[i]!] ?? null),
    row: (r, params, at) => {
      const row = list[r]!;
      for (let c = 0; c < columns.length; c++) params[at + c] = row[columns[c]!] ?? null;
    },
  });
}

/** `column IN (values)`; on PostgreSQL as one array parameter (= ANY), quick to parse for thousands of values. */
export function inValues(db: Executor, column: string, values: readonly string[]) {
  return dialectOf(db) === 'postgres' ? sql<SqlBool>`${sql.ref(column)} = any(${values}::text[])` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(values)})`;
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
      ? await db.selectFrom('phones').select(['e164 as value', 'entity_id']).where('entity', '=', entity).where(inValues(db, 'e164', values)).execute()
      : await db.selectFrom('emails').select(['email as value', 'entity_id']).where('entity', '=', entity).where(inValues(db, 'email', values)).execute();
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
  const columns = ['import_id', 'entity', 'entity_id', 'action', 'row', 'before', 'after_version'];
  const insert = (list: ImportRowTag[], suffix?: string) => {
    const values = [list.map(() => importId), list.map(() => entity), list.map((t) => t.entity_id), list.map((t) => t.action), list.map((t) => t.row), list.map((t) => t.before), list.map((t) => t.after_version)];
    return insertColumns(db, 'import_rows', columns, values, suffix);
  };
  // a created record has a new id, tagged by no earlier row: a plain insert (an upsert costs PostgreSQL twice as much)
  await insert(tags.filter((t) => t.action === 'created'));
  await insert(tags.filter((t) => t.action !== 'created'), 'on conflict (import_id, entity, entity_id) do update set after_version = excluded.after_version');
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
