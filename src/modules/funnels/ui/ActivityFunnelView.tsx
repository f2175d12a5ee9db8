import { Paper, Stack, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { EChart, type ChartOption } from '../../../web/components/EChart.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, PageLoader } from '../../../web/components/ListControls.js';
import { activitySteps, type ActivityFunnel } from '../funnels.schema.js';
import { periodQuery, type Params } from './funnelsUi.js';

/** Calls -> meetings -> proposals -> deals -> won for the period, in total and per manager. */
export function ActivityFunnelView({ params }: { params: Params }) {
  const { t } = useTranslation('funnels');
  const query = { ...periodQuery(params), ...(params.ownerId && { ownerId: params.ownerId }), ...(params.departmentId && { departmentId: params.departmentId }) };
  const res = useQuery({ queryKey: ['funnels', 'activities', query], queryFn: () => get<ActivityFunnel>('/funnels/activities', query), placeholderData: (prev) => prev });
  if (res.error) return <ErrorState error={res.error} ns="funnels" />;
  if (!res.data) return <PageLoader />;
  const r = res.data;
  if (activitySteps.every((s) => r.total[s] === 0)) return <EmptyState title={t('emptyActivities.title')} />;
  const option: ChartOption = {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [{ type: 'funnel', sort: 'none', minSize: '10%', label: { show: true, position: 'inside', formatter: '{b}: {c}' }, data: activitySteps.map((s) => ({ name: t(`steps.${s}`), value: r.total[s] })) }],
  };
  return (
    <Stack gap="sm">
      <Paper withBorder p="xs">
        <EChart option={option} label={t('activityChart')} height={280} />
      </Paper>
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing={4} data-testid="activity-funnel">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('columns.manager')}</Table.Th>
              {activitySteps.map((s) => (
                <Table.Th key={s} ta="right">
                  {t(`steps.${s}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.managers.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.name}</Table.Td>
                {activitySteps.map((s) => (
                  <Table.Td key={s} ta="right">
                    {m.numbers[s]}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td fw={700}>{t('columns.total')}</Table.Td>
              {activitySteps.map((s) => (
                <Table.Td key={s} ta="right" fw={700}>
                  {r.total[s]}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
