import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './catalog.repository.js';
import type { Unit, UnitInput, UnitUpdate } from './catalog.schema.js';

/** Units of measure (OKEI codes, names per language); a unit used by products cannot be deleted. */

const ENTITY = 'unit';

const toUnit = (r: repo.UnitRow): Unit => ({
  id: r.id,
  key: r.key,
  okei: r.okei,
  names: JSON.parse(r.names) as Unit['names'],
  shorts: JSON.parse(r.shorts) as Unit['shorts'],
  sort: r.sort,
  productCount: Number(r.product_count ?? 0),
});
const audited = ({ productCount: _n, id: _id, ...u }: Unit) => u;

async function getUnit(db: Executor, id: string): Promise<Unit> {
  const row = await repo.findUnit(db, id);
  if (!row) throw AppError.notFound(ENTITY);
  return toUnit(row);
}

const keyTaken = () =>
  new AppError('unit.key_taken', 409, 'A unit with this key exists', { fields: [{ field: 'key', code: 'unit.key_taken', message: 'is already used' }] });

export async function listUnits(db: Db): Promise<Unit[]> {
  return (await repo.listUnits(db)).map(toUnit);
}

export async function createUnit(db: Db, actor: Actor, input: UnitInput): Promise<Unit> {
  const id = newId();
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    if (await repo.unitKeyTaken(trx, input.key, null)) throw keyTaken();
    await repo.insertUnit(trx, {
      id,
      key: input.key,
      okei: input.okei ?? null,
      names: JSON.stringify(input.names),
      shorts: JSON.stringify(input.shorts),
      sort: input.sort ?? 100,
      created_at: now,
      updated_at: now,
    });
    const created = await getUnit(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'create', diff({}, audited(created)));
    return created;
  });
}

export async function updateUnit(db: Db, actor: Actor, id: string, input: UnitUpdate): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    const before = await getUnit(trx, id);
    if (input.key && input.key !== before.key && (await repo.unitKeyTaken(trx, input.key, id))) throw keyTaken();
    await repo.updateUnit(trx, id, {
      ...(input.key !== undefined && { key: input.key }),
      ...(input.okei !== undefined && { okei: input.okei }),
      ...(input.names !== undefined && { names: JSON.stringify(input.names) }),
      ...(input.shorts !== undefined && { shorts: JSON.stringify(input.shorts) }),
      ...(input.sort !== undefined && { sort: input.sort }),
      updated_at: nowIso(),
    });
    const after = await getUnit(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'update', diff(audited(before), audited(after)));
    return after;
  });
}

export async function deleteUnit(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const u = await getUnit(trx, id);
    if (u.productCount > 0) throw new AppError('unit.in_use', 409, 'Products use this unit; change their unit first', { productCount: u.productCount });
    await repo.deleteUnit(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'delete', diff(audited(u), {}));
  });
}
