import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DuplicateCriterion, DuplicateEntity } from './duplicates.schema.js';

/** SQL of the duplicate finder: which shared values occur on several records, and those records. */

const tableOf = { company: 'companies', contact: 'contacts' } as const;
const childOf = { phone: ['phones', 'e164'], email: ['emails', 'email'] } as const;
const ownColumn = { company: { inn: 'inn', eik: 'eik', name: 'name_normalized' }, contact: { name: 'full_name' } } as const;

/**
 * The records (alias r) with the value they share (`value`), limited to the owners (null = all): a column of
 * the record, or of its phones / e-mails (alias x). Identifiers come from the fixed tables above only.
 */
function source(entity: DuplicateEntity, by: DuplicateCriterion, owners: string[] | null): { from: RawBuilder<unknown>; where: RawBuilder<unknown>; value: RawBuilder<string> } {
  const table = sql.table(tableOf[entity]);
  const child = by === 'phone' || by === 'email' ? childOf[by] : null;
  const value = child ? sql<string>`x.${sql.ref(child[1])}` : sql<string>`r.${sql.ref((ownColumn[entity] as Record<string, string>)[by]!)}`;
  const join = child ? sql`join ${sql.table(child[0])} x on x.entity_id = r.id and x.entity = ${entity}` : sql``;
  const scope = owners ? sql`and r.owner_id in (${sql.join(owners)})` : sql``;
  return { from: sql`${table} r ${join}`, where: sql`${value} is not null and ${value} <> '' ${scope}`, value };
}

/** The next `limit` shared values after `after`, in order, each on at least two records. */
export async function duplicateKeys(db: Executor, entity: DuplicateEntity, by: DuplicateCriterion, owners: string[] | null, after: string | null, limit: number): Promise<string[]> {
  const { from, where, value } = source(entity, by, owners);
  const next = after === null ? sql`` : sql`and ${value} > ${after}`;
  const { rows } = await sql<{ k: string }>`select ${value} as k from ${from} where ${where} ${next} group by ${value} having count(distinct r.id) > 1 order by ${value} limit ${limit}`.execute(db);
  return rows.map((r) => r.k);
}

export interface RecordRow {
  k: string;
  id: string;
  name: string;
  detail: string | null;
  owner_id: string | null;
  owner_name: string | null;
  created_at: string;
}

/** The records carrying each of the values (each once per value), oldest first. */
export async function recordsOf(db: Executor, entity: DuplicateEntity, by: DuplicateCriterion, owners: string[] | null, keys: string[]): Promise<RecordRow[]> {
  if (!keys.length) return [];
  const { from, where, value } = source(entity, by, owners);
  const name = entity === 'company' ? sql`r.name` : sql`r.full_name`;
  const detail = entity === 'company' ? sql`coalesce(r.inn, r.eik)` : sql`r.position`;
  const { rows } = await sql<RecordRow>`select distinct ${value} as k, r.id, ${name} as name, ${detail} as detail, r.owner_id, u.name as owner_name, r.created_at
    from ${from} left join users u on u.id = r.owner_id
    where ${where} and ${value} in (${sql.join(keys)})
    order by k, r.created_at, r.id`.execute(db);
  return rows;
}
