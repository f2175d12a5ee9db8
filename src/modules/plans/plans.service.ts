import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { requireScope, type Principal } from '../../platform/access/index.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { periodKindOf } from '../../shared/periods.js';
import * as repo from './plans.repository.js';
import { measureKeys, type Plan, type PlanInput, type PlanListQuery, type PlanUpdate, type Target, type TargetKind } from './plans.schema.js';
import { planVisibility, resolveTarget, storedTargetId, visibleTo } from './targets.js';

/** Sales plans: one per target and period; every change audited in its transaction. */

const ENTITY = 'plan';

async function targetNames(db: Executor, rows: readonly repo.PlanRow[]): Promise<Map<string, string>> {
  const users = await repo.userNames(db, [...new Set(rows.filter((r) => r.target_kind === 'user').map((r) => r.target_id))]);
  const depts = rows.some((r) => r.target_kind === 'department') ? await repo.departments(db) : [];
  return new Map([...users.map((u) => [`user:${u.id}`, u.name] as const), ...depts.map((d) => [`department:${d.id}`, d.name] as const)]);
}

function toPlan(r: repo.PlanRow, names: Map<string, string>): Plan {
  const kind = r.target_kind as TargetKind;
  const target: Target = kind === 'company' ? { kind, id: null, name: null } : { kind, id: r.target_id, name: names.get(`${kind}:${r.target_id}`) ?? null };
  return {
    id: r.id,
    target,
    period: r.period,
    periodKind: periodKindOf(r.period)!,
    revenue: r.revenue === null ? null : Number(r.revenue),
    deals: r.deals,
    calls: r.calls,
    meetings: r.meetings,
    proposals: r.proposals,
    note: r.note,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function plansOf(db: Executor, rows: readonly repo.PlanRow[]): Promise<Plan[]> {
  const names = await targetNames(db, rows);
  return rows.map((r) => toPlan(r, names));
}

const audited = (r: Pick<repo.PlanRow, 'revenue' | 'deals' | 'calls' | 'meetings' | 'proposals' | 'note'>) => ({
  revenue: r.revenue,
  deals: r.deals,
  calls: r.calls,
  meetings: r.meetings,
  proposals: r.proposals,
  note: r.note,
});

function assertNotEmpty(values: Partial<Record<(typeof measureKeys)[number], number | null>>): void {
  if (measureKeys.every((k) => values[k] === null || values[k] === undefined)) {
    throw AppError.validation([{ field: 'revenue', code: 'plan.empty', message: 'plan at least one of revenue, deals, calls, meetings, proposals' }]);
  }
}

export async function listPlans(db: Db, p: Principal, q: PlanListQuery): Promise<{ items: Plan[]; nextCursor: string | null }> {
  const visible = await planVisibility(db, p, 'read');
  const rows = await repo.listPlans(db, { ...q, after: q.cursor, limit: q.limit + 1 }, visible);
  const page = rows.slice(0, q.limit);
  return { items: await plansOf(db, page), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null };
}

async function visiblePlan(db: Executor, p: Principal, id: string, action: 'read' | 'update' | 'delete'): Promise<repo.PlanRow> {
  const row = await repo.findPlan(db, id);
  if (!row || !visibleTo(await planVisibility(db, p, 'read'), row.target_kind as TargetKind, row.target_id || null)) throw AppError.notFound(ENTITY);
  if (action !== 'read') {
    requireScope(p, 'plan', action);
    if (!visibleTo(await planVisibility(db, p, action), row.target_kind as TargetKind, row.target_id || null)) {
      throw new AppError('access.forbidden', 403, `You may not ${action} this plan`, { resource: 'plan', action });
    }
  }
  return row;
}

export async function readPlan(db: Db, p: Principal, id: string): Promise<Plan> {
  return (await plansOf(db, [await visiblePlan(db, p, id, 'read')]))[0]!;
}

export async function createPlan(db: Db, p: Principal, actor: Actor, input: PlanInput): Promise<Plan> {
  assertNotEmpty(input);
  return db.transaction().execute(async (trx) => {
    const target = await resolveTarget(trx, input.targetKind, input.targetId);
    if (!visibleTo(await planVisibility(trx, p, 'create'), target.kind, target.id)) {
      throw new AppError('access.forbidden', 403, 'You may not plan for this target', { resource: 'plan', action: 'create' });
    }
    const targetId = storedTargetId(target.kind, target.id);
    if (await repo.findPlanOf(trx, target.kind, targetId, input.period)) {
      throw new AppError('plan.duplicate', 409, 'This target already has a plan for the period', {
        fields: [{ field: 'period', code: 'plan.duplicate', message: 'the target already has a plan for this period' }],
      });
    }
    const now = nowIso();
    const row: repo.PlanRow = {
      id: newId(),
      target_kind: target.kind,
      target_id: targetId,
      period: input.period,
      period_kind: periodKindOf(input.period)!,
      revenue: input.revenue ?? null,
      deals: input.deals ?? null,
      calls: input.calls ?? null,
      meetings: input.meetings ?? null,
      proposals: input.proposals ?? null,
      note: input.note || null,
      version: 1,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertPlan(trx, row);
    await writeAudit(trx, actor, ENTITY, row.id, 'create', diff({}, { target: `${target.kind}:${targetId}`, period: row.period, ...audited(row) }));
    return toPlan(row, new Map(target.id ? [[`${target.kind}:${target.id}`, target.name ?? '']] : []));
  });
}

export async function updatePlan(db: Db, p: Principal, actor: Actor, id: string, input: PlanUpdate): Promise<Plan> {
  return db.transaction().execute(async (trx) => {
    const before = await visiblePlan(trx, p, id, 'update');
    const { version, ...changes } = input;
    const next = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as repo.PlanRow;
    if (next.note === '') next.note = null;
    assertNotEmpty(next);
    const now = nowIso();
    const ok = await repo.updatePlan(trx, id, version, { ...audited(next), version: before.version + 1, updated_at: now });
    if (!ok) throw new AppError('plan.version_conflict', 409, 'The plan was changed by someone else; reload it', { current: before.version });
    await writeAudit(trx, actor, ENTITY, id, 'update', diff(audited(before), audited(next)));
    return (await plansOf(trx, [{ ...next, version: before.version + 1, updated_at: now }]))[0]!;
  });
}

export async function deletePlan(db: Db, p: Principal, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await visiblePlan(trx, p, id, 'delete');
    await repo.deletePlan(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'delete', diff({ target: `${before.target_kind}:${before.target_id}`, period: before.period, ...audited(before) }, {}));
  });
}
