import { Fragment, useState } from 'react';
import { Box, Button, Group, Paper, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, post } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, PageLoader } from '../../../web/components/ListControls.js';
import { useDepartments } from '../../activities/ui/activitiesApi.js';
import { dateFormatter } from '../../activities/ui/dates.js';
import type { ScheduleEntry, TeamMember } from '../schedule.schema.js';
import { capitalized } from './ForecastStrip.js';
import { ScheduleItem } from './ScheduleItem.js';
import { schedulePaths, useForecast, useTeam } from './scheduleApi.js';

/** The head of sales' view: each manager's today against the capacity, missed and overdue promises, overflow and the next days. */
export function TeamPage() {
  const { t, i18n } = useTranslation('schedule');
  const [department, setDepartment] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const team = useTeam(department);
  const departments = useDepartments();
  const short = dateFormatter(i18n.language, { weekday: 'short', day: 'numeric' });
  const members = team.data?.members ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('team.title')}</Title>
        <Group gap="xs" align="flex-end">
          <Select
            label={t('team.department')}
            size="xs"
            w={240}
            clearable
            placeholder={t('team.allDepartments')}
            value={department}
            data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            onChange={setDepartment}
            data-testid="team-department"
          />
          <Button component={Link} to="/today" variant="default" size="xs">
            {t('team.back')}
          </Button>
        </Group>
      </Group>
      {team.error ? (
        <ErrorState error={team.error} ns="schedule" />
      ) : !team.data ? (
        <PageLoader />
      ) : !members.length ? (
        <EmptyState title={t('team.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="xs" data-testid="team-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('team.member')}</Table.Th>
                <Table.Th>{t('team.today')}</Table.Th>
                <Table.Th ta="right">{t('team.done')}</Table.Th>
                <Table.Th ta="right">{t('team.missed')}</Table.Th>
                <Table.Th ta="right">{t('team.overdue')}</Table.Th>
                <Table.Th ta="right">{t('team.overflow')}</Table.Th>
                <Table.Th>{t('team.nextDays')}</Table.Th>
                <Table.Th ta="right">{t('team.open')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((m) => (
                <Fragment key={m.userId}>
                  <Table.Tr data-testid="team-member" data-user={m.userId}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {m.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {m.timeZone}
                      </Text>
                    </Table.Td>
                    <Table.Td miw={160}>
                      <Progress value={m.todayCapacity ? Math.min(100, (m.todayCount / m.todayCapacity) * 100) : 100} color={m.todayCount > m.todayCapacity ? 'red' : 'blue'} size="sm" />
                      <Text size="xs">{t('forecast.items', { count: m.todayCount, capacity: m.todayCapacity })}</Text>
                    </Table.Td>
                    <Table.Td ta="right">{m.doneToday}</Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c={m.missedToday ? 'red' : undefined} fw={m.missedToday ? 600 : undefined}>
                        {m.missedToday}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c={m.overduePromises ? 'orange' : undefined}>
                        {m.overduePromises}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c={m.overflow ? 'orange' : undefined} data-testid="team-overflow">
                        {m.overflow}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap" data-testid="team-days">
                        {m.days.map((d) => (
                          <Stack key={d.date} gap={0} align="center" miw={40}>
                            <Text size="10px" c="dimmed">
                              {short(d.date)}
                            </Text>
                            <Text size="sm" c={!d.isWorkingDay ? 'dimmed' : d.count >= d.capacity ? 'orange' : undefined} fw={d.count >= d.capacity && d.isWorkingDay ? 600 : undefined}>
                              {d.count}
                            </Text>
                          </Stack>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{m.openTotal}</Table.Td>
                    <Table.Td ta="right">
                      <Button size="compact-xs" variant="subtle" onClick={() => setOpen(open === m.userId ? null : m.userId)} aria-expanded={open === m.userId} data-testid="team-show">
                        {open === m.userId ? t('team.hide') : t('team.show')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {open === m.userId && (
                    <Table.Tr>
                      <Table.Td colSpan={9} p={0}>
                        <MemberPlan member={m} members={members} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** A manager's today and next days with their items selectable, and the move of the selected ones to another manager. */
function MemberPlan({ member, members }: { member: TeamMember; members: TeamMember[] }) {
  const { t, i18n } = useTranslation('schedule');
  const qc = useQueryClient();
  const forecast = useForecast(member.userId);
  const [selected, setSelected] = useState<Map<string, number>>(new Map());
  const [target, setTarget] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = dateFormatter(i18n.language, { weekday: 'long', day: 'numeric', month: 'long' });

  const select = (e: ScheduleEntry, on: boolean) =>
    setSelected((old) => {
      const next = new Map(old);
      if (on) next.set(e.activityId, e.version);
      else next.delete(e.activityId);
      return next;
    });

  const move = async () => {
    if (!target) return;
    setBusy(true);
    try {
      const activities = [...selected].map(([id, version]) => ({ id, version }));
      const r = await post<{ moved: number }>(schedulePaths.redistribute, { fromUserId: member.userId, toUserId: target, activities });
      notifications.show({ color: 'green', message: t('team.moved', { count: r.moved, name: members.find((m) => m.userId === target)?.name ?? '' }) });
      setSelected(new Map());
      await qc.invalidateQueries({ queryKey: ['schedule'] });
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'schedule') });
      if (err instanceof ApiError && err.status === 409) {
        setSelected(new Map());
        await qc.invalidateQueries({ queryKey: ['schedule'] });
      }
    } finally {
      setBusy(false);
    }
  };

  if (!forecast.data) return <PageLoader />;
  const days = forecast.data.days.filter((d) => d.items.length);
  return (
    <Stack gap="xs" p="sm" bg="var(--mantine-color-default-hover)" data-testid="member-plan">
      <Group gap="xs" align="flex-end">
        <Select
          label={t('team.moveTo')}
          size="xs"
          w={240}
          value={target}
          data={members.filter((m) => m.userId !== member.userId).map((m) => ({ value: m.userId, label: m.name }))}
          onChange={setTarget}
          data-testid="move-target"
        />
        <Button size="xs" disabled={!selected.size || !target} loading={busy} onClick={() => void move()} data-testid="move-submit">
          {t('team.move', { count: selected.size })}
        </Button>
      </Group>
      {!days.length && (
        <Text size="sm" c="dimmed">
          {t('team.nothing')}
        </Text>
      )}
      {days.map((d) => (
        <Paper withBorder key={d.date}>
          <Group justify="space-between" px="sm" pt="xs">
            <Text size="sm" fw={600}>
              {d.isToday ? t('team.today') : capitalized(label(d.date))}
            </Text>
            <Text size="xs" c={d.items.length > d.capacity ? 'red' : 'dimmed'}>
              {t('forecast.items', { count: d.items.length, capacity: d.capacity })}
              {d.items.length > d.capacity ? ` · ${t('team.overCapacity')}` : ''}
            </Text>
          </Group>
          <Box component="ol" m={0} p={0}>
            {d.items.map((e) => (
              <ScheduleItem key={e.activityId} entry={e} selected={selected.has(e.activityId)} onSelect={select} />
            ))}
          </Box>
        </Paper>
      ))}
    </Stack>
  );
}
