import type { Executor } from '../../platform/db/database.js';
import { ownerFilter, scopeOf, type Action, type Principal, type Resource } from '../../platform/access/index.js';
import { AppError } from '../../platform/errors.js';
import { subtreeIds } from '../../shared/tree.js';
import * as repo from './plans.repository.js';
import type { Target, TargetKind } from './plans.schema.js';

/**
 * Plan targets and who may see them. Under the plan scope 'own' a user sees their own plans; 'department' adds the
 * plans of the users of their department tree and of those departments; 'all' sees every plan, the company's too.
 * The numbers behind a target are its owners (the user; the users of the department and its subdepartments;
 * everyone for the company) narrowed to the viewer's deal or activity read scope.
 */

export type Owners = string[] | null;

export async function planVisibility(db: Executor, p: Principal, action: Action): Promise<repo.PlanVisibility | null> {
  const scope = scopeOf(p, 'plan', action);
  if (scope === 'all') return null;
  if (scope === 'none') return { userIds: [], departmentIds: [] };
  if (scope === 'own') return { userIds: [p.id], departmentIds: [] };
  const departmentIds = p.departmentId ? [...subtreeIds(await repo.departments(db), p.departmentId)] : [];
  return { userIds: p.departmentUserIds.length ? p.departmentUserIds : [p.id], departmentIds };
}

export function visibleTo(vis: repo.PlanVisibility | null, kind: TargetKind, id: string | null): boolean {
  if (vis === null) return true;
  if (kind === 'user') return id !== null && vis.userIds.includes(id);
  if (kind === 'department') return id !== null && vis.departmentIds.includes(id);
  return false;
}

/** The stored target id: '' for the company. */
export const storedTargetId = (kind: TargetKind, id: string | null | undefined): string => (kind === 'company' ? '' : (id ?? ''));

/** A target named in a request, with its name; 422 naming targetId when it is missing or unknown. */
export async function resolveTarget(db: Executor, kind: TargetKind, id: string | null | undefined): Promise<Target> {
  if (kind === 'company') {
    if (id) throw AppError.validation([{ field: 'targetId', code: 'plan.target_not_allowed', message: 'the company plan names no target' }]);
    return { kind, id: null, name: null };
  }
  if (!id) throw AppError.validation([{ field: 'targetId', code: 'plan.target_required', message: `a ${kind} plan needs the ${kind}` }]);
  const name =
    kind === 'user'
      ? (await repo.userNames(db, [id]))[0]?.name
      : (await repo.departments(db)).find((d) => d.id === id)?.name;
  if (name === undefined) throw AppError.validation([{ field: 'targetId', code: 'plan.target_not_found', message: `no such ${kind}` }]);
  return { kind, id, name };
}

/** A target for reading numbers: defaults to the viewer (user) or the viewer's department; 404 when not visible. */
export async function readableTarget(db: Executor, p: Principal, kind: TargetKind, id: string | undefined): Promise<Target> {
  const wanted = id ?? (kind === 'user' ? p.id : kind === 'department' ? (p.departmentId ?? undefined) : undefined);
  const target = await resolveTarget(db, kind, wanted);
  if (!visibleTo(await planVisibility(db, p, 'read'), kind, target.id)) throw AppError.notFound('plan');
  return target;
}

/** Owners whose numbers make up the target (null: everyone). */
export async function ownersOfTarget(db: Executor, kind: TargetKind, id: string | null): Promise<Owners> {
  if (kind === 'company') return null;
  if (kind === 'user') return [id!];
  return repo.usersOfDepartments(db, [...subtreeIds(await repo.departments(db), id!)]);
}

export function intersect(a: Owners, b: Owners): Owners {
  if (a === null) return b;
  if (b === null) return a;
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

/** The target's owners narrowed to what the viewer may read of a resource. */
export async function scopedOwners(db: Executor, p: Principal, resource: Resource, target: Target): Promise<Owners> {
  return intersect(await ownersOfTarget(db, target.kind, target.id), ownerFilter(p, scopeOf(p, resource, 'read')));
}
