import { ownerAllowed, requireScope, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { isCurrencyCode } from '../../shared/money.js';
import { defaultPipeline, getLostReason, getPipeline, stageById, type StageInfo } from '../pipelines/index.js';
import * as repo from './deals.repository.js';
import type { AmountMode } from './deals.schema.js';

/** Checks of deal input that need the database; each failure names its field. */

const invalid = (field: string, code: string, message: string) => AppError.validation([{ field, code, message }]);
/** null instead of an AppError (a 404 of a looked-up id). */
const orNull = <T>(p: Promise<T>): Promise<T | null> =>
  p.catch((err: unknown) => {
    if (err instanceof AppError) return null;
    throw err;
  });

/** The owner is an active user inside the principal's scope for the action. */
export async function checkOwner(db: Executor, p: Principal, action: 'create' | 'update', ownerId: string): Promise<void> {
  if (!ownerAllowed(p, requireScope(p, 'deal', action), ownerId)) {
    throw new AppError('access.forbidden', 403, 'You may not make this user the owner', {
      resource: 'deal',
      action,
      fields: [{ field: 'ownerId', code: 'deal.owner_forbidden', message: 'is outside your scope' }],
    });
  }
  if (ownerId !== p.id && !(await repo.isActiveUser(db, ownerId))) throw invalid('ownerId', 'deal.owner_unknown', 'is not an active user');
}

/** The company exists and the principal may read it. */
export async function checkCompany(db: Executor, p: Principal, companyId: string): Promise<void> {
  const c = await repo.findCompany(db, companyId);
  if (!c || !ownerAllowed(p, scopeOf(p, 'company', 'read'), c.owner_id)) throw invalid('companyId', 'deal.company_unknown', 'no such company');
}

export async function checkContacts(db: Executor, ids: string[]): Promise<void> {
  const found = await repo.existingContacts(db, ids);
  const issues: FieldIssue[] = ids.flatMap((id, i) => (found.has(id) ? [] : [{ field: `contactIds.${i}`, code: 'deal.contact_unknown', message: 'no such contact' }]));
  if (issues.length) throw AppError.validation(issues);
}

export function checkCurrency(currency: string): void {
  if (!isCurrencyCode(currency)) throw invalid('currency', 'deal.currency_unknown', 'is not an ISO 4217 currency');
}

/** The stage a new deal starts in: the given one, else the first open stage of the given or default pipeline. */
export async function initialStage(db: Executor, pipelineId?: string, stageId?: string): Promise<StageInfo> {
  if (stageId) {
    const s = await stageById(db, stageId);
    if (!s || s.deleted) throw invalid('stageId', 'deal.stage_unknown', 'no such stage');
    if (pipelineId && s.pipelineId !== pipelineId) throw invalid('stageId', 'deal.stage_mismatch', 'is not a stage of the pipeline');
    return s;
  }
  const pipeline = pipelineId ? await orNull(getPipeline(db, pipelineId)) : await defaultPipeline(db);
  if (!pipeline) throw invalid('pipelineId', 'deal.pipeline_unknown', pipelineId ? 'no such pipeline' : 'there is no default pipeline');
  if (!pipeline.isActive) throw invalid('pipelineId', 'deal.pipeline_inactive', 'the pipeline is deactivated');
  const first = pipeline.stages.find((s) => s.kind === 'open');
  if (!first) throw invalid('pipelineId', 'deal.pipeline_unknown', 'the pipeline has no open stage');
  return { ...first, deleted: false };
}

/** A lost stage needs an active lost reason; other stages take none. */
export async function checkLost(db: Executor, kind: string, lostReasonId: string | undefined): Promise<void> {
  if (kind !== 'lost') {
    if (lostReasonId) throw invalid('lostReasonId', 'deal.not_lost', 'only a lost deal has a lost reason');
    return;
  }
  if (!lostReasonId) throw invalid('lostReasonId', 'deal.lost_reason_required', 'is required to mark a deal lost');
  const reason = await orNull(getLostReason(db, lostReasonId));
  if (!reason?.isActive) throw invalid('lostReasonId', 'deal.lost_reason_unknown', 'no such active lost reason');
}

/** The amount mode and amount of a deal: sent explicitly, implied by a sent amount, or kept. */
export function amountOf(
  input: { amountMode?: AmountMode; amount?: number },
  keep: { mode: AmountMode; amount: number },
  linesGross: number,
): { mode: AmountMode; amount: number } {
  const mode = input.amountMode ?? (input.amount !== undefined ? 'manual' : keep.mode);
  if (mode === 'auto') {
    if (input.amount !== undefined) throw invalid('amount', 'deal.amount_auto', 'is computed from the lines while amountMode is auto');
    return { mode, amount: linesGross };
  }
  return { mode, amount: input.amount ?? keep.amount };
}
