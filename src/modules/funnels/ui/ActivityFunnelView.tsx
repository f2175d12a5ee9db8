import { Paper, Stack, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { EChart, type ChartOption } from '../../../web/components/EChart.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, PageLoader } from '../../../web/components/ListControls.js';
import { activitySteps, type ActivityFunnel, type ActivityNumbers } from '../funnels.schema.js';
import { FunnelActivities, stepTypes } from './FunnelActivities.js';
import { Count, FunnelDeals } from './FunnelDeals.js';
import { clearDrill, periodQuery, type Params } from './funnelsUi.js';

type Step = (typeof activitySteps)[number];

/** Calls -> meetings -> proposals -> deals -> won for the period, in total and per manager; every number opens its activities or deals. */
export function ActivityFunnelView({ params, setMany }: { params: Params; setMany(values: Record<string, string | null>): void }) {
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
  const step = (activitySteps as readonly string[]).includes(params.drill!) ? (params.drill as Step) : null;
  const owner = params.drillOwner;
  const who = owner ? (r.managers.find((m) => m.id === owner)?.name ?? t('unknown')) : t('total');
  const drillQuery = { ...query, ...(owner && { ownerId: owner }) };
  const title = step && t('drill.step', { step: t(`steps.${step}`), who });
  const close = () => setMany(clearDrill);
  const cells = (numbers: ActivityNumbers, name: string, ownerId: string | null, bold = false) =>
    activitySteps.map((s) => (
      <Table.Td key={s} ta="right" fw={bold ? 700 : undefined}>
        <Count n={numbers[s]} onClick={() => setMany({ ...clearDrill, drill: s, drillOwner: ownerId })} label={`${name}, ${t(`steps.${s}`)}`} testId={`activity-${s}-${ownerId ?? 'total'}`} />
      </Table.Td>
    ));

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
                {cells(m.numbers, m.name, m.id)}
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td fw={700}>{t('columns.total')}</Table.Td>
              {cells(r.total, t('columns.total'), null, true)}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {step && title && (step === 'deals' || step === 'won' ? (
        <FunnelDeals drill={{ measure: step === 'deals' ? 'created' : 'won' }} title={title} query={drillQuery} onClose={close} />
      ) : (
        <FunnelActivities type={stepTypes[step]} title={title} query={drillQuery} onClose={close} />
      ))}
    </Stack>
  );
}
