import type { z } from 'zod';
import type { Principal } from '../../platform/access/index.js';
import type { Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { fieldIssues } from '../../platform/http/errors.js';
import { planInput, type Plan } from './plans.schema.js';
import { createPlan as create } from './plans.service.js';

export { registerPlanRoutes } from './plans.routes.js';
export { planOf, percentOf, factsFor, actualOf } from './progress.service.js';
export { reversePlan, calendarFor } from './planner.service.js';
export { workingDaysBetween, type WorkCalendar } from './planner.js';
export { baseConverter, sumInBase, rateDay } from './base-money.js';
export { planVisibility, scopedOwners, readableTarget, intersect, type Owners } from './targets.js';
export type { Plan, PlanValues, PlannerResponse, Target, TargetKind } from './plans.schema.js';

/** Creates a plan as the given principal (validated like the API body); used by demo data. */
export async function createPlan(db: Db, p: Principal, actor: Actor, input: z.input<typeof planInput>): Promise<Plan> {
  const parsed = planInput.safeParse(input);
  if (!parsed.success) throw AppError.validation(fieldIssues(parsed.error));
  return create(db, p, actor, parsed.data);
}
