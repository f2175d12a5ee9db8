import { Badge, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { EChart } from '../../../web/components/EChart.js';
import { EmptyState, PageLoader, useListParams } from '../../../web/components/ListControls.js';
import { currentPeriod, PeriodPicker } from '../../../web/components/PeriodPicker.js';
import { measureKeys, type ProgressResponse, type ProgressRow } from '../plans.schema.js';
import { PlanForm } from './PlanForm.js';
import { PlannerPanel } from './PlannerPanel.js';
import { useMoney, type TargetValue } from './planUi.js';

/** Analytics > Plans: plan vs actual of every visible target for a period, plan editing and the reverse conversion planner. */
export function PlansPage() {
  const { t } = useTranslation('plans');
  const { can } = useAuth();
  const money = useMoney();
  const { params, set } = useListParams({ period: currentPeriod('month') });
  const period = params.period!;
  const [editing, setEditing] = useState<ProgressRow | 'new' | null>(null);
  const [planner, setPlanner] = useState<TargetValue | null>(null);
  const progress = useQuery({ queryKey: ['plans', 'progress', period], queryFn: () => get<ProgressResponse>('/plans/progress', { period }) });
  const base = progress.data?.baseCurrency ?? 'RUB';
  const name = (r: ProgressRow) => (r.target.kind === 'company' ? t('target.companyName') : (r.target.name ?? ''));
  const items = progress.data?.items ?? [];

  const cell = (r: ProgressRow, k: (typeof measureKeys)[number]) => {
    const plan = r.plan[k];
    const actual = r.actual[k] ?? 0;
    const fmt = (n: number | null) => (k === 'revenue' ? money(n, base) : n === null ? '—' : String(n));
    const pct = r.percent[k];
    return (
      <Table.Td key={k}>
        <Text size="sm">
          {fmt(actual)} / {fmt(plan)}
        </Text>
        {pct !== null && (
          <Group gap={4} wrap="nowrap">
            <Progress w={70} size="sm" value={Math.min(100, pct)} color={pct >= 100 ? 'green' : pct >= 70 ? 'yellow' : 'red'} aria-label={`${pct}%`} />
            <Text size="xs">{pct}%</Text>
          </Group>
        )}
      </Table.Td>
    );
  };

  return (
    <Stack gap="sm" data-testid="plans-page">
      <Group justify="space-between">
        <PeriodPicker value={period} onChange={(v) => set('period', v)} />
        {can('plan', 'create') && (
          <Button size="xs" onClick={() => setEditing('new')}>
            {t('add')}
          </Button>
        )}
      </Group>
      {progress.isLoading ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <EmptyState title={t('empty')} />
      ) : (
        <>
          <EChart
            label={t('chartTitle')}
            height={Math.max(160, items.length * 36 + 60)}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0, data: [t('columns.plan'), t('columns.actual')] },
              grid: { left: 160, right: 30, top: 30, bottom: 20, containLabel: true },
              xAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v, base) } },
              yAxis: { type: 'category', data: items.map(name), inverse: true },
              series: [
                { name: t('columns.plan'), type: 'bar', data: items.map((r) => r.plan.revenue ?? 0) },
                { name: t('columns.actual'), type: 'bar', data: items.map((r) => r.actual.revenue ?? 0) },
              ],
            }}
          />
          <Table.ScrollContainer minWidth={900}>
            <Table striped data-testid="plans-progress">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('columns.target')}</Table.Th>
                  {measureKeys.map((k) => (
                    <Table.Th key={k}>{t(`measures.${k}`)}</Table.Th>
                  ))}
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={`${r.target.kind}:${r.target.id ?? ''}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {name(r)}
                      </Text>
                      <Group gap={4}>
                        <Badge size="xs" variant="light">
                          {t(`target.${r.target.kind}`)}
                        </Badge>
                        {r.derived && (
                          <Badge size="xs" variant="outline">
                            {t('derived')}
                          </Badge>
                        )}
                      </Group>
                      {r.actual.unconverted.length > 0 && (
                        <Text size="xs" c="orange">
                          {t('unconverted', { list: r.actual.unconverted.map((u) => money(u.amount, u.currency)).join(', ') })}
                        </Text>
                      )}
                    </Table.Td>
                    {measureKeys.map((k) => cell(r, k))}
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-xs" variant="subtle" onClick={() => setPlanner({ kind: r.target.kind, id: r.target.id })}>
                          {t('planner.open')}
                        </Button>
                        {r.planId && can('plan', 'update') && (
                          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(r)}>
                            {t('edit')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      {planner && <PlannerPanel target={planner} period={period} onClose={() => setPlanner(null)} />}
      {editing && <PlanForm period={period} planId={editing === 'new' ? null : editing.planId} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
