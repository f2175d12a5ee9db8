import { ownerAllowed, ownerFilter, requireScope, type Principal } from '../../platform/access/index.js';
import type { Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { subtreeIds } from '../../shared/tree.js';
import { entriesOf } from './schedule.entries.js';
import { planFor, type Plan } from './schedule.plan.js';
import { redistribute } from './schedule.redistribute.js';
import * as repo from './schedule.repository.js';
import type {
  Forecast,
  ForecastQuery,
  RedistributeInput,
  ScheduleSettingsUpdate,
  ScheduleSettingsView,
  Team,
  TeamMember,
  TeamQuery,
  Today,
} from './schedule.schema.js';
import { readUserSettings, updateUserSettings, type UserScheduleSettings } from './schedule.settings.js';
import { workSettingsOf } from '../worktime/index.js';

/**
 * The schedule of a manager (today and the forecast), the team's load and redistribution. A user sees
 * their own schedule; others' schedules need the activity read scope over them (a head of sales: the
 * department or everyone).
 */

const forbidden = () => AppError.forbidden('You may not see the schedule of this user');

export class ScheduleService {
  constructor(
    readonly db: Db,
    private readonly defaultCountry: string,
  ) {}

  /** The user whose schedule is asked for: the principal, or someone within their activity read scope. */
  assertViewable(p: Principal, userId: string): void {
    if (userId === p.id) return;
    if (!ownerAllowed(p, requireScope(p, 'activity', 'read'), userId)) throw forbidden();
  }

  private async plan(userId: string, horizon: number): Promise<Plan> {
    const plan = (await planFor(this.db, [userId], horizon, new Date(), this.defaultCountry)).get(userId);
    if (!plan) throw AppError.notFound('user');
    return plan;
  }

  private head(plan: Plan) {
    const today = plan.schedule.days[0]!;
    return {
      userId: plan.user.id,
      userName: plan.user.name,
      timeZone: plan.user.timeZone,
      today: plan.schedule.today,
      localTime: plan.schedule.localTime,
      dailyCapacity: plan.work.dailyCapacity,
      doneToday: plan.doneToday,
      notToday: plan.openTotal - today.items.length,
    };
  }

  async today(p: Principal, userId = p.id): Promise<Today> {
    this.assertViewable(p, userId);
    const plan = await this.plan(userId, 0);
    const [day] = await entriesOf(this.db, plan.schedule.days.slice(0, 1), plan.user.timeZone);
    return { ...this.head(plan), day: day! };
  }

  async forecast(p: Principal, q: ForecastQuery): Promise<Forecast> {
    const userId = q.userId ?? p.id;
    this.assertViewable(p, userId);
    const plan = await this.plan(userId, q.days);
    return { ...this.head(plan), days: await entriesOf(this.db, plan.schedule.days, plan.user.timeZone), later: plan.openTotal - placed(plan) };
  }

  /**
   * Users of the department (and its sub-departments) the principal may see, each with their load: members
   * of a department, and others who have open activities or finished some today (not every administrator).
   */
  async team(p: Principal, q: TeamQuery): Promise<Team> {
    const owners = ownerFilter(p, requireScope(p, 'activity', 'read'));
    const departmentIds = q.departmentId ? [...subtreeIds(await repo.departments(this.db), q.departmentId)] : null;
    const users = (await repo.activeUsers(this.db, departmentIds)).filter((u) => owners === null || owners.includes(u.id));
    const plans = await planFor(this.db, users.map((u) => u.id), q.days, new Date(), this.defaultCountry);
    const members: TeamMember[] = [];
    for (const u of users) {
      const plan = plans.get(u.id);
      if (plan && (u.department_id !== null || plan.openTotal > 0 || plan.doneToday > 0)) {
        members.push(member(plan, await repo.countUntimedDue(this.db, u.id, plan.schedule.today)));
      }
    }
    return { members };
  }

  async settings(p: Principal, userId = p.id): Promise<ScheduleSettingsView> {
    this.assertViewable(p, userId);
    return this.settingsView(userId, (await readUserSettings(this.db, [userId])).get(userId)!);
  }

  /** A user changes their own settings; someone else's need the activity update scope over them. */
  async updateSettings(p: Principal, actor: Actor, userId: string, input: ScheduleSettingsUpdate): Promise<ScheduleSettingsView> {
    if (userId !== p.id && !ownerAllowed(p, requireScope(p, 'activity', 'update'), userId)) {
      throw AppError.forbidden('You may not change the schedule settings of this user');
    }
    if (!(await repo.usersByIds(this.db, [userId])).length) throw AppError.notFound('user');
    return this.settingsView(userId, await updateUserSettings(this.db, actor, userId, input));
  }

  private async settingsView(userId: string, s: UserScheduleSettings): Promise<ScheduleSettingsView> {
    const work = (await workSettingsOf(this.db, [userId])).get(userId);
    if (!work) throw AppError.notFound('user');
    return { userId, groupOrder: s.groupOrder, customersBeforeHot: s.customersBeforeHot, hotThreshold: s.hotThreshold, own: s.own, dailyCapacity: work.dailyCapacity };
  }

  /** Moves open activities of one user to another (a head of sales balancing the load); audited per activity. */
  async redistribute(p: Principal, actor: Actor, input: RedistributeInput): Promise<{ moved: number }> {
    const scope = requireScope(p, 'activity', 'update');
    if (!ownerAllowed(p, scope, input.fromUserId) || !ownerAllowed(p, scope, input.toUserId)) {
      throw AppError.forbidden('You may not move activities between these users');
    }
    if (input.fromUserId === input.toUserId) {
      throw AppError.validation([{ field: 'toUserId', code: 'schedule.same_user', message: 'must differ from fromUserId' }]);
    }
    const [to] = await repo.usersByIds(this.db, [input.toUserId]);
    if (!to || to.is_active !== 1) {
      throw AppError.validation([{ field: 'toUserId', code: 'schedule.user_inactive', message: 'must be an active user' }]);
    }
    return redistribute(this.db, actor, input, to.time_zone);
  }
}

const placed = (plan: Plan) => plan.schedule.days.reduce((n, d) => n + d.items.length, 0);

/** A member's load; untimedDue: their open untimed items due by today (placed today or flowing over). */
function member(plan: Plan, untimedDue: number): TeamMember {
  const [today, ...next] = plan.schedule.days;
  const count = (rule: string) => today!.items.filter((i) => i.rule === rule).length;
  return {
    userId: plan.user.id,
    name: plan.user.name,
    departmentId: plan.user.departmentId,
    timeZone: plan.user.timeZone,
    today: plan.schedule.today,
    dailyCapacity: plan.work.dailyCapacity,
    doneToday: plan.doneToday,
    todayCount: today!.items.length,
    todayCapacity: today!.capacity,
    missedToday: count('promise_missed_today'),
    overduePromises: count('promise_overdue'),
    overflow: untimedDue - today!.items.filter((i) => i.block === 'funnel').length,
    openTotal: plan.openTotal,
    days: next.map((d) => ({ date: d.date, isWorkingDay: d.isWorkingDay, count: d.items.length, capacity: d.capacity })),
  };
}
