import { useState } from 'react';
import { Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../../web/auth.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, PageLoader } from '../../../web/components/ListControls.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import type { ActivityType, CallDirection } from '../../activities/activities.schema.js';
import { CompleteActivityDialog } from '../../activities/ui/CompleteDialog.js';
import { dateFormatter } from '../../activities/ui/dates.js';
import type { ScheduleEntry, Today } from '../schedule.schema.js';
import { ForecastStrip } from './ForecastStrip.js';
import { ScheduleItem } from './ScheduleItem.js';
import { ScheduleSettingsModal } from './ScheduleSettingsModal.js';
import { blocksOf, useForecast, useToday, type BlockKey } from './scheduleApi.js';

const blockColors: Partial<Record<BlockKey, string>> = { missed: 'red', overdue: 'orange' };
const hintOf = (key: BlockKey) => (key === 'upcoming' || key === 'missed' || key === 'overdue' ? `hints.${key}` : 'hints.funnel');

/** A manager's day: the ordered list in its blocks, each item with why it is there; complete in place. */
export function TodayPage() {
  const { t, i18n } = useTranslation('schedule');
  const { me, can } = useAuth();
  const [params, setParams] = useSearchParams();
  const userId = params.get('user') ?? undefined;
  const today = useToday(userId);
  const forecast = useForecast(userId);
  const [completing, setCompleting] = useState<ScheduleEntry | null>(null);
  const [settings, setSettings] = useState(false);
  const seesOthers = ['department', 'all'].includes(me?.permissions.activity?.read ?? '');
  const leads = ['department', 'all'].includes(me?.permissions.activity?.update ?? '');
  const longDate = dateFormatter(i18n.language, { weekday: 'long', day: 'numeric', month: 'long' });

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Title order={2}>{t('title')}</Title>
          {today.data && (
            <Text c="dimmed" data-testid="today-now">
              {t('now', { date: longDate(today.data.today), time: today.data.localTime })}
            </Text>
          )}
        </Stack>
        <Group gap="xs" align="flex-end">
          {seesOthers && me && (
            <OwnerSelect
              label={t('whose')}
              size="xs"
              w={220}
              value={userId ?? me.id}
              allowDeselect={false}
              onChange={(v) => setParams(v && v !== me.id ? { user: v } : {})}
              data-testid="today-user"
            />
          )}
          {leads && (
            <Button component={Link} to="/today/team" variant="default" size="xs" data-testid="team-link">
              {t('team.button')}
            </Button>
          )}
          <Button variant="default" size="xs" onClick={() => setSettings(true)} data-testid="schedule-settings">
            {t('settings.button')}
          </Button>
        </Group>
      </Group>
      {today.error ? (
        <ErrorState error={today.error} ns="schedule" />
      ) : !today.data ? (
        <PageLoader />
      ) : (
        <TodayList today={today.data} mine={!userId || userId === me?.id} onComplete={can('activity', 'update') ? setCompleting : undefined} />
      )}
      {forecast.data && <ForecastStrip forecast={forecast.data} />}
      {completing && (
        <CompleteActivityDialog
          activity={{
            id: completing.activityId,
            type: completing.type as ActivityType,
            version: completing.version,
            direction: completing.direction as CallDirection | null,
            subject: completing.subject,
            companyName: completing.company?.name ?? null,
          }}
          onClose={() => setCompleting(null)}
        />
      )}
      {settings && <ScheduleSettingsModal userId={userId} onClose={() => setSettings(false)} />}
    </Stack>
  );
}

function TodayList({ today, mine, onComplete }: { today: Today; mine: boolean; onComplete?(e: ScheduleEntry): void }) {
  const { t } = useTranslation('schedule');
  const { day } = today;
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge variant="light" color="green" size="lg" data-testid="today-done">
          {t('summary.done', { count: today.doneToday })}
        </Badge>
        <Badge variant="light" size="lg" data-testid="today-planned">
          {t('summary.planned', { count: day.items.length, capacity: day.capacity })}
        </Badge>
        <Badge variant="light" color="gray" size="lg">
          {t('summary.notToday', { count: today.notToday })}
        </Badge>
      </Group>
      {!day.items.length ? (
        <Paper withBorder>
          <EmptyState title={mine ? t('empty.title') : t('empty.other')} text={mine ? t('empty.text') : undefined} />
        </Paper>
      ) : (
        blocksOf(day.items).map((b) => (
          <Paper withBorder key={b.key} data-testid={`block-${b.key}`} style={blockColors[b.key] ? { borderColor: `var(--mantine-color-${blockColors[b.key]}-5)` } : undefined}>
            <Group justify="space-between" px="sm" pt="xs">
              <Title order={4} c={blockColors[b.key]}>
                {t(`blocks.${b.key}`)}
              </Title>
              <Badge variant="light" color={blockColors[b.key] ?? 'gray'}>
                {b.items.length}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" px="sm" pb={4}>
              {t(hintOf(b.key))}
            </Text>
            <Box component="ol" m={0} p={0}>
              {b.items.map((e) => (
                <ScheduleItem key={e.activityId} entry={e} onComplete={onComplete} />
              ))}
            </Box>
          </Paper>
        ))
      )}
    </Stack>
  );
}
