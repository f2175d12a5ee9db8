import type { z } from 'zod';
import type { Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import * as repo from './views.repository.js';
import type { createViewRequest, SavedView, updateViewRequest, ViewEntity } from './views.schema.js';

const ENTITY = 'saved_view';

const toView = (r: repo.ViewRow, p: Principal): SavedView => ({
  id: r.id,
  entity: r.entity as ViewEntity,
  name: r.name,
  query: JSON.parse(r.query) as Record<string, unknown>,
  isShared: r.is_shared === 1,
  userId: r.user_id,
  userName: r.user_name,
  isMine: r.user_id === p.id,
  createdAt: r.created_at,
});

const audited = (v: SavedView) => ({ name: v.name, query: v.query, isShared: v.isShared });

/** Saved list views: private to their owner or shared with everyone; only the owner (or an admin, for shared ones) changes them. */
export class ViewsService {
  constructor(private readonly db: Db) {}

  async list(p: Principal, entity: ViewEntity, page: { limit: number; cursor?: string }) {
    const cursor = page.cursor ? decodeCursor(page.cursor) : null;
    const rows = await repo.listViews(this.db, p.id, entity, page.limit + 1, cursor ? { name: String(cursor.v), id: cursor.id } : null);
    const items = rows.slice(0, page.limit).map((r) => toView(r, p));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ v: last.name, id: last.id }) : null };
  }

  async create(p: Principal, actor: Actor, input: z.output<typeof createViewRequest>): Promise<SavedView> {
    const id = newId();
    return this.db.transaction().execute(async (trx) => {
      await repo.insertView(trx, {
        id,
        user_id: p.id,
        entity: input.entity,
        name: input.name,
        query: JSON.stringify(input.query),
        is_shared: input.isShared ? 1 : 0,
        created_at: nowIso(),
      });
      await writeAudit(trx, actor, ENTITY, id, 'create');
      return toView((await repo.findView(trx, id))!, p);
    });
  }

  /** A view the caller may change: 404 when not visible, 403 when visible but someone else's. */
  private async editable(p: Principal, id: string): Promise<SavedView> {
    const row = await repo.findView(this.db, id);
    if (!row || (row.user_id !== p.id && row.is_shared !== 1)) throw AppError.notFound('saved_view');
    const view = toView(row, p);
    if (!view.isMine && p.roleKey !== 'admin') throw AppError.forbidden('Only the owner or an administrator may change a shared view');
    return view;
  }

  async update(p: Principal, actor: Actor, id: string, input: z.output<typeof updateViewRequest>): Promise<SavedView> {
    const before = await this.editable(p, id);
    return this.db.transaction().execute(async (trx) => {
      await repo.updateView(trx, id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.query !== undefined && { query: JSON.stringify(input.query) }),
        ...(input.isShared !== undefined && { is_shared: input.isShared ? 1 : 0 }),
      });
      const after = toView((await repo.findView(trx, id))!, p);
      await writeAudit(trx, actor, ENTITY, id, 'update', diff(audited(before), audited(after)));
      return after;
    });
  }

  async remove(p: Principal, actor: Actor, id: string): Promise<void> {
    await this.editable(p, id);
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteView(trx, id);
      await writeAudit(trx, actor, ENTITY, id, 'delete');
    });
  }
}
