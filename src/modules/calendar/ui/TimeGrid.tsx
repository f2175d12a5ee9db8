import { useState, type DragEvent } from 'react';
import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CalendarItem } from '../calendar.schema.js';
import { minutesOf, timeOf } from '../../activities/ui/dates.js';
import { EventChip } from './EventChip.js';

export const SLOT = 30;

export const border = '1px solid var(--mantine-color-default-border)';

/** A day cell of a grid: a drop target (highlighted under a dragged activity), today tinted. */
export const cellStyle = (dropping: boolean, isToday: boolean, minHeight: number) => ({
  borderTop: border,
  borderLeft: border,
  minHeight,
  minWidth: 0,
  cursor: 'pointer',
  background: dropping ? 'var(--mantine-color-blue-light)' : isToday ? 'var(--mantine-color-yellow-light)' : undefined,
  outline: dropping ? '2px dashed var(--mantine-color-blue-4)' : undefined,
  display: 'flex',
  flexDirection: 'column' as const,
  gap: 2,
});

export interface GridProps {
  items: CalendarItem[];
  today: string;
  showOwner: boolean;
  /** the key of the item being saved */
  pending: string | null;
  onMove(item: CalendarItem, date: string, time: string | null): void;
  onCreate(date: string, time: string | null): void;
}

/**
 * Drag and drop shared by the grids: the dragged item, the cell under it, and the handlers of a drop cell.
 * `target(item)` tells where the item lands in that cell.
 */
export function useDropCells(items: CalendarItem[], onMove: GridProps['onMove']) {
  const [dragging, setDragging] = useState<CalendarItem | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const cell = (key: string, target: (item: CalendarItem) => { date: string; time: string | null }) => ({
    onDragOver: (e: DragEvent) => {
      if (!dragging) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (over !== key) setOver(key);
    },
    onDragLeave: (e: DragEvent<HTMLElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === key ? null : o));
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      setOver(null);
      const a = items.find((x) => x.key === e.dataTransfer.getData('text/plain')) ?? dragging;
      setDragging(null);
      if (a) {
        const to = target(a);
        onMove(a, to.date, to.time);
      }
    },
  });
  const chipHandlers = {
    onDragStart: setDragging,
    onDragEnd: () => {
      setDragging(null);
      setOver(null);
    },
  };
  return { over, dragging, cell, chipHandlers };
}

interface Props extends GridProps {
  days: string[];
  /** first and last minute of the day shown */
  startMin: number;
  endMin: number;
  dayLabel(date: string): string;
}

/** Day and week views: a column per day, an "any time" row, then half-hour slots. */
export function TimeGrid({ days, items, today, showOwner, pending, onMove, onCreate, startMin, endMin, dayLabel }: Props) {
  const { t } = useTranslation('calendar');
  const { over, cell, chipHandlers } = useDropCells(items, onMove);
  const slots = Array.from({ length: Math.ceil((endMin - startMin) / SLOT) }, (_, i) => startMin + i * SLOT);
  const byCell = new Map<string, CalendarItem[]>();
  for (const a of items) {
    const k = a.time ? `${a.date}|${Math.floor(minutesOf(a.time) / SLOT) * SLOT}` : `${a.date}|`;
    byCell.set(k, [...(byCell.get(k) ?? []), a]);
  }

  const renderCell = (date: string, slot: number | null) => {
    const key = `${date}|${slot ?? ''}`;
    const time = slot === null ? null : timeOf(slot);
    const list = byCell.get(key) ?? [];
    const handlers = cell(key, (a) => ({
      date,
      // The item keeps its minutes within the slot: 11:15 dropped on the 14:00 row lands at 14:15.
      time: slot === null ? null : timeOf(slot + (a.time ? minutesOf(a.time) % SLOT : 0)),
    }));
    return (
      <Box
        key={key}
        {...handlers}
        onClick={() => onCreate(date, time)}
        title={t('newHere', { when: `${dayLabel(date)}${time ? ` ${time}` : ''}` })}
        p={2}
        style={cellStyle(over === key, date === today, slot === null ? 34 : 26)}
        data-testid={slot === null ? 'calendar-allday' : 'calendar-slot'}
        data-date={date}
        data-time={time ?? ''}
      >
        {list.map((a) => (
          <EventChip key={a.key} item={a} showOwner={showOwner} pending={pending === a.key} {...chipHandlers} />
        ))}
      </Box>
    );
  };

  return (
    <Box style={{ overflowX: 'auto' }} data-testid="calendar-timegrid">
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: `48px repeat(${days.length}, minmax(${days.length > 1 ? 84 : 200}px, 1fr))`,
          borderRight: border,
          borderBottom: border,
        }}
      >
        <Box />
        {days.map((d) => (
          <Box key={d} p={4} ta="center" style={{ borderLeft: border, background: d === today ? 'var(--mantine-color-yellow-light)' : undefined }} data-testid="calendar-day-header" data-date={d}>
            <Text size="sm" fw={d === today ? 700 : 500}>
              {dayLabel(d)}
            </Text>
          </Box>
        ))}
        <Box p={2} style={{ borderTop: border }}>
          <Text size="10px" c="dimmed" lh={1.1}>
            {t('anyTime')}
          </Text>
        </Box>
        {days.map((d) => renderCell(d, null))}
        {slots.map((slot) => [
          <Box key={`label-${slot}`} px={2} style={{ borderTop: border }}>
            {slot % 60 === 0 && (
              <Text size="xs" c="dimmed">
                {timeOf(slot)}
              </Text>
            )}
          </Box>,
          ...days.map((d) => renderCell(d, slot)),
        ])}
      </Box>
    </Box>
  );
}
