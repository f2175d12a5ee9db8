import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { periodRange } from '../../shared/periods.js';
import { calendarFor, factsFor, intersect, planOf, workingDaysBetween, type Owners } from '../plans/index.js';
import { evaluate, FormulaError, parseFormula } from './kpi.formula.js';
import { measureKeys, measuresOf, type UserFacts } from './kpi.measures.js';
import * as repo from './kpi.repository.js';
import type { Formula, FormulaInput, FormulaUpdate, LeaderboardQuery, LeaderboardResponse, LeaderboardRow } from './kpi.schema.js';

/**
 * Manager KPIs of a period for every active user within the viewer's deal or activity read scope (deal measures
 * follow the deal scope, activity measures the activity scope), the admin's formula KPIs over them, and the
 * ranking. A user appears when they have a plan or any non-zero measure in the period.
 */

const ENTITY = 'kpi_formula';
const DAY = 86_400_000;
const measureNames = new Set<string>(measureKeys);

const toFormula = (r: Awaited<ReturnType<typeof repo.listFormulas>>[number]): Formula => ({
  id: r.id,
  key: r.key,
  name: r.name,
  formula: r.formula,
  unit: r.unit as Formula['unit'],
  sort: r.sort,
});

function checkFormula(src: string) {
  try {
    return parseFormula(src, measureNames);
  } catch (err) {
    if (err instanceof FormulaError) throw AppError.validation([{ field: 'formula', code: err.code, message: err.message }]);
    throw err;
  }
}

export async function listFormulas(db: Executor): Promise<Formula[]> {
  return (await repo.listFormulas(db)).map(toFormula);
}

export async function createFormula(db: Db, actor: Actor, input: FormulaInput): Promise<Formula> {
  checkFormula(input.formula);
  if (measureNames.has(input.key)) throw AppError.validation([{ field: 'key', code: 'kpi.key_taken', message: 'a built-in measure has this key' }]);
  return db.transaction().execute(async (trx) => {
    if (await repo.formulaByKey(trx, input.key)) {
      throw new AppError('kpi.key_taken', 409, 'A KPI with this key exists', { fields: [{ field: 'key', code: 'kpi.key_taken', message: 'already used' }] });
    }
    const now = nowIso();
    const row = { id: newId(), ...input, created_by: actor.userId, created_at: now, updated_at: now };
    await repo.insertFormula(trx, row);
    await writeAudit(trx, actor, ENTITY, row.id, 'create', diff({}, input));
    return toFormula(row);
  });
}

export async function updateFormula(db: Db, actor: Actor, id: string, input: FormulaUpdate): Promise<Formula> {
  if (input.formula !== undefined) checkFormula(input.formula);
  return db.transaction().execute(async (trx) => {
    const before = await repo.findFormula(trx, id);
    if (!before) throw AppError.notFound(ENTITY);
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    await repo.updateFormula(trx, id, { ...changes, updated_at: nowIso() });
    const after = { ...before, ...changes };
    await writeAudit(trx, actor, ENTITY, id, 'update', diff(toFormula(before), toFormula(after)));
    return toFormula(after);
  });
}

export async function deleteFormula(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findFormula(trx, id);
    if (!before) throw AppError.notFound(ENTITY);
    await repo.deleteFormula(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'delete', diff(toFormula(before), {}));
  });
}

const among = (owners: Owners, id: string) => owners === null || owners.includes(id);

export async function leaderboard(db: Executor, p: Principal, q: LeaderboardQuery, defaultCountry: string, now = new Date()): Promise<LeaderboardResponse> {
  const formulas = await listFormulas(db);
  if (!measureNames.has(q.sort) && !formulas.some((f) => f.key === q.sort)) {
    throw AppError.validation([{ field: 'sort', code: 'kpi.unknown_sort', message: 'not a measure or KPI key' }]);
  }
  const dealScope: Owners = ownerFilter(p, scopeOf(p, 'deal', 'read'));
  const activityScope: Owners = ownerFilter(p, scopeOf(p, 'activity', 'read'));
  const union: Owners = dealScope === null || activityScope === null ? null : [...new Set([...dealScope, ...activityScope])];
  const users = await repo.activeUsers(db, union);
  const { from, to } = periodRange(q.period);
  const today = now.toISOString().slice(0, 10);
  const elapsedTo = today < to ? new Date(Date.parse(`${today}T00:00:00Z`) + DAY).toISOString().slice(0, 10) : to;
  const ids = users.map((u) => u.id);
  const [facts, closed, overdue] = await Promise.all([
    factsFor(db, intersect(ids, dealScope), intersect(ids, activityScope), from, to, now),
    repo.closedDeals(db, intersect(ids, dealScope), from, to),
    repo.overdueByOwner(db, intersect(ids, activityScope), now.toISOString()),
  ]);
  const parsed = formulas.map((f) => ({ key: f.key, tree: parseFormula(f.formula, measureNames) }));
  const rows: Omit<LeaderboardRow, 'rank'>[] = [];
  for (const u of users) {
    const seesDeals = among(dealScope, u.id);
    const seesActivities = among(activityScope, u.id);
    const f: UserFacts = { done: {}, won: 0, wonRevenue: 0, wonConverted: 0, lost: 0, cycleDays: 0, workingDays: 0, planRevenue: null, overdue: 0 };
    if (seesActivities) {
      for (const r of facts.done) if (r.ownerId === u.id) f.done = { ...f.done, [r.type]: r.n };
      f.overdue = overdue.find((r) => r.ownerId === u.id)?.n ?? 0;
    }
    if (seesDeals) {
      for (const r of facts.won.filter((x) => x.ownerId === u.id)) {
        f.won += r.n;
        const v = await facts.conv.convert(r.amount, r.currency);
        if (v !== null) {
          f.wonRevenue += v;
          f.wonConverted += r.n;
        }
      }
      for (const c of closed.filter((x) => x.owner_id === u.id)) {
        if (c.kind === 'lost') f.lost++;
        else f.cycleDays += Math.max(0, Date.parse(c.closed_at!) - Date.parse(c.created_at)) / DAY;
      }
      f.planRevenue = (await planOf(db, { kind: 'user', id: u.id, name: u.name }, q.period))?.values.revenue ?? null;
    }
    const m = measuresOf(f);
    const active = f.planRevenue !== null || measureKeys.some((k) => k !== 'working_days' && k !== 'plan_revenue' && (m[k] ?? 0) !== 0);
    if (!active) continue;
    const calendar = await calendarFor(db, { kind: 'user', id: u.id, name: u.name }, defaultCountry, from, to);
    f.workingDays = workingDaysBetween(from, elapsedTo, calendar);
    const values: Record<string, number | null> = measuresOf(f);
    for (const { key, tree } of parsed) values[key] = roundFormula(evaluate(tree, values));
    rows.push({ user: { id: u.id, name: u.name, departmentId: u.department_id }, values });
  }
  rows.sort((a, b) => compare(a.values[q.sort] ?? null, b.values[q.sort] ?? null) || a.user.name.localeCompare(b.user.name));
  const items = rows.map((r, i) => ({ ...r, rank: i > 0 && rows[i - 1]!.values[q.sort] === r.values[q.sort] ? -1 : i + 1 }));
  for (let i = 0; i < items.length; i++) if (items[i]!.rank === -1) items[i]!.rank = items[i - 1]!.rank;
  return { period: q.period, sort: q.sort, baseCurrency: facts.conv.base, measures: [...measureKeys], formulas, items };
}

const roundFormula = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
const compare = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);
