import { Badge, Group, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { EChart, type ChartOption } from '../../../web/components/EChart.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, PageLoader } from '../../../web/components/ListControls.js';
import type { Pipeline } from '../../pipelines/pipelines.schema.js';
import { funnelGroupings, type FunnelNumbers, type FunnelReport } from '../funnels.schema.js';
import { Count, FunnelDeals, type Drill } from './FunnelDeals.js';
import { clearDrill, dealFilters, periodQuery, useNumbers, type Params } from './funnelsUi.js';

interface Props {
  params: Params;
  pipeline: Pipeline;
  setMany(values: Record<string, string | null>): void;
}

/** The sales funnel of a pipeline: chart, stage table (conversion, lost with reasons, time vs plan), rows per manager or department, drill-down. */
export function DealFunnelView({ params, pipeline, setMany }: Props) {
  const { t } = useTranslation('funnels');
  const num = useNumbers();
  const groupBy = (funnelGroupings as readonly string[]).includes(params.groupBy!) ? params.groupBy! : 'owner';
  const query = { pipelineId: pipeline.id, ...periodQuery(params), ...dealFilters(params), groupBy };
  const report = useQuery({ queryKey: ['funnels', 'deals', query], queryFn: () => get<FunnelReport>('/funnels/deals', query), placeholderData: (prev) => prev });
  const drill = (d: { stageId: string; measure?: 'lost'; reason?: string; owner?: string | null }) =>
    setMany({ drill: d.stageId, measure: d.measure ?? null, reason: d.reason ?? null, drillOwner: d.owner ?? null });

  if (report.error) return <ErrorState error={report.error} ns="funnels" />;
  if (!report.data) return <PageLoader />;
  const r = report.data;
  const funnelStages = r.stages.filter((s) => s.kind !== 'lost');
  const stageName = (id: string | undefined) => r.stages.find((s) => s.id === id)?.name ?? '';
  const numbersOf = (n: FunnelNumbers, id: string) => n.stages.find((s) => s.stageId === id)!;
  const option: ChartOption = {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        minSize: '10%',
        label: { show: true, position: 'inside', formatter: '{b}: {c}' },
        data: funnelStages.map((s) => ({ name: s.name, value: numbersOf(r.total, s.id).entered, stageId: s.id })),
      },
    ],
  };
  const current: Drill | null = params.drill ? { stageId: params.drill, measure: params.measure === 'lost' ? 'lost' : 'entered', reason: params.reason, ownerId: params.drillOwner } : null;

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('explain')}
      </Text>
      {r.total.entered === 0 && r.total.stages.every((s) => s.entered === 0) ? (
        <EmptyState title={t('empty.title')} text={t('empty.text')} />
      ) : (
        <>
          <Group align="flex-start" grow wrap="wrap">
            <Paper withBorder p="xs" miw={280}>
              <EChart option={option} label={t('chart')} height={300} onItemClick={(e) => drill({ stageId: (e.data as { stageId: string }).stageId })} />
            </Paper>
            <Paper withBorder p="xs" miw={420}>
              <Table verticalSpacing={4} data-testid="funnel-stages">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('columns.stage')}</Table.Th>
                    <Table.Th ta="right">{t('columns.entered')}</Table.Th>
                    <Table.Th ta="right">{t('columns.conversion')}</Table.Th>
                    <Table.Th ta="right">{t('columns.lost')}</Table.Th>
                    <Table.Th>{t('columns.reasons')}</Table.Th>
                    <Table.Th ta="right">{t('columns.avgDays')}</Table.Th>
                    <Table.Th ta="right">{t('columns.plannedDays')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.stages.map((s) => {
                    const n = numbersOf(r.total, s.id);
                    const late = n.avgSeconds !== null && s.plannedDays !== null && n.avgSeconds > s.plannedDays * 86_400;
                    return (
                      <Table.Tr key={s.id}>
                        <Table.Td>{s.name}</Table.Td>
                        <Table.Td ta="right">
                          <Count n={n.entered} onClick={() => drill({ stageId: s.id })} testId={`funnel-entered-${s.name}`} />
                        </Table.Td>
                        <Table.Td ta="right">{s.kind === 'open' ? num.percent(n.conversion) : ''}</Table.Td>
                        <Table.Td ta="right">{s.kind === 'open' ? <Count n={n.lost} onClick={() => drill({ stageId: s.id, measure: 'lost' })} /> : ''}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {n.lostReasons.map((x) => (
                              <Badge key={x.reasonId ?? ''} component="button" size="sm" variant="light" color="red" style={{ cursor: 'pointer' }} onClick={() => drill({ stageId: s.id, measure: 'lost', reason: x.reasonId ?? 'none' })}>
                                {x.name ?? t('noReason')}: {x.count}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right" c={late ? 'red' : undefined}>
                          {s.kind === 'open' ? num.days(n.avgSeconds) : ''}
                        </Table.Td>
                        <Table.Td ta="right">{s.kind === 'open' ? (s.plannedDays ?? '—') : ''}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                  <Table.Tr>
                    <Table.Td fw={700}>{t('columns.overall')}</Table.Td>
                    <Table.Td ta="right" colSpan={2} fw={700}>
                      {num.percent(r.total.conversion)}
                    </Table.Td>
                    <Table.Td colSpan={4} />
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Paper>
          </Group>
          <Group justify="space-between">
            <SegmentedControl size="xs" value={groupBy} onChange={(v) => setMany({ groupBy: v })} data={funnelGroupings.map((g) => ({ value: g, label: t(`groupings.${g}`) }))} aria-label={t('filters.groupBy')} />
          </Group>
          {groupBy !== 'none' && r.groups.length > 0 && (
            <Table.ScrollContainer minWidth={640}>
              <Table striped verticalSpacing={4} data-testid="funnel-groups">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('columns.name')}</Table.Th>
                    {funnelStages.map((s) => (
                      <Table.Th key={s.id} ta="right">
                        {s.name}
                      </Table.Th>
                    ))}
                    <Table.Th ta="right">{t('columns.lost')}</Table.Th>
                    <Table.Th ta="right">{t('columns.overall')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.groups.map((g) => {
                    // Department rows hold the department's own members: their drill-down is a manager's or the total's.
                    const owner = groupBy === 'owner' && g.id ? g.id : null;
                    return (
                      <Table.Tr key={g.id ?? 'none'}>
                        <Table.Td>{g.name ?? (groupBy === 'owner' ? t('noManager') : t('noDepartment'))}</Table.Td>
                        {funnelStages.map((s) => {
                          const n = numbersOf(g.numbers, s.id).entered;
                          return (
                            <Table.Td key={s.id} ta="right">
                              {owner ? <Count n={n} onClick={() => drill({ stageId: s.id, owner })} /> : n}
                            </Table.Td>
                          );
                        })}
                        <Table.Td ta="right">{g.numbers.lost}</Table.Td>
                        <Table.Td ta="right">{num.percent(g.numbers.conversion)}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
      {current && (
        <FunnelDeals
          drill={current}
          title={t('drill.title', {
            what: current.reason
              ? t('drill.reason', { stage: stageName(current.stageId), reason: current.reason === 'none' ? t('noReason') : (r.total.stages.flatMap((s) => s.lostReasons).find((x) => x.reasonId === current.reason)?.name ?? t('unknown')) })
              : t(`drill.${current.measure}`, { stage: stageName(current.stageId) }),
          })}
          query={{ pipelineId: pipeline.id, ...periodQuery(params), ...dealFilters(params) }}
          onClose={() => setMany(clearDrill)}
        />
      )}
    </Stack>
  );
}
