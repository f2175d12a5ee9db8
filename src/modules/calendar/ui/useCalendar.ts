import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, patch } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { useUsers } from '../../../web/components/OwnerSelect.js';
import { utcToZoned, zonedToUtc } from '../../../shared/zoned.js';
import { refreshActivities } from '../../activities/ui/activitiesApi.js';
import { refreshTasks } from '../../tasks/ui/tasksApi.js';
import type { CalendarItem, CalendarRange } from '../calendar.schema.js';

/** Whose calendar: one user or a department's members. */
export type Whose = { userId: string } | { departmentId: string };

/** The text of an item: its subject or title, else the activity type and the company. */
export function itemName(t: (key: string) => string, item: CalendarItem): string {
  return item.title ?? [item.type ? t(`activities:types.${item.type}`) : null, item.companyName].filter(Boolean).join(' · ');
}

/**
 * A date and time the viewer chose, as the owner's wall clock: planned dates and times are kept in the owner's
 * (or assignee's) time zone, the calendar shows them in the viewer's.
 */
function inOwnerZone(date: string, time: string | null, viewerZone: string, ownerZone: string | undefined) {
  if (!time || !ownerZone || ownerZone === viewerZone) return { date, time };
  return utcToZoned(zonedToUtc(date, time, viewerZone), ownerZone);
}

/**
 * One period of the calendar and `move`: the dragged item moves at once, the server's answer is read back,
 * a refusal (409: changed meanwhile) puts it back and says why.
 */
export function useCalendar(whose: Whose, from: string, to: string, describe: (date: string, time: string | null) => string) {
  const { t } = useTranslation('calendar');
  const qc = useQueryClient();
  const users = useUsers();
  const key = ['activities', 'calendar', whose, from, to];
  const q = useQuery({ queryKey: key, queryFn: () => get<CalendarRange>('/calendar', { ...whose, from, to }), placeholderData: (prev) => prev });
  const [pending, setPending] = useState<string | null>(null);

  const move = async (item: CalendarItem, date: string, time: string | null) => {
    if (item.date === date && item.time === time) return;
    await qc.cancelQueries({ queryKey: key });
    const before = qc.getQueryData<CalendarRange>(key);
    qc.setQueryData<CalendarRange>(key, (d) => d && { ...d, items: d.items.map((x) => (x.key === item.key ? { ...x, date, time, allDay: !time } : x)) });
    setPending(item.key);
    const viewerZone = q.data?.timeZone ?? 'UTC';
    const ownerZone = (users.data as { id: string; timeZone?: string }[] | undefined)?.find((u) => u.id === item.userId)?.timeZone;
    const at = inOwnerZone(date, time, viewerZone, ownerZone);
    try {
      if (item.kind === 'activity') {
        await patch(`/activities/${item.id}`, { plannedDate: at.date, plannedTime: at.time, version: item.version });
      } else {
        await patch(`/tasks/${item.id}`, { dueDate: at.date, dueTime: at.time, version: item.version });
      }
      notifications.show({ color: 'green', message: t('moved', { when: describe(date, time) }) });
      await Promise.all([refreshActivities(qc), refreshTasks(qc)]);
    } catch (err) {
      qc.setQueryData(key, before);
      notifications.show({
        color: 'red',
        title: t('moveFailed', { name: itemName(t, item) }),
        message: featureErrorMessage(t, err, item.kind === 'activity' ? 'activities' : 'tasks'),
        autoClose: 8000,
      });
      void qc.invalidateQueries({ queryKey: key });
    } finally {
      setPending(null);
    }
  };

  return { data: q.data, items: q.data?.items ?? [], error: q.error, isFetching: q.isFetching, move, pending };
}
