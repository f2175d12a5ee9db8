import type { Activity, ActivityType, CallDirection, CallResult, ClaimStatus } from '../activities.schema.js';

export interface Named {
  id: string;
  name: string;
}

export interface DealRef {
  id: string;
  title: string;
  companyId?: string | null;
  companyName?: string | null;
}

export interface ContactRef {
  id: string;
  fullName: string;
}

/** The activity form as the user edits it (text inputs hold '' for "none"). */
export interface ActivityValues {
  type: ActivityType;
  direction: CallDirection;
  company: Named | null;
  deal: DealRef | null;
  contactIds: string[];
  ownerId: string | null;
  plannedDate: string;
  plannedTime: string;
  subject: string;
  notes: string;
  /** log an activity that already happened */
  logDone: boolean;
  result: string;
  callResult: CallResult | null;
  durationMin: number | '';
  claimStatus: ClaimStatus;
}

/** What a caller may preset: the record the form was opened from, a calendar slot, "log a call". */
export interface ActivityPrefill {
  type?: ActivityType;
  direction?: CallDirection;
  company?: Named | null;
  deal?: DealRef | null;
  contacts?: ContactRef[];
  ownerId?: string | null;
  plannedDate?: string;
  plannedTime?: string | null;
  logDone?: boolean;
}

export function emptyActivity(p: ActivityPrefill, today: string): ActivityValues {
  return {
    type: p.type ?? 'call',
    direction: p.direction ?? 'out',
    company: p.company ?? null,
    deal: p.deal ?? null,
    contactIds: (p.contacts ?? []).map((c) => c.id),
    ownerId: p.ownerId ?? null,
    plannedDate: p.plannedDate ?? today,
    plannedTime: p.plannedTime ?? '',
    subject: '',
    notes: '',
    logDone: p.logDone ?? false,
    result: '',
    callResult: null,
    durationMin: '',
    claimStatus: 'open',
  };
}

export function valuesOf(a: Activity): ActivityValues {
  return {
    type: a.type,
    direction: a.direction ?? 'out',
    company: a.companyId ? { id: a.companyId, name: a.companyName ?? '' } : null,
    deal: a.dealId ? { id: a.dealId, title: a.dealTitle ?? '' } : null,
    contactIds: a.contacts.map((c) => c.id),
    ownerId: a.ownerId,
    plannedDate: a.plannedDate ?? '',
    plannedTime: a.plannedTime ?? '',
    subject: a.subject ?? '',
    notes: a.notes ?? '',
    logDone: a.status === 'done',
    result: a.result ?? '',
    callResult: a.callResult,
    durationMin: a.durationSec === null ? '' : Math.round(a.durationSec / 60),
    claimStatus: a.claimStatus ?? 'open',
  };
}

/** Calls and meetings record how long they took. */
export const hasDuration = (type: ActivityType) => type === 'call' || type === 'meeting';

/** Notes are always logged as done; other types are done when the user says so. */
export const isDone = (v: ActivityValues) => v.type === 'note' || v.logDone;

/** Problems the form can see before saving, as { field: error code }. */
export function formProblems(v: ActivityValues): Record<string, string> {
  if (isDone(v)) return v.plannedTime && !v.plannedDate ? { plannedTime: 'activity.time_without_date' } : {};
  return v.plannedDate ? {} : { plannedDate: 'activity.planned_date_required' };
}

/** The fields both a new activity and an edit send. */
function common(v: ActivityValues) {
  const done = isDone(v);
  return {
    direction: v.type === 'call' ? v.direction : undefined,
    companyId: v.company?.id ?? null,
    dealId: v.deal?.id ?? null,
    contactIds: v.contactIds,
    ...(v.ownerId && { ownerId: v.ownerId }),
    plannedDate: v.plannedDate || null,
    plannedTime: v.plannedDate && v.plannedTime ? v.plannedTime : null,
    subject: v.subject.trim() || null,
    notes: v.notes.trim() || null,
    ...(done && {
      result: v.result.trim() || null,
      ...(v.type === 'call' && { callResult: v.callResult }),
      ...(hasDuration(v.type) && { durationSec: v.durationMin === '' ? null : Math.round(Number(v.durationMin) * 60) }),
    }),
    ...(v.type === 'claim' && { claimStatus: v.claimStatus }),
  };
}

/** POST /activities body. */
export const createRequest = (v: ActivityValues) => ({ type: v.type, ...common(v), ...(isDone(v) && { done: true }) });

/** PATCH /activities/{id} body. */
export const updateRequest = (v: ActivityValues, version: number) => ({ type: v.type, ...common(v), version });
