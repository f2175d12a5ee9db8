import { ownerFilter, requireScope, type Principal } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { duplicateKeys, recordsOf } from './duplicates.repository.js';
import type { DuplicateGroup, DuplicatePage, DuplicateQuery } from './duplicates.schema.js';

/**
 * Groups of records within the user's read scope that share an INN, EIK, phone, e-mail or name, a page of
 * groups at a time in the order of the shared value. Merging them is the companies' and contacts' own merge.
 */
export async function findDuplicateGroups(db: Db, p: Principal, q: DuplicateQuery): Promise<DuplicatePage> {
  const owners = ownerFilter(p, requireScope(p, q.entity, 'read'));
  if (owners && !owners.length) return { items: [], nextCursor: null };
  const after = q.cursor ? String(decodeCursor(q.cursor).v) : null;
  const keys = await duplicateKeys(db, q.entity, q.by, owners, after, q.limit + 1);
  const page = keys.slice(0, q.limit);
  const groups = new Map<string, DuplicateGroup>(page.map((k) => [k, { key: k, records: [] }]));
  for (const r of await recordsOf(db, q.entity, q.by, owners, page)) {
    groups.get(r.k)?.records.push({ id: r.id, name: r.name, detail: r.detail, ownerId: r.owner_id, ownerName: r.owner_name, createdAt: r.created_at });
  }
  const last = page.at(-1);
  return { items: [...groups.values()], nextCursor: keys.length > q.limit && last !== undefined ? encodeCursor({ v: last, id: '' }) : null };
}
