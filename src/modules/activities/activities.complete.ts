import type { Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso } from '../../platform/db/database.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { bumpFieldVersions } from '../../shared/field-versions.js';
import { searchTextOf, snapshot } from './activities.mapper.js';
import { syncReminder } from './activities.reminders.js';
import * as repo from './activities.repository.js';
import { checkLinks, checkOwner, doneTime, todayIn, typeIssues } from './activities.rules.js';
import type { Activity, ActivityComplete, ActivityCompleteResult, NextStepInput } from './activities.schema.js';
import type { ActivitiesService, NewActivity } from './activities.service.js';

/**
 * Completing an activity: its result, and the next step a sales routine demands - a planned activity, or an
 * explicit `{ none: true }`. The completion and the next activity are written in one transaction.
 */

/** The next activity of a completed one, checked: same company and deal, its contacts unless others are given. */
async function planNext(svc: ActivitiesService, p: Principal, done: Activity, step: NextStepInput, now: Date): Promise<Omit<NewActivity, 'previousId'>> {
  const type = step.type!;
  const issues: FieldIssue[] = typeIssues(type, step, 'nextStep.');
  if (type === 'note') issues.push({ field: 'nextStep.type', code: 'activity.next_step_note', message: 'a note is not a next step' });
  if (issues.length) throw AppError.validation(issues);
  const ownerId = step.ownerId ?? done.ownerId;
  const timeZone = await checkOwner(svc.db, p, 'create', ownerId, 'nextStep.ownerId');
  if (step.plannedDate! < todayIn(timeZone, now)) {
    throw AppError.validation([{ field: 'nextStep.plannedDate', code: 'activity.next_step_past', message: 'must be today or later' }]);
  }
  if (step.contactIds) await checkLinks(svc.db, p, { companyId: null, dealId: null, contactIds: step.contactIds }, 'nextStep.');
  return {
    type,
    direction: type === 'call' ? (step.direction ?? 'out') : null,
    ownerId,
    timeZone,
    companyId: done.companyId,
    dealId: done.dealId,
    contactIds: step.contactIds ?? done.contacts.map((c) => c.id),
    plannedDate: step.plannedDate!,
    plannedTime: step.plannedTime ?? null,
    doneAt: null,
    claimStatus: type === 'claim' ? 'open' : null,
    subject: step.subject ?? null,
    notes: step.notes ?? null,
    result: null,
    callResult: null,
    durationSec: null,
  };
}

export async function completeActivity(svc: ActivitiesService, p: Principal, actor: Actor, id: string, input: ActivityComplete): Promise<ActivityCompleteResult> {
  const before = await svc.load(p, id, 'update');
  if (input.version !== undefined && input.version !== before.version) throw await svc.conflict(svc.db, id, input.version);
  if (before.status === 'done') throw new AppError('activity.already_done', 409, 'The activity is already done', { current: before });
  const issues: FieldIssue[] = typeIssues(before.type, input);
  if (before.type === 'claim' && input.claimStatus === 'open') issues.push({ field: 'claimStatus', code: 'activity.claim_open', message: 'completing a claim resolves it' });
  if (!input.nextStep) issues.push({ field: 'nextStep', code: 'activity.next_step_required', message: 'choose the next step, or { none: true } for none' });
  if (issues.length) throw AppError.validation(issues);
  const step = input.nextStep!;
  const now = new Date();
  const doneAt = doneTime(input.doneAt, now);
  const next = step.none ? null : await planNext(svc, p, before, step, now);
  return svc.db.transaction().execute(async (trx) => {
    const version = before.version + 1;
    const texts = { subject: before.subject, notes: before.notes, result: input.result !== undefined ? input.result : before.result };
    const changed = await repo.updateActivity(trx, id, before.version, {
      status: 'done',
      done_at: doneAt,
      timeline_at: doneAt,
      result: texts.result,
      ...(input.callResult !== undefined && { call_result: input.callResult }),
      ...(input.durationSec !== undefined && { duration_sec: input.durationSec }),
      ...(before.type === 'claim' && { claim_status: 'resolved' }),
      next_step_declined: next ? 0 : 1,
      next_step_reason: next ? null : (step.reason ?? null),
      search_text: searchTextOf(texts),
      version,
      updated_at: nowIso(),
    });
    if (!changed) throw await svc.conflict(trx, id, before.version);
    const after = await svc.read(trx, id);
    const changes = diff(snapshot(before), snapshot(after));
    await repo.setFieldVersions(trx, id, bumpFieldVersions(await repo.fieldVersions(trx, id), changes.map((c) => c.field), version));
    await writeAudit(trx, actor, repo.ENTITY, id, 'complete', changes);
    await syncReminder(trx, after, id);
    const planned = next ? await svc.insert(trx, actor, { ...next, previousId: id }) : null;
    return { activity: after, next: planned };
  });
}
