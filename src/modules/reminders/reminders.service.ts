import type { Principal } from '../../platform/access/index.js';
import { nowIso, type Db } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import * as repo from './reminders.repository.js';
import type { MarkReadInput, Notification, NotificationListQuery, NotificationPage } from './reminders.schema.js';

export const toNotification = (r: repo.NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  entity: r.entity,
  entityId: r.entity_id,
  readAt: r.read_at,
  createdAt: r.created_at,
});

/** The signed-in user's own notifications: nobody reads or marks another user's. */
export class NotificationsService {
  constructor(private readonly db: Db) {}

  async list(p: Principal, q: NotificationListQuery): Promise<NotificationPage> {
    const before = q.cursor ? decodeCursor(q.cursor).id : null;
    const rows = await repo.listNotifications(this.db, p.id, { unread: q.unread, before, limit: q.limit });
    const items = rows.slice(0, q.limit).map(toNotification);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > q.limit && last ? encodeCursor({ v: null, id: last.id }) : null,
      unreadCount: await repo.unreadCount(this.db, p.id),
    };
  }

  unreadCount(p: Principal): Promise<number> {
    return repo.unreadCount(this.db, p.id);
  }

  async markRead(p: Principal, input: MarkReadInput): Promise<{ updated: number; unreadCount: number }> {
    const updated = await repo.markRead(this.db, p.id, input.all ? null : (input.ids ?? []), nowIso());
    return { updated, unreadCount: await repo.unreadCount(this.db, p.id) };
  }
}
