import { useQuery } from '@tanstack/react-query';
import { get } from '../../../web/api.js';
import type { Holiday, WorkSettings } from '../../worktime/worktime.schema.js';
import type { FunnelGroup, ScheduleRule } from '../schedule.rules.js';
import type { Forecast, ScheduleDefaults, ScheduleEntry, ScheduleSettingsView, Team, Today } from '../schedule.schema.js';

/** API paths of the schedule pages. */
export const schedulePaths = {
  today: '/schedule/today',
  forecast: '/schedule/forecast',
  team: '/schedule/team',
  redistribute: '/schedule/redistribute',
  settings: '/schedule/settings',
  defaults: '/schedule/settings/defaults',
  myWork: '/me/work-settings',
  work: (userId: string) => `/users/${userId}/work-settings`,
  holidays: '/holidays',
  holiday: (id: string) => `/holidays/${id}`,
};

/**
 * Every schedule view is cached under ['schedule'] (the activities UI refreshes it after a change). The list
 * changes with the clock (a promise's time passes), so it is read again every minute.
 */
const REFRESH_MS = 60_000;

export function useToday(userId: string | undefined) {
  return useQuery({
    queryKey: ['schedule', 'today', userId ?? 'me'],
    queryFn: () => get<Today>(schedulePaths.today, { userId }),
    refetchInterval: REFRESH_MS,
  });
}

export function useForecast(userId: string | undefined, days = 5) {
  return useQuery({
    queryKey: ['schedule', 'forecast', userId ?? 'me', days],
    queryFn: () => get<Forecast>(schedulePaths.forecast, { userId, days }),
    refetchInterval: REFRESH_MS,
  });
}

export function useTeam(departmentId: string | null) {
  return useQuery({
    queryKey: ['schedule', 'team', departmentId ?? 'all'],
    queryFn: () => get<Team>(schedulePaths.team, { departmentId }),
    refetchInterval: REFRESH_MS,
  });
}

export function useScheduleSettings(userId: string | undefined) {
  return useQuery({ queryKey: ['schedule', 'settings', userId ?? 'me'], queryFn: () => get<ScheduleSettingsView>(schedulePaths.settings, { userId }) });
}

export function useWorkSettings(userId: string | undefined) {
  return useQuery({
    queryKey: ['schedule', 'work', userId ?? 'me'],
    queryFn: () => get<WorkSettings>(userId ? schedulePaths.work(userId) : schedulePaths.myWork),
  });
}

export function useScheduleDefaults() {
  return useQuery({ queryKey: ['schedule', 'defaults'], queryFn: () => get<ScheduleDefaults>(schedulePaths.defaults) });
}

export function useHolidays(country: string, year: number) {
  return useQuery({
    queryKey: ['schedule', 'holidays', country, year],
    queryFn: async () => (await get<{ items: Holiday[] }>(schedulePaths.holidays, { country, from: `${year}-01-01`, to: `${year}-12-31` })).items,
  });
}

/** The blocks of Today, in their order: the three promise blocks, then the funnel groups as the list orders them. */
export type BlockKey = 'upcoming' | 'missed' | 'overdue' | FunnelGroup;

const promiseBlocks: Partial<Record<ScheduleRule, BlockKey>> = {
  promise_upcoming_today: 'upcoming',
  promise_missed_today: 'missed',
  promise_overdue: 'overdue',
};

export function blockOf(e: Pick<ScheduleEntry, 'rule' | 'group'>): BlockKey {
  return promiseBlocks[e.rule] ?? e.group!;
}

/** Consecutive entries of the same block (the list is already in order). */
export function blocksOf(items: readonly ScheduleEntry[]): { key: BlockKey; items: ScheduleEntry[] }[] {
  const out: { key: BlockKey; items: ScheduleEntry[] }[] = [];
  for (const e of items) {
    const key = blockOf(e);
    const last = out.at(-1);
    if (last?.key === key) last.items.push(e);
    else out.push({ key, items: [e] });
  }
  return out;
}

/** The countries with a holiday calendar in the UI. */
export const holidayCountries = ['RU', 'BG'] as const;
