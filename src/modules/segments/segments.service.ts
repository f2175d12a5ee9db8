import { ownerAllowed, ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { baseCurrency } from '../products/index.js';
import { createTask } from '../tasks/index.js';
import { jobStatus, readSettings } from './segments.job.js';
import { churnOf, type ChurnResult } from './segments.math.js';
import * as repo from './segments.repository.js';
import type {
  ChurnItem,
  CompanyClass,
  CompanyClassesQuery,
  ProductClass,
  ProductClassesQuery,
  SegmentMatrix,
} from './segments.schema.js';

/**
 * Reading the stored classes and the churn list. Classes are computed over ALL deals (a client's class
 * does not depend on who looks), but a user sees only the companies of their company read scope; product
 * money (revenue, margin) is shown only to users who may read all deals.
 */

const companyOwners = (p: Principal) => ownerFilter(p, scopeOf(p, 'company', 'read'));
const pct = (bp: number | null) => (bp === null ? null : bp / 100);

export async function companyClasses(db: Db, p: Principal, q: CompanyClassesQuery) {
  const rows = await repo.listCompanyClasses(db, { owners: companyOwners(p), abc: q.abc, xyz: q.xyz, cursor: q.cursor ? decodeCursor(q.cursor) : null, limit: q.limit });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const items = page.map(
    (r): CompanyClass => ({
      companyId: r.company_id,
      name: r.name,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      abc: r.abc as CompanyClass['abc'],
      xyz: r.xyz as CompanyClass['xyz'],
      isNew: r.is_new === 1,
      metricValue: Number(r.metric_value),
      cv: pct(r.cv_bp),
      rfm: r.rfm_r === null ? null : `${r.rfm_r}${r.rfm_f}${r.rfm_m}`,
      recencyDays: r.recency_days,
      frequency: Number(r.frequency),
      monetary: Number(r.monetary),
    }),
  );
  const last = page[page.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ v: Number(last.metric_value), id: last.company_id }) : null, currency: await baseCurrency(db) };
}

export async function matrix(db: Db, p: Principal): Promise<SegmentMatrix> {
  const { cells, rfm } = await repo.matrixCounts(db, companyOwners(p));
  return {
    cells: cells.map((c) => ({ abc: c.abc as 'A', xyz: (c.xyz ?? '-') as 'X', count: Number(c.count), value: Number(c.value) })),
    rfm: rfm.map((r) => ({ code: `${r.rfm_r}${r.rfm_f}${r.rfm_m}`, count: Number(r.count) })).sort((a, b) => b.code.localeCompare(a.code)),
    currency: await baseCurrency(db),
    job: await jobStatus(db),
  };
}

export async function productClasses(db: Db, p: Principal, q: ProductClassesQuery) {
  const rows = await repo.listProductClasses(db, { abc: q.abc, xyz: q.xyz, bcg: q.bcg, cursor: q.cursor ? decodeCursor(q.cursor) : null, limit: q.limit });
  const money = scopeOf(p, 'deal', 'read') === 'all';
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const items = page.map(
    (r): ProductClass => ({
      productId: r.product_id,
      name: r.name,
      groupName: r.group_name,
      abc: r.abc as ProductClass['abc'],
      xyz: r.xyz as ProductClass['xyz'],
      isNew: r.is_new === 1,
      metricValue: money ? Number(r.metric_value) : null,
      cv: pct(r.cv_bp),
      bcg: r.bcg as ProductClass['bcg'],
      revenue: money ? Number(r.revenue) : null,
      revenuePrev: money ? Number(r.revenue_prev) : null,
      growth: pct(r.growth_bp),
      relativeShare: r.rel_share_bp === null ? null : r.rel_share_bp / 10000,
    }),
  );
  const last = page[page.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ v: Number(last.metric_value), id: last.product_id }) : null, currency: await baseCurrency(db) };
}

const today = () => nowIso().slice(0, 10);
type Rhythm = Awaited<ReturnType<typeof repo.purchaseRhythms>>[number];
type Churned = Rhythm & { churn: ChurnResult; lastDay: string };

