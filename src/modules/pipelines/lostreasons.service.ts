import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './pipelines.repository.js';
import type { LostReason, LostReasonInput, LostReasonUpdate } from './pipelines.schema.js';
import { countUses } from './pipelines.service.js';

/** The admin list of reasons a deal is lost. */

const ENTITY = 'lost_reason';
const snapshotOf = (r: LostReason) => ({ name: r.name, sort: r.sort, isActive: r.isActive });

export async function listLostReasons(db: Executor, active?: boolean): Promise<LostReason[]> {
  return (await repo.listLostReasons(db, active)).map(repo.toLostReason);
}

export async function getLostReason(db: Executor, id: string): Promise<LostReason> {
  const row = await repo.findLostReason(db, id);
  if (!row) throw AppError.notFound(ENTITY);
  return repo.toLostReason(row);
}

export async function createLostReason(db: Db, actor: Actor, input: LostReasonInput): Promise<LostReason> {
  const id = newId();
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    const sort = input.sort ?? (await repo.listLostReasons(trx)).length;
    await repo.insertLostReason(trx, { id, name: input.name, sort, is_active: input.isActive ? 1 : 0, created_at: now, updated_at: now });
    const created = await getLostReason(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'create', diff({}, snapshotOf(created)));
    return created;
  });
}

export async function updateLostReason(db: Db, actor: Actor, id: string, input: LostReasonUpdate): Promise<LostReason> {
  return db.transaction().execute(async (trx) => {
    const before = await getLostReason(trx, id);
    await repo.updateLostReason(trx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.sort !== undefined && { sort: input.sort }),
      ...(input.isActive !== undefined && { is_active: input.isActive ? 1 : 0 }),
      updated_at: nowIso(),
    });
    const after = await getLostReason(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'update', diff(snapshotOf(before), snapshotOf(after)));
    return after;
  });
}

/** Deletes an unused reason; one that lost deals name is refused (deactivate it instead). */
export async function deleteLostReason(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getLostReason(trx, id);
    const count = await countUses(trx, 'lost_reason', [id]);
    if (count) throw new AppError('lost_reason.in_use', 409, `${count} deals give this reason; deactivate it instead`, { count });
    await repo.deleteLostReason(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'delete', diff(snapshotOf(before), {}));
  });
}
