import { Anchor, Box, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ActivityType } from '../../activities/activities.schema.js';
import { typeColors } from '../../activities/ui/activitiesApi.js';
import type { CalendarItem } from '../calendar.schema.js';
import { itemName } from './useCalendar.js';

interface Props {
  item: CalendarItem;
  /** show whose it is (department calendars) */
  showOwner: boolean;
  pending: boolean;
  onDragStart(item: CalendarItem): void;
  onDragEnd(): void;
}

/** An activity or a task on the calendar: time and name; drag it to reschedule (open ones), click to open it. */
export function EventChip({ item: a, showOwner, pending, onDragStart, onDragEnd }: Props) {
  const { t } = useTranslation('calendar');
  const draggable = a.status === 'open';
  const color = a.kind === 'task' ? 'lime' : (typeColors[a.type as ActivityType] ?? 'gray');
  const name = itemName(t, a);
  const kind = a.kind === 'task' ? t('task') : t(`activities:types.${a.type}`);
  const details = [kind, a.companyName, showOwner ? a.userName : null].filter(Boolean).join(' · ');
  const link = a.kind === 'task' ? `/tasks/${a.id}` : `/activities/${a.id}`;
  return (
    <Tooltip label={`${a.time ? `${a.time} ` : ''}${name} · ${details}`} openDelay={500} multiline maw={320}>
      <Box
        draggable={draggable}
        onDragStart={(e) => {
          e.dataTransfer.setData('text/plain', a.key);
          e.dataTransfer.effectAllowed = 'move';
          onDragStart(a);
        }}
        onDragEnd={onDragEnd}
        onClick={(e) => e.stopPropagation()}
        px={4}
        py={2}
        style={{
          borderRadius: 4,
          borderLeft: `3px ${a.kind === 'task' ? 'dotted' : 'solid'} var(--mantine-color-${a.overdue ? 'red' : color}-6)`,
          background: `var(--mantine-color-${color}-light)`,
          cursor: draggable ? 'grab' : undefined,
          opacity: pending ? 0.5 : a.status === 'done' ? 0.65 : 1,
          minWidth: 0,
        }}
        data-testid="calendar-event"
        data-kind={a.kind}
        data-id={a.id}
        data-pending={pending ? 'true' : 'false'}
      >
        <Anchor component={Link} to={link} draggable={false} size="xs" c="inherit" underline="hover" style={{ display: 'block', minWidth: 0 }}>
          <Text span size="xs" fw={700} c={a.kind === 'activity' && a.time ? 'orange.9' : undefined}>
            {a.time ? `${a.time} ` : ''}
          </Text>
          <Text span size="xs" td={a.status === 'done' ? 'line-through' : undefined} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Text>
        </Anchor>
        {showOwner && a.userName && (
          <Text size="10px" c="dimmed" truncate="end">
            {a.userName}
          </Text>
        )}
      </Box>
    </Tooltip>
  );
}