async function churned(db: Db, p: Principal, factor: number, companyId?: string): Promise<Churned[]> {
  const rows = await repo.purchaseRhythms(db, companyOwners(p), companyId);
  const day = today();
  const out: Churned[] = [];
  for (const r of rows) {
    const lastDay = r.last.slice(0, 10);
    const churn = churnOf({ purchases: Number(r.purchases), first: r.first.slice(0, 10), last: lastDay }, day, factor);
    if (churn) out.push({ ...r, churn, lastDay });
  }
  return out;
}

/** Churned clients of the user's company scope, most overdue first (keyset by days overdue and id). */
export async function churnList(db: Db, p: Principal, q: { limit: number; cursor?: string }) {
  const { churnFactor } = await readSettings(db);
  const all = (await churned(db, p, churnFactor)).sort((a, b) => b.churn.daysOverdue - a.churn.daysOverdue || a.companyId.localeCompare(b.companyId));
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const after = cursor
    ? all.filter((c) => c.churn.daysOverdue < Number(cursor.v) || (c.churn.daysOverdue === Number(cursor.v) && c.companyId > cursor.id))
    : all;
  const page = after.slice(0, q.limit);
  const tasks = new Map((await repo.churnTasks(db, page.map((c) => c.companyId))).map((t) => [`${t.company_id}|${t.last_purchase_at}`, t.task_id]));
  const items = page.map(
    (c): ChurnItem => ({
      companyId: c.companyId,
      name: c.name,
      ownerId: c.ownerId,
      ownerName: c.ownerName,
      purchases: Number(c.purchases),
      lastPurchase: c.lastDay,
      usualIntervalDays: c.churn.usualIntervalDays,
      daysSinceLast: c.churn.daysSinceLast,
      daysOverdue: c.churn.daysOverdue,
      taskId: tasks.get(`${c.companyId}|${c.lastDay}`) ?? null,
    }),
  );
  const last = page[page.length - 1];
  return { items, nextCursor: after.length > q.limit && last ? encodeCursor({ v: last.churn.daysOverdue, id: last.companyId }) : null, factor: churnFactor };
}

const taskTitles: Record<string, (name: string, days: number) => string> = {
  en: (n, d) => `Win back ${n}: no purchase for ${d} days`,
  ru: (n, d) => `Вернуть клиента ${n}: нет покупок ${d} дн.`,
  bg: (n, d) => `Върнете клиента ${n}: без покупки от ${d} дни`,
};

/**
 * A task for the company's owner (the caller when it has none) about its churn episode - the episode is
 * the company and its last purchase day, so a second call (or a concurrent one) makes no second task.
 */
export async function churnTask(db: Db, p: Principal, actor: Actor, companyId: string): Promise<{ taskId: string | null; created: boolean }> {
  const { churnFactor } = await readSettings(db);
  const [c] = await churned(db, p, churnFactor, companyId);
  if (!c) {
    const visible = await db.selectFrom('companies').select('owner_id').where('id', '=', companyId).executeTakeFirst();
    if (!visible || !ownerAllowed(p, scopeOf(p, 'company', 'read'), visible.owner_id)) throw AppError.notFound('company');
    throw new AppError('segments.not_churned', 409, 'The client is not churned (its purchase rhythm holds or it bought fewer than twice)');
  }
  const claimed = await repo.claimChurnEpisode(db, { company_id: companyId, last_purchase_at: c.lastDay, task_id: null, created_by: p.id, created_at: nowIso() });
  if (!claimed) {
    const [existing] = (await repo.churnTasks(db, [companyId])).filter((t) => t.last_purchase_at === c.lastDay);
    return { taskId: existing?.task_id ?? null, created: false };
  }
  try {
    const title = (taskTitles[p.locale] ?? taskTitles.en!)(c.name, c.churn.daysSinceLast);
    const task = await createTask(db, p, actor, {
      title,
      assigneeId: c.ownerId ?? p.id,
      companyId,
      dueDate: today(),
      priority: 'high',
    });
    await repo.setChurnTask(db, companyId, c.lastDay, task.id);
    return { taskId: task.id, created: true };
  } catch (err) {
    await repo.setChurnTask(db, companyId, c.lastDay, null);
    throw err;
  }
}
