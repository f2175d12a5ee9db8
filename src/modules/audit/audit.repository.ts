import type { Executor } from '../../platform/db/database.js';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  userId?: string;
  /** Only rows written by these users; null for every row. */
  byUsers: string[] | null;
  beforeId: string | null;
  limit: number;
}

/** Newest first; one extra row tells the caller whether another page exists. */
export function listAudit(db: Executor, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.user_id',
      'users.name as user_name',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.action',
      'audit_log.field',
      'audit_log.old_value',
      'audit_log.new_value',
      'audit_log.request_id',
    ]);
  if (f.entity) q = q.where('audit_log.entity', '=', f.entity);
  if (f.entityId) q = q.where('audit_log.entity_id', '=', f.entityId);
  if (f.userId) q = q.where('audit_log.user_id', '=', f.userId);
  if (f.byUsers) q = q.where('audit_log.user_id', 'in', f.byUsers.length ? f.byUsers : ['']);
  if (f.beforeId) q = q.where('audit_log.id', '<', f.beforeId);
  return q.orderBy('audit_log.id', 'desc').limit(f.limit + 1).execute();
}
