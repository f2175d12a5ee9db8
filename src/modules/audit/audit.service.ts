import type { Db } from '../../platform/db/database.js';
import { ownerFilter, requireScope, type Principal } from '../../platform/access/principal.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import * as repo from './audit.repository.js';
import type { AuditEntry, AuditQuery } from './audit.schema.js';

/**
 * The audit log, newest first. Scope "all" sees every row; "department" the rows written by the
 * department's users; "own" the rows the principal wrote.
 */
export async function listAudit(db: Db, p: Principal, q: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const scope = requireScope(p, 'audit', 'read');
  const rows = await repo.listAudit(db, {
    entity: q.entity,
    entityId: q.entityId,
    userId: q.userId,
    byUsers: ownerFilter(p, scope),
    beforeId: q.cursor ? decodeCursor(q.cursor).id : null,
    limit: q.limit,
  });
  const items = rows.slice(0, q.limit).map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    userName: r.user_name,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    requestId: r.request_id,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ v: null, id: last.id }) : null };
}
