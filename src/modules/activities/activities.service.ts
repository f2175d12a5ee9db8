import { assertRecordAccess, type Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { bumpFieldVersions, changedSince } from '../../shared/field-versions.js';
import { utcToZoned } from '../../shared/zoned.js';
import { planColumns, searchTextOf, snapshot, toActivity } from './activities.mapper.js';
import { syncReminder } from './activities.reminders.js';
import * as repo from './activities.repository.js';
import { checkLinks, checkOwner, doneTime, typeIssues, zoneOf } from './activities.rules.js';
import type { Activity, ActivityHistoryPage, ActivityHistoryQuery, ActivityInput, ActivityType, ActivityUpdate, CallDirection } from './activities.schema.js';

/** What a new activity is made of once its input has been checked. */
export interface NewActivity {
  type: ActivityType;
  direction: CallDirection | null;
  ownerId: string;
  timeZone: string;
  companyId: string | null;
  dealId: string | null;
  contactIds: readonly string[];
  plannedDate: string;
  plannedTime: string | null;
  doneAt: string | null;
  claimStatus: 'open' | 'resolved' | null;
  subject: string | null;
  notes: string | null;
  result: string | null;
  callResult: string | null;
  durationSec: number | null;
  previousId: string | null;
}

const nullable = <T>(v: T | null | undefined): T | null => v ?? null;

export class ActivitiesService {
  constructor(readonly db: Db) {}

  /** The activity with its contacts, no access check. */
  async read(db: Executor, id: string): Promise<Activity> {
    const row = await repo.findActivity(db, id);
    if (!row) throw AppError.notFound('activity');
    const contacts = await repo.contactsOf(db, [id]);
    return toActivity(row, contacts.map((c) => ({ id: c.id, fullName: c.full_name })));
  }

  /** The activity if the principal may perform the action on it (404 outside the read scope, 403 outside the action's). */
  async load(p: Principal, id: string, action: 'read' | 'update' | 'delete'): Promise<Activity> {
    const a = await this.read(this.db, id);
    assertRecordAccess(p, 'activity', action, a.ownerId);
    return a;
  }

  /** 409 activity.version_conflict with the activity as it is now and the fields changed since `version`. */
  async conflict(db: Executor, id: string, version: number): Promise<AppError> {
    const current = await this.read(db, id);
    const changedFields = changedSince(await repo.fieldVersions(db, id), version);
    return new AppError('activity.version_conflict', 409, 'The activity was changed by someone else; reload it', { current, changedFields });
  }

  /** Inserts a checked activity with its contacts, audit row and reminder, in the caller's transaction. */
  async insert(trx: Executor, actor: Actor, v: NewActivity): Promise<Activity> {
    const id = newId();
    const now = nowIso();
    await repo.insertActivity(trx, {
      id,
      type: v.type,
      direction: v.direction,
      status: v.doneAt ? 'done' : 'open',
      company_id: v.companyId,
      deal_id: v.dealId,
      owner_id: v.ownerId,
      ...planColumns(v.plannedDate, v.plannedTime, v.timeZone),
      done_at: v.doneAt,
      result: v.result,
      call_result: v.callResult,
      duration_sec: v.durationSec,
      claim_status: v.claimStatus,
      subject: v.subject,
      notes: v.notes,
      next_step_declined: 0,
      next_step_reason: null,
      previous_id: v.previousId,
      timeline_at: v.doneAt ?? now,
      search_text: searchTextOf(v),
      version: 1,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceContacts(trx, id, v.contactIds, true);
    const created = await this.read(trx, id);
    await writeAudit(trx, actor, repo.ENTITY, id, 'create');
    await syncReminder(trx, created, id);
    return created;
  }

  async create(p: Principal, actor: Actor, input: ActivityInput): Promise<Activity> {
    const { type } = input;
    const ownerId = input.ownerId ?? p.id;
    const timeZone = await checkOwner(this.db, p, 'create', ownerId);
    const logged = type === 'note' || input.done === true;
    const claimStatus = type === 'claim' ? (input.claimStatus ?? 'open') : null;
    // A claim stays open until it is resolved, even when it is logged as received.
    const done = type === 'claim' ? claimStatus === 'resolved' : logged;
    const issues: FieldIssue[] = typeIssues(type, input);
    if (type === 'note' && input.done === false) issues.push({ field: 'done', code: 'activity.note_done', message: 'a note is always done' });
    if (!logged && !input.plannedDate) issues.push({ field: 'plannedDate', code: 'activity.planned_date_required', message: 'is required for a planned activity' });
    if (input.plannedTime && !input.plannedDate) issues.push({ field: 'plannedTime', code: 'activity.time_without_date', message: 'needs plannedDate' });
    if (input.doneAt !== undefined && !done) issues.push({ field: 'doneAt', code: 'activity.done_at_without_done', message: 'only a done activity has a done time' });
    if (issues.length) throw AppError.validation(issues);
    const companyId = await checkLinks(this.db, p, { companyId: nullable(input.companyId), dealId: nullable(input.dealId), contactIds: input.contactIds ?? [] });
    const now = new Date();
    const doneAt = done ? doneTime(input.doneAt, now) : null;
    return this.db.transaction().execute((trx) =>
      this.insert(trx, actor, {
        type,
        direction: type === 'call' ? (input.direction ?? 'out') : null,
        ownerId,
        timeZone,
        companyId,
        dealId: nullable(input.dealId),
        contactIds: input.contactIds ?? [],
        plannedDate: input.plannedDate ?? utcToZoned(doneAt ?? now, timeZone).date,
        plannedTime: nullable(input.plannedTime),
        doneAt,
        claimStatus,
        subject: nullable(input.subject),
        notes: nullable(input.notes),
        result: nullable(input.result),
        callResult: nullable(input.callResult),
        durationSec: nullable(input.durationSec),
        previousId: null,
      }),
    );
  }

  async update(p: Principal, actor: Actor, id: string, input: ActivityUpdate): Promise<Activity> {
    const before = await this.load(p, id, 'update');
    if (input.version !== before.version) throw await this.conflict(this.db, id, input.version);
    const type = input.type ?? before.type;
    const ownerId = input.ownerId ?? before.ownerId;
    const timeZone = ownerId !== before.ownerId ? await checkOwner(this.db, p, 'update', ownerId) : await zoneOf(this.db, ownerId);
    const issues: FieldIssue[] = typeIssues(type, input);
    if (type === 'note' && before.status !== 'done') issues.push({ field: 'type', code: 'activity.note_done', message: 'a note is always done; complete the activity first' });
    if (input.plannedDate === null) issues.push({ field: 'plannedDate', code: 'activity.planned_date_required', message: 'cannot be removed' });
    if (input.doneAt !== undefined && before.status !== 'done') issues.push({ field: 'doneAt', code: 'activity.done_at_without_done', message: 'only a done activity has a done time' });
    if (type === 'claim' && input.claimStatus === 'resolved' && before.claimStatus !== 'resolved') {
      issues.push({ field: 'claimStatus', code: 'activity.claim_resolve_by_complete', message: 'resolve a claim by completing it' });
    }
    if (issues.length) throw AppError.validation(issues);
    const companyId = input.companyId !== undefined ? input.companyId : before.companyId;
    const dealId = input.dealId !== undefined ? input.dealId : before.dealId;
    const linksChanged = companyId !== before.companyId || dealId !== before.dealId;
    const checkedCompany =
      linksChanged || input.contactIds
        ? await checkLinks(this.db, p, linksChanged ? { companyId, dealId, contactIds: input.contactIds ?? null } : { companyId: null, dealId: null, contactIds: input.contactIds ?? null })
        : null;
    // A resolved claim set back to open is reopened; a claim made of another type takes its status from it.
    const claimStatus = type !== 'claim' ? null : (input.claimStatus ?? before.claimStatus ?? (before.status === 'done' ? 'resolved' : 'open'));
    const reopened = type === 'claim' && claimStatus === 'open' && before.status === 'done';
    const doneAt = reopened ? null : input.doneAt !== undefined ? doneTime(input.doneAt, new Date()) : before.doneAt;
    const replan = input.plannedDate !== undefined || input.plannedTime !== undefined || ownerId !== before.ownerId;
    // A promise given to another owner keeps its moment (the client expects the call then), read in the new owner's zone.
    const kept = ownerId !== before.ownerId && input.plannedDate === undefined && input.plannedTime === undefined && before.plannedAt ? utcToZoned(before.plannedAt, timeZone) : null;
    const plannedTime = kept ? kept.time : input.plannedTime !== undefined ? input.plannedTime : before.plannedTime;
    const next = {
      subject: input.subject !== undefined ? input.subject : before.subject,
      notes: input.notes !== undefined ? input.notes : before.notes,
      result: input.result !== undefined ? input.result : before.result,
    };
    const callOrMeeting = type === 'call' || type === 'meeting';
    return this.db.transaction().execute(async (trx) => {
      const version = before.version + 1;
      const changed = await repo.updateActivity(trx, id, before.version, {
        type,
        direction: type === 'call' ? (input.direction ?? before.direction ?? 'out') : null,
        status: doneAt ? 'done' : 'open',
        company_id: linksChanged ? checkedCompany : before.companyId,
        deal_id: dealId,
        owner_id: ownerId,
        ...(replan && planColumns(kept?.date ?? input.plannedDate ?? before.plannedDate!, plannedTime, timeZone)),
        done_at: doneAt,
        timeline_at: doneAt ?? before.createdAt,
        ...next,
        call_result: type === 'call' ? (input.callResult !== undefined ? input.callResult : before.callResult) : null,
        duration_sec: callOrMeeting ? (input.durationSec !== undefined ? input.durationSec : before.durationSec) : null,
        claim_status: claimStatus,
        search_text: searchTextOf(next),
        version,
        updated_at: nowIso(),
      });
      if (!changed) throw await this.conflict(trx, id, input.version);
      if (input.contactIds) await repo.replaceContacts(trx, id, input.contactIds);
      const after = await this.read(trx, id);
      const changes = diff(snapshot(before), snapshot(after));
      await repo.setFieldVersions(trx, id, bumpFieldVersions(await repo.fieldVersions(trx, id), changes.map((c) => c.field), version));
      await writeAudit(trx, actor, repo.ENTITY, id, 'update', changes);
      await syncReminder(trx, after, id);
      return after;
    });
  }

  /** The activity's audited changes, newest first (keyset pages by audit id). */
  async history(p: Principal, id: string, page: ActivityHistoryQuery): Promise<ActivityHistoryPage> {
    await this.load(p, id, 'read');
    const rows = await repo.history(this.db, id, page.limit + 1, page.cursor ? decodeCursor(page.cursor).id : null);
    const items = rows.slice(0, page.limit).map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      action: r.action,
      field: r.field,
      oldValue: r.old_value,
      newValue: r.new_value,
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ v: null, id: last.id }) : null };
  }

  async remove(p: Principal, actor: Actor, id: string): Promise<void> {
    const before = await this.load(p, id, 'delete');
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteActivity(trx, id);
      await syncReminder(trx, null, id);
      await writeAudit(trx, actor, repo.ENTITY, id, 'delete', diff(snapshot(before), {}));
    });
  }
}
