import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import type { AdCostTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import * as repo from './sources.repository.js';
import type { AdCost, AdCostInput, AdCostListQuery, AdCostUpdate } from './sources.schema.js';

/** Advertising costs: one amount per channel, campaign ('' = the whole channel), month and currency. */

const toCost = (r: AdCostTable): AdCost => ({
  id: r.id,
  channel: r.channel,
  campaign: r.campaign,
  month: r.month,
  amount: Number(r.amount),
  currency: r.currency,
  note: r.note,
  version: Number(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const audited = (c: AdCost) => ({ channel: c.channel, campaign: c.campaign, month: c.month, amount: c.amount, currency: c.currency, note: c.note });

async function getCost(db: Executor, id: string): Promise<AdCost> {
  const row = await repo.findCost(db, id);
  if (!row) throw AppError.notFound(repo.ENTITY);
  return toCost(row);
}

const duplicate = () =>
  new AppError('ad_cost.duplicate', 409, 'This channel / campaign already has a cost in this month and currency; edit it instead', {
    fields: [{ field: 'month', code: 'ad_cost.duplicate', message: 'already has a cost of this channel, campaign and currency' }],
  });

export async function listCosts(db: Db, q: AdCostListQuery) {
  const rows = await repo.listCosts(db, { month: q.month, channel: q.channel, cursor: q.cursor ? decodeCursor(q.cursor) : null, limit: q.limit });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  return { items: page.map(toCost), nextCursor: more && last ? encodeCursor({ v: last.month, id: last.id }) : null };
}

export const readCost = (db: Db, id: string) => getCost(db, id);

export async function createCost(db: Db, actor: Actor, input: AdCostInput): Promise<AdCost> {
  const id = newId();
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    if (await repo.costExists(trx, input, null)) throw duplicate();
    await repo.insertCost(trx, { id, ...input, note: input.note ?? null, version: 1, created_by: actor.userId, created_at: now, updated_at: now });
    const created = await getCost(trx, id);
    await writeAudit(trx, actor, repo.ENTITY, id, 'create', diff({}, audited(created)));
    return created;
  });
}

export async function updateCost(db: Db, actor: Actor, id: string, input: AdCostUpdate): Promise<AdCost> {
  return db.transaction().execute(async (trx) => {
    const before = await getCost(trx, id);
    const { version, ...changes } = input;
    if (version !== before.version) throw new AppError('ad_cost.version_conflict', 409, 'The cost was changed by someone else; reload it', { current: before });
    const next = { ...audited(before), ...changes, note: changes.note === undefined ? before.note : changes.note };
    if (await repo.costExists(trx, next, id)) throw duplicate();
    if (!(await repo.updateCost(trx, id, version, { ...next, version: version + 1, updated_at: nowIso() }))) {
      throw new AppError('ad_cost.version_conflict', 409, 'The cost was changed by someone else; reload it', { current: await getCost(trx, id) });
    }
    const after = await getCost(trx, id);
    await writeAudit(trx, actor, repo.ENTITY, id, 'update', diff(audited(before), audited(after)));
    return after;
  });
}

export async function deleteCost(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const c = await getCost(trx, id);
    await repo.deleteCost(trx, id);
    await writeAudit(trx, actor, repo.ENTITY, id, 'delete', diff(audited(c), {}));
  });
}
