import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import type { TodayResponse } from '../kpi.schema.js';
import { useMoney } from './kpiUi.js';

const steps = ['calls', 'meetings', 'proposals', 'deals'] as const;
const activitySteps = ['calls', 'meetings', 'proposals'] as const;

function Card({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      <Stack gap={2} mt={4}>
        {children}
      </Stack>
    </Paper>
  );
}

const Line = ({ label, value }: { label: string; value: string | number }) => (
  <Group justify="space-between" gap="xs">
    <Text size="sm">{label}</Text>
    <Text size="sm" fw={600}>
      {value}
    </Text>
  </Group>
);

/** "My numbers today": done, planned, overdue, the month plan and what it still needs today. */
export function TodayPanel() {
  const { t } = useTranslation('kpi');
  const money = useMoney();
  const q = useQuery({ queryKey: ['kpi', 'today'], queryFn: () => get<TodayResponse>('/kpi/today'), refetchInterval: 60_000 });
  const r = q.data;
  if (!r) return null;
  const base = r.baseCurrency;
  return (
    <Stack gap="xs" data-testid="kpi-today">
      <Title order={4}>{t('today.title')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Card title={t('today.done')}>
          {activitySteps.map((k) => (
            <Line key={k} label={t(`steps.${k}`)} value={r.done[k]} />
          ))}
          <Line label={t('today.activities')} value={r.done.activities} />
          <Text size="xs">{t('today.won', { n: r.done.won, amount: money(r.done.wonRevenue, base) })}</Text>
        </Card>
        <Card title={t('today.scheduled')}>
          {activitySteps.map((k) => (
            <Line key={k} label={t(`steps.${k}`)} value={r.scheduled[k]} />
          ))}
          <Line label={t('today.overdue')} value={r.overdue} />
        </Card>
        <Card title={t('today.left')}>
          {r.plan ? (
            <>
              <Line label={t('steps.revenue')} value={`${money(r.left.revenue, base)} / ${money(r.plan.revenue, base)}`} />
              {steps.map((k) => r.left[k] !== null && <Line key={k} label={t(`steps.${k}`)} value={`${r.left[k]} / ${r.plan![k]}`} />)}
            </>
          ) : (
            <Text size="sm">{t('today.noPlan')}</Text>
          )}
        </Card>
        <Card title={t('today.needed')} testId="kpi-needed-today">
          {steps.map((k) => (
            <Line key={k} label={t(`steps.${k}`)} value={r.neededToday[k] ?? '—'} />
          ))}
          <Text size="xs" c="dimmed">
            {t('today.remaining', { n: r.remainingWorkingDays })}
          </Text>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
