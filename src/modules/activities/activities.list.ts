import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { toActivity, type ContactRef } from './activities.mapper.js';
import { listActivities, type ActivitySpec } from './activities.query.js';
import * as repo from './activities.repository.js';
import { todayIn, zoneOf } from './activities.rules.js';
import type { Activity, ActivityListQuery, ActivityPage } from './activities.schema.js';

/** Activity lists: always limited to the activities the principal may read. */

const intersect = (a: string[] | null, b: string[]): string[] => (a === null ? b : b.filter((x) => a.includes(x)));

/** Activities of the rows with their contact persons (one query for all of them). */
export async function withContacts(db: Executor, rows: repo.ActivityRow[]): Promise<Activity[]> {
  const byActivity = new Map<string, ContactRef[]>();
  for (const c of await repo.contactsOf(db, rows.map((r) => r.id))) {
    byActivity.set(c.activity_id, [...(byActivity.get(c.activity_id) ?? []), { id: c.id, fullName: c.full_name }]);
  }
  return rows.map((r) => toActivity(r, byActivity.get(r.id) ?? []));
}

/** The readable owners narrowed by the owner and department filters. */
export async function readableOwners(db: Executor, p: Principal, f: { ownerId?: string; departmentId?: string }): Promise<string[] | null> {
  let owners = ownerFilter(p, scopeOf(p, 'activity', 'read'));
  if (f.ownerId) owners = intersect(owners, [f.ownerId]);
  if (f.departmentId) owners = intersect(owners, await repo.departmentUsers(db, f.departmentId));
  return owners;
}

export async function listActivityPage(db: Executor, p: Principal, q: ActivityListQuery): Promise<ActivityPage> {
  const now = new Date();
  const spec: ActivitySpec = {
    owners: await readableOwners(db, p, q),
    companyId: q.companyId,
    dealId: q.dealId,
    contactId: q.contactId,
    types: q.type,
    status: q.status,
    from: q.from,
    to: q.to,
    promises: q.promises,
    overdue: q.overdue === undefined ? undefined : { late: q.overdue, nowUtc: now.toISOString(), today: todayIn(await zoneOf(db, p.id), now) },
  };
  const { rows, next } = await listActivities(db, spec, q.sort, q.cursor ? decodeCursor(q.cursor) : null, q.limit);
  return { items: await withContacts(db, rows), nextCursor: next ? encodeCursor(next) : null };
}
