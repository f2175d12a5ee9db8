import type { Executor } from '../db/database.js';
import { newId } from '../ids.js';

/** Who did it: every mutation is attributed. */
export interface Actor {
  userId: string | null;
  requestId: string | null;
}

export const systemActor: Actor = { userId: null, requestId: null };

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

const show = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

/** Field-by-field differences between two snapshots of a record. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>, fields?: string[]): FieldChange[] {
  const keys = fields ?? [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => show(before[k]) !== show(after[k]))
    .map((k) => ({ field: k, old: before[k] ?? null, new: after[k] ?? null }));
}

/** The audit rows of one mutation: `create`/`delete` without changes is one row, `update` one row per changed field. */
export function auditRows(actor: Actor, entity: string, entityId: string, action: string, changes: FieldChange[] = [], at = new Date().toISOString()) {
  return (changes.length ? changes : [null]).map((c) => ({
    id: newId(),
    at,
    user_id: actor.userId,
    entity,
    entity_id: entityId,
    action,
    field: c?.field ?? null,
    old_value: c ? show(c.old) : null,
    new_value: c ? show(c.new) : null,
    request_id: actor.requestId,
  }));
}

/** Writes audit rows in the caller's transaction (an `update` without changes writes nothing). */
export async function writeAudit(
  db: Executor,
  actor: Actor,
  entity: string,
  entityId: string,
  action: string,
  changes: FieldChange[] = [],
): Promise<void> {
  if (action === 'update' && changes.length === 0) return;
  await db.insertInto('audit_log').values(auditRows(actor, entity, entityId, action, changes)).execute();
}
