import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { subtreeIds } from '../../shared/tree.js';
import * as repo from './catalog.repository.js';
import type { ProductGroup, ProductGroupInput, ProductGroupUpdate } from './catalog.schema.js';

/** The product group tree: any depth, sibling names unique, no cycles, only empty groups are deleted. */

const ENTITY = 'product_group';

const toGroup = (r: repo.GroupRow): ProductGroup => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  sort: r.sort,
  productCount: Number(r.product_count ?? 0),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const audited = (g: ProductGroup) => ({ name: g.name, parentId: g.parentId, sort: g.sort });

async function getGroup(db: Executor, id: string): Promise<ProductGroup> {
  const row = await repo.findGroup(db, id);
  if (!row) throw AppError.notFound(ENTITY);
  return toGroup(row);
}

const parentUnknown = () => AppError.validation([{ field: 'parentId', code: 'product_group.parent_unknown', message: 'no such group' }]);
const nameTaken = () =>
  new AppError('product_group.name_taken', 409, 'A group with this name exists at this level', {
    fields: [{ field: 'name', code: 'product_group.name_taken', message: 'is already used at this level' }],
  });

export async function listGroups(db: Db): Promise<ProductGroup[]> {
  return (await repo.listGroups(db)).map(toGroup);
}

/** The group and every group below it (for list filters). */
export async function groupSubtree(db: Executor, id: string): Promise<string[]> {
  const parents = await repo.groupParents(db);
  if (!parents.has(id)) throw AppError.validation([{ field: 'query.groupId', code: 'product.group_unknown', message: 'no such group' }]);
  return [...subtreeIds([...parents].map(([gid, parentId]) => ({ id: gid, parentId })), id)];
}

export async function createGroup(db: Db, actor: Actor, input: ProductGroupInput): Promise<ProductGroup> {
  const id = newId();
  const now = nowIso();
  const parentId = input.parentId ?? null;
  return db.transaction().execute(async (trx) => {
    if (parentId && !(await repo.findGroup(trx, parentId))) throw parentUnknown();
    if (await repo.siblingNamed(trx, parentId, input.name, null)) throw nameTaken();
    await repo.insertGroup(trx, { id, parent_id: parentId, name: input.name, sort: input.sort ?? 0, created_at: now, updated_at: now });
    const created = await getGroup(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'create', diff({}, audited(created)));
    return created;
  });
}

/** True when `parentId` is `id` or lies below it. */
function wouldCycle(parents: Map<string, string | null>, id: string, parentId: string): boolean {
  const seen = new Set<string>();
  for (let at: string | null | undefined = parentId; at && !seen.has(at); at = parents.get(at)) {
    if (at === id) return true;
    seen.add(at);
  }
  return false;
}

export async function updateGroup(db: Db, actor: Actor, id: string, input: ProductGroupUpdate): Promise<ProductGroup> {
  return db.transaction().execute(async (trx) => {
    const before = await getGroup(trx, id);
    const parentId = input.parentId === undefined ? before.parentId : input.parentId;
    if (input.parentId) {
      const parents = await repo.groupParents(trx);
      if (!parents.has(input.parentId)) throw parentUnknown();
      if (wouldCycle(parents, id, input.parentId)) {
        throw new AppError('product_group.cycle', 422, 'A group cannot be placed inside itself or its subgroups', {
          fields: [{ field: 'parentId', code: 'product_group.cycle', message: 'is this group or one of its subgroups' }],
        });
      }
    }
    const name = input.name ?? before.name;
    if ((name !== before.name || parentId !== before.parentId) && (await repo.siblingNamed(trx, parentId, name, id))) throw nameTaken();
    await repo.updateGroup(trx, id, { name, parent_id: parentId, sort: input.sort ?? before.sort, updated_at: nowIso() });
    const after = await getGroup(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'update', diff(audited(before), audited(after)));
    return after;
  });
}

export async function deleteGroup(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const g = await getGroup(trx, id);
    const childCount = await repo.countChildGroups(trx, id);
    if (childCount > 0 || g.productCount > 0) {
      throw new AppError('product_group.not_empty', 409, 'Move its products and subgroups elsewhere first', { childCount, productCount: g.productCount });
    }
    await repo.deleteGroup(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'delete', diff(audited(g), {}));
  });
}
