import { Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { FormError } from '../../../web/components/FormAlerts.js';
import { EmptyState, PageLoader, useListParams } from '../../../web/components/ListControls.js';
import { currentPeriod, PeriodPicker } from '../../../web/components/PeriodPicker.js';
import type { LeaderboardResponse } from '../kpi.schema.js';
import { FormulasPanel } from './FormulasPanel.js';
import { moneyMeasures, useMoney } from './kpiUi.js';
import { TodayPanel } from './TodayPanel.js';

/** Measures in the leaderboard's columns (all of them can rank it). */
const columns = ['won_revenue', 'plan_execution', 'won_count', 'conversion', 'avg_deal', 'cycle_days', 'activities_done', 'contacts_per_day', 'overdue'] as const;

/** Analytics > KPI: my numbers today, the ranked KPIs of a period within my scope, and the formula KPIs. */
export function KpiPage() {
  const { t } = useTranslation('kpi');
  const { can } = useAuth();
  const money = useMoney();
  const { params, set } = useListParams({ period: currentPeriod('month'), sort: 'won_revenue' });
  const q = useQuery({ queryKey: ['kpi', 'leaderboard', params.period, params.sort], queryFn: () => get<LeaderboardResponse>('/kpi/leaderboard', { period: params.period, sort: params.sort }) });
  const r = q.data;
  const formulaKeys = r?.formulas.map((f) => f.key) ?? [];
  const label = (key: string) => r?.formulas.find((f) => f.key === key)?.name ?? t(`measures.${key}`);
  const show = (key: string, v: number | null | undefined) => {
    if (v === null || v === undefined) return '—';
    const unit = r?.formulas.find((f) => f.key === key)?.unit;
    return moneyMeasures.has(key) || unit === 'money' ? money(v, r!.baseCurrency) : String(v);
  };

  return (
    <Stack gap="md" data-testid="kpi-page">
      <TodayPanel />
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('leaderboard.title')}</Title>
          <Group gap="xs">
            <PeriodPicker value={params.period!} onChange={(v) => set('period', v)} />
            <Select
              size="xs"
              w={220}
              aria-label={t('leaderboard.sort')}
              allowDeselect={false}
              value={params.sort!}
              data={[...(r?.measures ?? columns), ...formulaKeys].map((k) => ({ value: k, label: label(k) }))}
              onChange={(v) => v && set('sort', v)}
            />
          </Group>
        </Group>
        <FormError message={q.error ? featureErrorMessage(t, q.error, 'kpi') : null} />
        {q.isLoading ? (
          <PageLoader />
        ) : !r?.items.length ? (
          <EmptyState title={t('leaderboard.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover data-testid="kpi-leaderboard">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('leaderboard.rank')}</Table.Th>
                  <Table.Th>{t('leaderboard.user')}</Table.Th>
                  {[...columns, ...formulaKeys].map((k) => (
                    <Table.Th key={k} style={{ cursor: 'pointer' }} onClick={() => set('sort', k)}>
                      <Text size="xs" fw={k === params.sort ? 700 : 500}>
                        {label(k)}
                      </Text>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.items.map((row) => (
                  <Table.Tr key={row.user.id}>
                    <Table.Td>{row.rank}</Table.Td>
                    <Table.Td>{row.user.name}</Table.Td>
                    {[...columns, ...formulaKeys].map((k) => (
                      <Table.Td key={k}>{show(k, row.values[k])}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {can('settings', 'update') && <FormulasPanel />}
    </Stack>
  );
}
