import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { isTimeZone, utcToZoned } from '../../shared/zoned.js';
import { departmentUsers, zoneOf } from '../activities/index.js';
import { daysBetween, itemRange, toItems, viewRange } from './calendar.items.js';
import * as repo from './calendar.repository.js';
import { CALENDAR_MAX_DAYS, type CalendarQuery, type CalendarRange } from './calendar.schema.js';

/** Items one calendar response carries at most. */
const CALENDAR_MAX_ITEMS = 5000;

const forbidden = () => new AppError('access.forbidden', 403, 'You may not see this calendar', { resource: 'activity', action: 'read' });
const visible = (ids: string[], allowed: string[] | null) => (allowed === null ? ids : ids.filter((id) => allowed.includes(id)));

/** Calendars of one user or of a department's members: their activities and tasks with a date, in the viewer's zone. */
export class CalendarService {
  constructor(private readonly db: Db) {}

  async range(p: Principal, q: CalendarQuery, now = Date.now()): Promise<CalendarRange> {
    const timeZone = q.timeZone ?? (await zoneOf(this.db, p.id));
    if (!isTimeZone(timeZone)) {
      throw AppError.validation([{ field: 'query.timeZone', code: 'calendar.time_zone_invalid', message: 'is not a known time zone' }]);
    }
    const { from, to } = q.view ? viewRange(q.view, q.date ?? utcToZoned(new Date(now), timeZone).date) : { from: q.from!, to: q.to! };
    const days = daysBetween(from, to);
    if (days < 1) throw AppError.validation([{ field: 'query.to', code: 'calendar.range_reversed', message: 'must not be before from' }]);
    if (days > CALENDAR_MAX_DAYS) {
      throw AppError.validation([{ field: 'query.to', code: 'calendar.range_too_long', message: `the range may span at most ${CALENDAR_MAX_DAYS} days` }]);
    }

    const userIds = await this.whose(p, q);
    const taskUsers = visible(userIds, ownerFilter(p, scopeOf(p, 'task', 'read')));
    const users = await repo.usersOf(this.db, userIds);
    const range = itemRange(from, to, timeZone, users.map((u) => u.time_zone));
    const [activities, tasks] = await Promise.all([
      repo.activitiesIn(this.db, userIds, range, CALENDAR_MAX_ITEMS + 1),
      repo.tasksIn(this.db, taskUsers, range, CALENDAR_MAX_ITEMS + 1),
    ]);
    const names = new Map(users.map((u) => [u.id, u.name]));
    const items = toItems(activities, tasks, { timeZone, now, names });
    const truncated = items.length > CALENDAR_MAX_ITEMS;
    return { from, to, timeZone, users: users.map((u) => ({ id: u.id, name: u.name })), items: items.slice(0, CALENDAR_MAX_ITEMS), truncated };
  }

  /** The users whose calendar is asked for, limited to those whose activities the viewer may read. */
  private async whose(p: Principal, q: CalendarQuery): Promise<string[]> {
    const allowed = ownerFilter(p, scopeOf(p, 'activity', 'read'));
    if (q.departmentId) {
      if (!(await repo.departmentExists(this.db, q.departmentId))) throw AppError.notFound('department');
      const members = visible(await departmentUsers(this.db, q.departmentId), allowed);
      if (!members.length) throw forbidden();
      return members;
    }
    const userId = q.userId ?? p.id;
    if (!visible([userId], allowed).length) throw forbidden();
    return [userId];
  }
}
