import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { get, patch } from '../../../web/api.js';
import { activityTypes, type Activity, type ActivityType, type CallDirection } from '../activities.schema.js';
import { nowIn } from './dates.js';

/** API paths of the activities UI. */
export const activityPaths = {
  list: '/activities',
  one: (id: string) => `/activities/${id}`,
  complete: (id: string) => `/activities/${id}/complete`,
  history: (id: string) => `/activities/${id}/history`,
  timeline: (companyId: string) => `/companies/${companyId}/timeline`,
};

/**
 * Every cached view of activities (lists, the calendar, cards, timelines) lives under ['activities'];
 * the schedule's lists under ['schedule']. A change refreshes both.
 */
export async function refreshActivities(qc: QueryClient): Promise<void> {
  await Promise.all([qc.invalidateQueries({ queryKey: ['activities'] }), qc.invalidateQueries({ queryKey: ['schedule'] })]);
}

/** Moves an activity to another day and time (the calendar's drag); answers the saved activity. */
export const rescheduleActivity = (a: Pick<Activity, 'id' | 'version'>, plannedDate: string, plannedTime: string | null) =>
  patch<Activity>(activityPaths.one(a.id), { plannedDate, plannedTime, version: a.version });

/** "Outgoing call", "Meeting"...: the type with the call direction. */
export function typeLabel(t: TFunction, type: ActivityType, direction?: CallDirection | null): string {
  if (type === 'call' && direction) return t(`activities:typeLabels.${direction === 'in' ? 'callIn' : 'callOut'}`);
  return t(`activities:types.${type}`);
}

/** The type picker's value: "call:out", "meeting"... (calls carry their direction). */
export const pickerValue = (type: ActivityType, direction: CallDirection) => (type === 'call' ? `call:${direction}` : type);

export function parsePickerValue(value: string): { type: ActivityType; direction?: CallDirection } {
  const [type, direction] = value.split(':') as [ActivityType, CallDirection | undefined];
  return direction ? { type, direction } : { type };
}

/** Options of the type picker: outgoing and incoming calls, then the other types. */
export function typeOptions(t: TFunction, withNote = true) {
  return activityTypes
    .filter((x) => withNote || x !== 'note')
    .flatMap((x) => (x === 'call' ? (['out', 'in'] as const).map((d) => ({ value: `call:${d}`, label: typeLabel(t, 'call', d) })) : [{ value: x, label: typeLabel(t, x) }]));
}

/** A one-line name of an activity: its subject, else the type and the company. */
export function activityName(t: TFunction, a: Pick<Activity, 'type' | 'direction' | 'subject' | 'companyName'>): string {
  return a.subject ?? [typeLabel(t, a.type, a.direction), a.companyName].filter(Boolean).join(' · ');
}

/** An open activity whose day has passed, or whose promised time has. */
export function isOverdue(a: Pick<Activity, 'status' | 'plannedDate' | 'plannedAt'>, timeZone: string, now = new Date()): boolean {
  if (a.status !== 'open' || !a.plannedDate) return false;
  if (a.plannedAt) return Date.parse(a.plannedAt) < now.getTime();
  return a.plannedDate < nowIn(timeZone, now).date;
}

/** Colours of the activity types (badges, calendar chips). */
export const typeColors: Record<ActivityType, string> = {
  call: 'blue',
  meeting: 'grape',
  email: 'cyan',
  letter: 'teal',
  proposal: 'orange',
  mailing: 'gray',
  claim: 'red',
  note: 'yellow',
};

export interface DepartmentOption {
  id: string;
  name: string;
  parentId: string | null;
}

/** Departments for the department filters (empty when the user may not list them). */
export function useDepartments() {
  return useQuery({
    queryKey: ['departments', 'options'],
    queryFn: async () => (await get<{ items: DepartmentOption[] }>('/departments')).items,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
