import { useState } from 'react';
import { Badge, Box, Group, Paper, Progress, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dateFormatter } from '../../activities/ui/dates.js';
import type { Forecast } from '../schedule.schema.js';
import { ScheduleItem } from './ScheduleItem.js';

export const capitalized = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/**
 * The next working days (and days off that hold promises): how full each is against the capacity and how
 * many promises it has; a day opens to show its items. What lies beyond is counted as "later".
 */
export function ForecastStrip({ forecast }: { forecast: Forecast }) {
  const { t, i18n } = useTranslation('schedule');
  const [open, setOpen] = useState<string | null>(null);
  const days = forecast.days.filter((d) => !d.isToday);
  const format = dateFormatter(i18n.language, { weekday: 'short', day: 'numeric', month: 'short' });
  const label = (date: string) => capitalized(format(date));
  const shown = days.find((d) => d.date === open);

  return (
    <Stack gap="xs" data-testid="forecast">
      <Group justify="space-between">
        <Title order={4}>{t('forecast.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('forecast.later', { count: forecast.later })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, xs: 3, sm: 5 }} spacing="xs">
        {days.map((d) => {
          const full = d.capacity > 0 && d.items.length >= d.capacity;
          return (
            <UnstyledButton key={d.date} onClick={() => setOpen(open === d.date ? null : d.date)} aria-expanded={open === d.date} data-testid="forecast-day" data-date={d.date}>
              <Paper withBorder p="xs" bg={open === d.date ? 'var(--mantine-color-default-hover)' : undefined}>
                <Stack gap={4}>
                  <Group justify="space-between" gap={4} wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {label(d.date)}
                    </Text>
                    {full && (
                      <Badge size="xs" color="orange" variant="light">
                        {t('forecast.over')}
                      </Badge>
                    )}
                  </Group>
                  {d.isWorkingDay ? (
                    <>
                      <Progress value={d.capacity ? Math.min(100, (d.items.length / d.capacity) * 100) : 0} color={full ? 'orange' : 'blue'} size="sm" />
                      <Text size="xs" data-testid="forecast-count">
                        {t('forecast.items', { count: d.items.length, capacity: d.capacity })}
                      </Text>
                    </>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('forecast.dayOff')}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {t('forecast.promises', { count: d.promises })}
                  </Text>
                </Stack>
              </Paper>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
      {shown && (
        <Paper withBorder data-testid="forecast-items">
          {shown.items.length ? (
            <Box component="ul" m={0} p={0}>
              {shown.items.map((e) => (
                <ScheduleItem key={e.activityId} entry={e} />
              ))}
            </Box>
          ) : (
            <Text size="sm" c="dimmed" p="sm">
              {t('forecast.none')}
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
}
