import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { dialectOf } from '../../platform/db/dialect.js';
import type { CustomFieldTable } from '../../platform/db/schema.js';
import type { CustomField, CustomFieldEntity } from './customfields.schema.js';

export type CustomFieldRow = CustomFieldTable;

export function toCustomField(r: CustomFieldRow): CustomField {
  return {
    id: r.id,
    entity: r.entity as CustomField['entity'],
    key: r.key,
    label: r.label,
    type: r.type as CustomField['type'],
    options: JSON.parse(r.options) as string[],
    required: r.required === 1,
    position: r.position,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listFields(db: Executor, entity: CustomFieldEntity): Promise<CustomFieldRow[]> {
  return db.selectFrom('custom_fields').selectAll().where('entity', '=', entity).orderBy('position').orderBy('key').execute();
}

export async function countFields(db: Executor, entity: CustomFieldEntity): Promise<number> {
  const r = await db.selectFrom('custom_fields').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', entity).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function getField(db: Executor, id: string): Promise<CustomFieldRow | undefined> {
  return db.selectFrom('custom_fields').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByKey(db: Executor, entity: string, key: string): Promise<CustomFieldRow | undefined> {
  return db.selectFrom('custom_fields').selectAll().where('entity', '=', entity).where('key', '=', key).executeTakeFirst();
}

export async function insertField(db: Executor, row: CustomFieldRow): Promise<void> {
  await db.insertInto('custom_fields').values(row).execute();
}

export async function updateField(db: Executor, id: string, set: Partial<CustomFieldRow>): Promise<void> {
  await db.updateTable('custom_fields').set(set).where('id', '=', id).execute();
}

export async function deleteField(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('custom_fields').where('id', '=', id).execute();
}

const entityTables = { company: 'companies', contact: 'contacts', product: 'products' } as const;

/** Removes a deleted field's values from every record of the entity (the key is a validated slug). */
export async function removeStoredValues(db: Executor, entity: CustomFieldEntity, key: string): Promise<void> {
  const table = sql.table(entityTables[entity]);
  if (dialectOf(db) === 'postgres') {
    await sql`UPDATE ${table} SET custom = (custom::jsonb - ${key})::text WHERE custom::jsonb ? ${key}`.execute(db);
  } else {
    const path = `$.${key}`;
    await sql`UPDATE ${table} SET custom = json_remove(custom, ${path}) WHERE json_type(custom, ${path}) IS NOT NULL`.execute(db);
  }
}
