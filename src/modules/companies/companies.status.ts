import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Executor } from '../../platform/db/database.js';
import { ENTITY } from './companies.repository.js';

/**
 * A potential client becomes a current one (its first won deal): status, status date and version change in
 * the caller's transaction, with a history row. Returns whether the status changed.
 */
export async function markCompanyCurrent(trx: Executor, companyId: string, actor: Actor): Promise<boolean> {
  const now = nowIso();
  const r = await trx
    .updateTable('companies')
    .set((eb) => ({ status: 'current', status_changed_at: now, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', companyId)
    .where('status', '=', 'potential')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await writeAudit(trx, actor, ENTITY, companyId, 'update', [{ field: 'status', old: 'potential', new: 'current' }]);
  return true;
}
