import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Loader, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../web/auth.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { useListParams } from '../../../web/components/ListControls.js';
import { useUsers } from '../../../web/components/OwnerSelect.js';
import { treeOptions } from '../../../shared/tree.js';
import { useDepartments } from '../../activities/ui/activitiesApi.js';
import { useActivityDialogs } from '../../activities/ui/ActivityParts.js';
import { addDays, addMonths, dateFormatter, minutesOf, monthGrid, nowIn, weekStart } from '../../activities/ui/dates.js';
import type { CalendarItem } from '../calendar.schema.js';
import { CalendarFeedModal } from './CalendarFeedModal.js';
import { MonthGrid } from './MonthGrid.js';
import { SLOT, TimeGrid } from './TimeGrid.js';
import { useCalendar, type Whose } from './useCalendar.js';

const views = ['day', 'week', 'month'] as const;
type View = (typeof views)[number];

/** The days a view shows around the anchor date. */
function daysOf(view: View, anchor: string): string[] {
  if (view === 'day') return [anchor];
  if (view === 'week') return Array.from({ length: 7 }, (_, i) => addDays(weekStart(anchor), i));
  return monthGrid(anchor);
}

/** Hours shown by the day and week views: 08:00-20:00, stretched to the earliest and latest activity. */
function hoursOf(times: (string | null)[]): { startMin: number; endMin: number } {
  const minutes = times.filter((x): x is string => !!x).map(minutesOf);
  const startMin = Math.min(8 * 60, ...minutes.map((m) => Math.floor(m / 60) * 60));
  const endMin = Math.max(20 * 60, ...minutes.map((m) => Math.floor(m / SLOT) * SLOT + SLOT));
  return { startMin, endMin };
}

/** Day, week and month views of my activities, a colleague's or a department's: drag to reschedule, click a slot to plan. */
export function CalendarPage() {
  const { t, i18n } = useTranslation('calendar');
  const { me, can } = useAuth();
  const timeZone = me?.timeZone ?? 'UTC';
  const today = nowIn(timeZone).date;
  const list = useListParams({ view: 'week', who: 'me' });
  const { params } = list;
  const view: View = (views as readonly string[]).includes(params.view ?? '') ? (params.view as View) : 'week';
  const anchor = /^\d{4}-\d{2}-\d{2}$/.test(params.date ?? '') ? params.date! : today;
  const who = params.who ?? 'me';
  const whose: Whose = who.startsWith('d:') ? { departmentId: who.slice(2) } : { userId: who.startsWith('u:') ? who.slice(2) : (me?.id ?? '') };
  const days = daysOf(view, anchor);
  const locale = i18n.language;
  const fmtShort = dateFormatter(locale, view === 'day' ? { weekday: 'long', day: 'numeric', month: 'long' } : { weekday: 'short', day: 'numeric' });
  const fmtLong = dateFormatter(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  const fmtDay = dateFormatter(locale, { weekday: 'short', day: 'numeric', month: 'short' });
  const describe = (date: string, time: string | null) => `${fmtDay(date)}${time ? ` ${time}` : ''}`;
  const cal = useCalendar(whose, days[0]!, days[days.length - 1]!, describe);
  const dialogs = useActivityDialogs();
  const users = useUsers();
  const departments = useDepartments();
  const [feedOpen, setFeedOpen] = useState(false);

  const step = (dir: 1 | -1) => list.set('date', view === 'month' ? addMonths(anchor, dir) : addDays(anchor, dir * (view === 'week' ? 7 : 1)));
  const title =
    view === 'month'
      ? dateFormatter(locale, { month: 'long', year: 'numeric' })(anchor)
      : view === 'week'
        ? `${fmtLong(days[0]!)} – ${fmtLong(days[6]!)}`
        : dateFormatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })(anchor);
  const whoOptions = [
    { group: '', items: [{ value: 'me', label: t('me') }] },
    ...((departments.data?.length ?? 0) > 0 ? [{ group: t('departments'), items: treeOptions(departments.data ?? [], (d) => d.name).map((o) => ({ ...o, value: `d:${o.value}` })) }] : []),
    ...((users.data?.length ?? 0) > 1
      ? [{ group: t('colleagues'), items: (users.data ?? []).filter((u) => u.id !== me?.id && u.isActive !== false).map((u) => ({ value: `u:${u.id}`, label: u.name })) }]
      : []),
  ];
  const grid = {
    items: cal.items,
    today,
    showOwner: 'departmentId' in whose,
    pending: cal.pending,
    onMove: (item: CalendarItem, date: string, time: string | null) => void (can(item.kind, 'update') && cal.move(item, date, time)),
    onCreate: (date: string, time: string | null) =>
      can('activity', 'create') && dialogs.plan({ plannedDate: date, plannedTime: time, ...('userId' in whose && whose.userId !== me?.id && { ownerId: whose.userId }) }),
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Title order={2}>{t('title')}</Title>
          <Select size="xs" w={200} aria-label={t('whose')} allowDeselect={false} value={who} data={whoOptions} onChange={(v) => v && list.set('who', v)} data-testid="calendar-whose" />
        </Group>
        <Group gap="xs">
          {can('activity', 'create') && (
            <Button size="xs" onClick={() => dialogs.plan({ plannedDate: view === 'day' ? anchor : today })} data-testid="calendar-new">
              {t('activities:record.plan')}
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => setFeedOpen(true)} data-testid="calendar-feed-open">
            {t('feed.button')}
          </Button>
        </Group>
      </Group>
      <Group justify="space-between" gap="xs">
        <Group gap={6}>
          <ActionIcon variant="default" aria-label={t('prev')} onClick={() => step(-1)} data-testid="calendar-prev">
            ‹
          </ActionIcon>
          <Button size="xs" variant="default" onClick={() => list.set('date', null)} data-testid="calendar-today">
            {t('today')}
          </Button>
          <ActionIcon variant="default" aria-label={t('next')} onClick={() => step(1)} data-testid="calendar-next">
            ›
          </ActionIcon>
          <Text fw={600} data-testid="calendar-range">
            {title}
          </Text>
          {cal.isFetching && <Loader size="xs" />}
        </Group>
        <SegmentedControl
          size="xs"
          value={view}
          data={views.map((v) => ({ value: v, label: t(`views.${v}`) }))}
          onChange={(v) => list.set('view', v)}
          data-testid="calendar-view"
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('dragHint')}
      </Text>
      {cal.data?.truncated && <Alert color="yellow">{t('truncated', { count: cal.items.length })}</Alert>}
      {cal.error ? (
        <ErrorState error={cal.error} ns="activities" />
      ) : view === 'month' ? (
        <MonthGrid
          {...grid}
          days={days}
          month={anchor.slice(0, 7)}
          weekdays={days.slice(0, 7).map(dateFormatter(locale, { weekday: 'short' }))}
          dayLabel={fmtDay}
          onOpenDay={(d) => list.replace({ ...params, view: 'day', date: d })}
        />
      ) : (
        <TimeGrid {...grid} days={days} dayLabel={fmtShort} {...hoursOf(cal.items.map((a) => a.time))} />
      )}
      {dialogs.dialogs}
      {feedOpen && <CalendarFeedModal onClose={() => setFeedOpen(false)} />}
    </Stack>
  );
}
