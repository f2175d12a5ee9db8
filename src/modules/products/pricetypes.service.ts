import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './catalog.repository.js';
import type { PriceType, PriceTypeInput, PriceTypeUpdate } from './catalog.schema.js';

/**
 * Price types (retail, wholesale, dealer ...), each with its currency. Exactly one is the default: making
 * another one the default moves the mark; the default cannot be deleted or un-marked directly.
 * Deleting a price type deletes the product prices of that type.
 */

const ENTITY = 'price_type';

const toPriceType = (r: repo.PriceTypeRow): PriceType => ({ id: r.id, key: r.key, name: r.name, currency: r.currency, isDefault: r.is_default === 1, sort: r.sort });
const audited = ({ id: _id, ...p }: PriceType) => p;

async function getPriceType(db: Executor, id: string): Promise<PriceType> {
  const row = await repo.findPriceType(db, id);
  if (!row) throw AppError.notFound(ENTITY);
  return toPriceType(row);
}

const keyTaken = () =>
  new AppError('price_type.key_taken', 409, 'A price type with this key exists', { fields: [{ field: 'key', code: 'price_type.key_taken', message: 'is already used' }] });
const defaultRequired = () =>
  new AppError('price_type.default_required', 409, 'One price type must stay the default; make another one the default instead', {
    fields: [{ field: 'isDefault', code: 'price_type.default_required', message: 'make another price type the default instead' }],
  });

export async function listPriceTypes(db: Db): Promise<PriceType[]> {
  return (await repo.listPriceTypes(db)).map(toPriceType);
}

export async function createPriceType(db: Db, actor: Actor, input: PriceTypeInput): Promise<PriceType> {
  const id = newId();
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    if (await repo.findPriceType(trx, input.key, 'key')) throw keyTaken();
    const isDefault = input.isDefault || !(await repo.defaultPriceType(trx));
    if (isDefault) await repo.clearDefaultPriceType(trx, id);
    await repo.insertPriceType(trx, { id, key: input.key, name: input.name, currency: input.currency, is_default: isDefault ? 1 : 0, sort: input.sort ?? 0, created_at: now, updated_at: now });
    const created = await getPriceType(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'create', diff({}, audited(created)));
    return created;
  });
}

export async function updatePriceType(db: Db, actor: Actor, id: string, input: PriceTypeUpdate): Promise<PriceType> {
  return db.transaction().execute(async (trx) => {
    const before = await getPriceType(trx, id);
    if (input.key && input.key !== before.key && (await repo.findPriceType(trx, input.key, 'key'))) throw keyTaken();
    if (input.isDefault === false && before.isDefault) throw defaultRequired();
    if (input.isDefault && !before.isDefault) await repo.clearDefaultPriceType(trx, id);
    await repo.updatePriceType(trx, id, {
      ...(input.key !== undefined && { key: input.key }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.currency !== undefined && { currency: input.currency }),
      ...(input.isDefault && { is_default: 1 }),
      ...(input.sort !== undefined && { sort: input.sort }),
      updated_at: nowIso(),
    });
    const after = await getPriceType(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'update', diff(audited(before), audited(after)));
    return after;
  });
}

export async function deletePriceType(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await getPriceType(trx, id);
    if (p.isDefault) throw defaultRequired();
    const prices = await repo.countPrices(trx, id);
    await repo.deletePriceType(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'delete', diff({ ...audited(p), prices }, {}));
  });
}
