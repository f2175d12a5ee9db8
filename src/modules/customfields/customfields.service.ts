import type { Db } from '../../platform/db/database.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import * as repo from './customfields.repository.js';
import {
  MAX_FIELDS_PER_ENTITY,
  optionTypes,
  type CustomField,
  type CustomFieldEntity,
  type CustomFieldInput,
  type CustomFieldUpdate,
} from './customfields.schema.js';

const keyTaken = () =>
  new AppError('custom_field.key_taken', 409, 'A field with this key exists for the entity', {
    fields: [{ field: 'key', code: 'custom_field.key_taken', message: 'is already used' }],
  });

export async function listCustomFields(db: Db, entity: CustomFieldEntity): Promise<CustomField[]> {
  return (await repo.listFields(db, entity)).map(repo.toCustomField);
}

async function getOr404(db: Db, id: string) {
  const row = await repo.getField(db, id);
  if (!row) throw AppError.notFound('custom_field');
  return row;
}

export async function createCustomField(db: Db, actor: Actor, input: CustomFieldInput): Promise<CustomField> {
  const now = new Date().toISOString();
  const row: repo.CustomFieldRow = {
    id: newId(),
    entity: input.entity,
    key: input.key,
    label: input.label,
    type: input.type,
    options: JSON.stringify(input.options),
    required: input.required ? 1 : 0,
    position: input.position,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    if (await repo.findByKey(trx, input.entity, input.key)) throw keyTaken();
    if ((await repo.countFields(trx, input.entity)) >= MAX_FIELDS_PER_ENTITY) {
      throw new AppError('custom_field.limit_reached', 409, `At most ${MAX_FIELDS_PER_ENTITY} custom fields per entity`);
    }
    await repo.insertField(trx, row);
    await writeAudit(trx, actor, 'custom_field', row.id, 'create');
  });
  return repo.toCustomField(row);
}

export async function updateCustomField(db: Db, actor: Actor, id: string, input: CustomFieldUpdate): Promise<CustomField> {
  return db.transaction().execute(async (trx) => {
    const before = repo.toCustomField(await getOr404(trx, id));
    if (input.options !== undefined && optionTypes.includes(before.type) && input.options.length === 0) {
      throw AppError.validation([{ field: 'options', code: 'custom_field.options_required', message: 'a select field needs at least one option' }]);
    }
    if (input.options !== undefined && !optionTypes.includes(before.type) && input.options.length > 0) {
      throw AppError.validation([{ field: 'options', code: 'custom_field.options_not_allowed', message: 'only select fields have options' }]);
    }
    const after: CustomField = { ...before, ...input, updatedAt: new Date().toISOString() };
    await repo.updateField(trx, id, {
      label: after.label,
      options: JSON.stringify(after.options),
      required: after.required ? 1 : 0,
      position: after.position,
      updated_at: after.updatedAt,
    });
    await writeAudit(trx, actor, 'custom_field', id, 'update', diff(before, after, ['label', 'options', 'required', 'position']));
    return after;
  });
}

/** Deletes the definition and the values stored under its key. */
export async function deleteCustomField(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await getOr404(trx, id);
    await repo.deleteField(trx, id);
    await repo.removeStoredValues(trx, row.entity as CustomFieldEntity, row.key);
    await writeAudit(trx, actor, 'custom_field', id, 'delete', [{ field: 'key', old: `${row.entity}.${row.key}`, new: null }]);
  });
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => DATE_RE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** One value against its definition: the clean value, or the issue. */
function checkValue(f: CustomField, v: unknown): { value: unknown } | { issue: Omit<FieldIssue, 'field'> } {
  const bad = (code: string, message: string) => ({ issue: { code, message } });
  switch (f.type) {
    case 'text':
      if (typeof v !== 'string') return bad('custom_field.type', 'must be text');
      return v.length > 5000 ? bad('custom_field.too_long', 'must be at most 5000 characters') : { value: v };
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? { value: v } : bad('custom_field.type', 'must be a number');
    case 'date':
      return typeof v === 'string' && isDate(v) ? { value: v } : bad('custom_field.type', 'must be a date YYYY-MM-DD');
    case 'checkbox':
      return typeof v === 'boolean' ? { value: v } : bad('custom_field.type', 'must be true or false');
    case 'select':
      if (typeof v !== 'string') return bad('custom_field.type', 'must be one of the options');
      return f.options.includes(v) ? { value: v } : bad('custom_field.option', 'is not one of the options');
    case 'multiselect': {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return bad('custom_field.type', 'must be a list of options');
      if (!v.every((x) => f.options.includes(x))) return bad('custom_field.option', 'contains a value that is not an option');
      return { value: [...new Set(v)] };
    }
  }
}

/**
 * Checks custom values of a record against the entity's definitions: types, options, required fields;
 * unknown keys are issues. Empty values are dropped. Issues name `custom.<key>`.
 */
export function checkCustomValues(fields: CustomField[], values: Record<string, unknown>): { clean: Record<string, unknown>; issues: FieldIssue[] } {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const issues: FieldIssue[] = [];
  const clean: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(values)) {
    const f = byKey.get(key);
    if (!f) {
      issues.push({ field: `custom.${key}`, code: 'custom_field.unknown', message: 'is not a custom field of this entity' });
      continue;
    }
    if (isEmpty(v)) continue;
    const r = checkValue(f, v);
    if ('issue' in r) issues.push({ field: `custom.${key}`, ...r.issue });
    else clean[key] = r.value;
  }
  for (const f of fields) {
    if (f.required && !(f.key in clean) && !issues.some((i) => i.field === `custom.${f.key}`)) {
      issues.push({ field: `custom.${f.key}`, code: 'custom_field.required', message: 'is required' });
    }
  }
  return { clean, issues };
}

/** checkCustomValues against the stored definitions; throws a 422 naming `custom.<key>`. */
export async function validateCustomValues(db: Db, entity: CustomFieldEntity, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { clean, issues } = checkCustomValues(await listCustomFields(db, entity), values);
  if (issues.length) throw AppError.validation(issues);
  return clean;
}

/**
 * A list filter value from the query string (`cf.<key>=value`) as the typed JSON value it is stored as.
 * For multiselect the filter matches records whose list contains the value.
 */
export function parseCustomFilterValue(f: CustomField, raw: string): string | number | boolean {
  const fail = (message: string) => AppError.validation([{ field: `query.cf.${f.key}`, code: 'custom_field.filter_invalid', message }]);
  switch (f.type) {
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) throw fail('must be a number');
      return n;
    }
    case 'checkbox':
      if (raw !== 'true' && raw !== 'false') throw fail('must be true or false');
      return raw === 'true';
    case 'date':
      if (!isDate(raw)) throw fail('must be a date YYYY-MM-DD');
      return raw;
    default:
      return raw;
  }
}
