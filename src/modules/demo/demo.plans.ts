import type { Db } from '../../platform/db/database.js';
import { PrincipalLoader } from '../../platform/auth/principal-loader.js';
import { systemActor } from '../../platform/audit/audit.js';
import { periodOf, shiftPeriod } from '../../shared/periods.js';
import { createActivity } from '../activities/index.js';
import { createPlan } from '../plans/index.js';
import { rng } from './demo.generator.js';
import { ensureDemoTeam } from './demo.team.js';

/**
 * Demo sales plans, so that plans, forecasts and KPIs show something on a first start: for each demo sales
 * manager a plan of the current month (revenue about 1.5 times what they have won this month, at least 300,000,
 * and the funnel: deals, calls, meetings, proposals), a plan of each department (the sum of its managers') and of
 * the company for the current and the next quarter; and a history of done calls, meetings and proposals over the
 * last three months, which the reverse conversion planner needs for its rates.
 */

const DAY = 86_400_000;
const subjects = { call: 'Звонок клиенту', meeting: 'Встреча с клиентом', proposal: 'Коммерческое предложение' };

export async function seedDemoPlans(db: Db, now = new Date(), seed = 5): Promise<number> {
  if (await db.selectFrom('sales_plans').select('id').limit(1).executeTakeFirst()) return 0;
  const { sellers } = await ensureDemoTeam(db);
  const users = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', 'r.id', 'u.role_id')
    .select(['u.id', 'u.email', 'u.department_id', 'r.key as role'])
    .where('u.id', 'in', sellers.length ? sellers : [''])
    .execute();
  const principals = new PrincipalLoader(db);
  const head = users.find((u) => u.role === 'head_of_sales');
  const planner = head && (await principals.load(head.id));
  if (!planner) return 0;
  const p = { ...planner, viaToken: false };
  const actor = { ...systemActor, userId: planner.id };
  const today = now.toISOString().slice(0, 10);
  const month = today.slice(0, 7);
  const r = rng(seed);
  const byDepartment = new Map<string, number>();
  let made = 0;
  for (const u of users.filter((x) => x.role === 'sales_manager')) {
    const won = await db
      .selectFrom('deals as d')
      .innerJoin('stages as s', 's.id', 'd.stage_id')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('d.amount').as('amount')])
      .where('d.owner_id', '=', u.id)
      .where('s.kind', '=', 'won')
      .where('d.closed_at', '>=', `${month}-01`)
      .executeTakeFirstOrThrow();
    const revenue = Math.max(30_000_000, Math.ceil((Number(won.amount ?? 0) * 1.5) / 1_000_000) * 1_000_000);
    await createPlan(db, p, actor, { targetKind: 'user', targetId: u.id, period: month, revenue, deals: Number(won.n) + 3, calls: 80, meetings: 16, proposals: 8 });
    made++;
    if (u.department_id) byDepartment.set(u.department_id, (byDepartment.get(u.department_id) ?? 0) + revenue);
    const owner = await principals.load(u.id);
    const companies = await db.selectFrom('companies').select('id').where('owner_id', '=', u.id).orderBy('id').limit(20).execute();
    if (!owner || !companies.length) continue;
    for (let back = 1; back <= 90; back++) {
      const day = new Date(now.getTime() - back * DAY);
      if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
      const types: (keyof typeof subjects)[] = ['call'];
      if (r() < 0.5) types.push('call');
      if (r() < 0.3) types.push('meeting');
      if (r() < 0.15) types.push('proposal');
      for (const type of types) {
        await createActivity(db, { ...owner, viaToken: false }, { ...systemActor, userId: u.id }, {
          type,
          companyId: companies[Math.floor(r() * companies.length)]!.id,
          done: true,
          doneAt: new Date(day.getTime() + (9 + Math.floor(r() * 8)) * 3_600_000).toISOString(),
          subject: subjects[type],
        });
      }
    }
  }
  let total = 0;
  for (const [departmentId, revenue] of byDepartment) {
    await createPlan(db, p, actor, { targetKind: 'department', targetId: departmentId, period: month, revenue });
    total += revenue;
    made++;
  }
  const quarter = periodOf('quarter', today);
  await createPlan(db, p, actor, { targetKind: 'company', period: quarter, revenue: total * 3 });
  await createPlan(db, p, actor, { targetKind: 'company', period: shiftPeriod(quarter, 1), revenue: Math.round(total * 3.3) });
  return made + 2;
}
