import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

/**
 * Columns of later modules that hold contact ids. A plain column (tasks.contact_id) is re-pointed by a
 * merge; a link table (deal_contacts: deal_id + contact_id) gets the kept contact linked wherever the merged
 * one was, without duplicating a link the kept contact already has. Deleting a contact is left to the
 * foreign keys (link rows cascade, plain columns are set null).
 */
export interface ContactReference {
  table: string;
  column: string;
  /** For a link table: the other key column of its primary key. */
  linkColumn?: string;
}

const references: ContactReference[] = [];

export function registerContactReference(ref: ContactReference): void {
  if (!references.some((r) => r.table === ref.table && r.column === ref.column)) references.push(ref);
}

export async function repointContactReferences(db: Executor, fromId: string, toId: string): Promise<void> {
  for (const r of references) {
    const table = sql.table(r.table);
    const column = sql.ref(r.column);
    if (r.linkColumn) {
      const link = sql.ref(r.linkColumn);
      await sql`UPDATE ${table} SET ${column} = ${toId} WHERE ${column} = ${fromId}
        AND ${link} NOT IN (SELECT ${link} FROM ${table} WHERE ${column} = ${toId})`.execute(db);
      await sql`DELETE FROM ${table} WHERE ${column} = ${fromId}`.execute(db);
    } else {
      await sql`UPDATE ${table} SET ${column} = ${toId} WHERE ${column} = ${fromId}`.execute(db);
    }
  }
}
