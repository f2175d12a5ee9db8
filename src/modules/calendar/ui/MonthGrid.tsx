import { Box, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CalendarItem } from '../calendar.schema.js';
import { EventChip } from './EventChip.js';
import { border, cellStyle, useDropCells, type GridProps } from './TimeGrid.js';

const SHOWN = 3;

interface Props extends GridProps {
  /** the 42 days of the grid */
  days: string[];
  /** YYYY-MM of the month shown (other days are dimmed) */
  month: string;
  weekdays: string[];
  dayLabel(date: string): string;
  onOpenDay(date: string): void;
}

/** Month view: six weeks of day cells; a drop moves the activity to the day and keeps its time. */
export function MonthGrid({ days, month, weekdays, items, today, showOwner, pending, onMove, onCreate, onOpenDay, dayLabel }: Props) {
  const { t } = useTranslation('calendar');
  const { over, cell, chipHandlers } = useDropCells(items, onMove);
  const byDay = new Map<string, CalendarItem[]>();
  for (const a of items) byDay.set(a.date, [...(byDay.get(a.date) ?? []), a]);
  return (
    <Box style={{ overflowX: 'auto' }} data-testid="calendar-month">
      <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(92px, 1fr))', borderRight: border, borderBottom: border }}>
        {weekdays.map((w) => (
          <Box key={w} p={4} ta="center" style={{ borderLeft: border }}>
            <Text size="xs" fw={600} c="dimmed">
              {w}
            </Text>
          </Box>
        ))}
        {days.map((d) => {
          // Timed items in time order, then the ones for any time of the day.
          const list = (byDay.get(d) ?? []).sort((a, b) => (a.time ?? '99').localeCompare(b.time ?? '99'));
          const handlers = cell(d, (a) => ({ date: d, time: a.time }));
          return (
            <Box
              key={d}
              {...handlers}
              onClick={() => onCreate(d, null)}
              title={t('newHere', { when: dayLabel(d) })}
              p={3}
              style={cellStyle(over === d, d === today, 96)}
              data-testid="calendar-month-day"
              data-date={d}
            >
              <Text size="xs" fw={d === today ? 700 : 400} c={d.startsWith(month) ? undefined : 'dimmed'}>
                {Number(d.slice(8, 10))}
              </Text>
              {list.slice(0, SHOWN).map((a) => (
                <EventChip key={a.key} item={a} showOwner={showOwner} pending={pending === a.key} {...chipHandlers} />
              ))}
              {list.length > SHOWN && (
                <UnstyledButton
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpenDay(d);
                  }}
                >
                  <Text size="xs" c="blue">
                    {t('more', { count: list.length - SHOWN })}
                  </Text>
                </UnstyledButton>
              )}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
