import { buildSearchText } from '../../shared/text.js';
import { zonedToUtc } from '../../shared/zoned.js';
import type { ActivityRow } from './activities.repository.js';
import type { Activity, ActivityStatus, ActivityType, CallDirection, CallResult, ClaimStatus } from './activities.schema.js';

/** Rows to API objects, the audited snapshot of an activity and its derived columns. */

export interface ContactRef {
  id: string;
  fullName: string;
}

export function toActivity(r: ActivityRow, contacts: ContactRef[]): Activity {
  return {
    id: r.id,
    type: r.type as ActivityType,
    direction: r.direction as CallDirection | null,
    status: r.status as ActivityStatus,
    companyId: r.company_id,
    companyName: r.company_name,
    dealId: r.deal_id,
    dealTitle: r.deal_title,
    contacts,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    plannedDate: r.planned_date,
    plannedTime: r.planned_time,
    plannedAt: r.planned_at,
    isPromise: r.planned_time !== null,
    doneAt: r.done_at,
    result: r.result,
    callResult: r.call_result as CallResult | null,
    durationSec: r.duration_sec,
    claimStatus: r.claim_status as ClaimStatus | null,
    subject: r.subject,
    notes: r.notes,
    nextStepDeclined: r.next_step_declined === 1,
    nextStepReason: r.next_step_reason,
    previousId: r.previous_id,
    version: r.version,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The audited state of an activity: what its history compares field by field and version conflicts name. */
export function snapshot(a: Activity) {
  return {
    type: a.type,
    direction: a.direction,
    status: a.status,
    companyId: a.companyId,
    dealId: a.dealId,
    contactIds: a.contacts.map((c) => c.id),
    ownerId: a.ownerId,
    plannedDate: a.plannedDate,
    plannedTime: a.plannedTime,
    plannedAt: a.plannedAt,
    doneAt: a.doneAt,
    result: a.result,
    callResult: a.callResult,
    durationSec: a.durationSec,
    claimStatus: a.claimStatus,
    subject: a.subject,
    notes: a.notes,
    nextStepDeclined: a.nextStepDeclined,
    nextStepReason: a.nextStepReason,
  };
}

/** Plan columns: the owner's local date and time, the UTC moment of a promise, and the plan's sort key. */
export function planColumns(date: string, time: string | null, timeZone: string) {
  return {
    planned_date: date,
    planned_time: time,
    planned_at: time ? zonedToUtc(date, time, timeZone) : null,
    planned_key: time ? `${date} ${time}` : date,
  };
}

export const searchTextOf = (a: { subject: string | null; notes: string | null; result: string | null }) =>
  buildSearchText([a.subject, a.notes, a.result]);
