import { Anchor, Group, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { EChart } from '../../../web/components/EChart.js';
import { FormError } from '../../../web/components/FormAlerts.js';
import { PageLoader, useListParams } from '../../../web/components/ListControls.js';
import { currentPeriod, PeriodPicker, usePeriodLabel } from '../../../web/components/PeriodPicker.js';
import { useFormat } from '../../../web/components/format.js';
import type { ForecastResponse, TargetKind } from '../plans.schema.js';
import { TargetPicker, targetQuery, useDefaultTarget, useMoney } from './planUi.js';

const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10}%`);

/** Analytics > Forecast: the weighted pipeline and the historical forecast by month, with the plan and the won revenue. */
export function ForecastPage() {
  const { t } = useTranslation('plans');
  const money = useMoney();
  const fmt = useFormat();
  const label = usePeriodLabel();
  const fallback = useDefaultTarget();
  const { params, replace } = useListParams({ period: currentPeriod('quarter'), targetKind: fallback.kind, months: '12' });
  const target = { kind: params.targetKind as TargetKind, id: params.targetId ?? (params.targetKind === fallback.kind ? fallback.id : null) };
  const setParams = (v: Record<string, string | null>) => replace(Object.fromEntries(Object.entries({ ...params, ...v }).filter((e): e is [string, string] => !!e[1])));
  const ready = target.kind === 'company' || !!target.id;
  const q = useQuery({
    queryKey: ['plans', 'forecast', params],
    queryFn: () => get<ForecastResponse>('/plans/forecast', { ...targetQuery(target), period: params.period, historyMonths: params.months }),
    enabled: ready,
  });
  const r = q.data;
  const base = r?.baseCurrency ?? 'RUB';

  return (
    <Stack gap="sm" data-testid="forecast-page">
      <Group gap="xs" align="end">
        <TargetPicker value={target} onChange={(v) => setParams({ targetKind: v.kind, targetId: v.id })} />
        <PeriodPicker value={params.period!} onChange={(v) => setParams({ period: v })} />
        <NumberInput size="xs" w={120} aria-label={t('forecast.historyMonths')} placeholder={t('forecast.historyMonths')} min={1} max={60} value={Number(params.months)} onChange={(v) => typeof v === 'number' && v >= 1 && v <= 60 && setParams({ months: String(v) })} />
      </Group>
      <FormError message={q.error ? featureErrorMessage(t, q.error, 'plans') : null} />
      {q.isLoading && <PageLoader />}
      {r && (
        <>
          <EChart
            label={`${t('forecast.weighted')} / ${t('forecast.historical')}`}
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v: number) => money(v, base) },
              legend: { data: [t('forecast.actual'), t('forecast.weighted'), t('forecast.historical'), t('forecast.plan')] },
              grid: { left: 90, right: 20, top: 40, bottom: 30 },
              xAxis: { type: 'category', data: r.months.map((m) => label(m.month)) },
              yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v, base) } },
              series: [
                { name: t('forecast.actual'), type: 'bar', stack: 'w', data: r.months.map((m) => m.actual) },
                { name: t('forecast.weighted'), type: 'bar', stack: 'w', data: r.months.map((m) => m.weighted) },
                { name: t('forecast.historical'), type: 'bar', data: r.months.map((m) => m.actual + m.historical) },
                { name: t('forecast.plan'), type: 'line', data: r.months.map((m) => m.plan) },
              ],
            }}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Stack gap={4}>
              <Title order={5}>{t('forecast.stages')}</Title>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    {(['stage', 'entered', 'won', 'winRate', 'remainingDays'] as const).map((c) => (
                      <Table.Th key={c}>{t(`forecast.${c}`)}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.stages.map((s) => (
                    <Table.Tr key={s.stageId}>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td>{s.entered}</Table.Td>
                      <Table.Td>{s.won}</Table.Td>
                      <Table.Td>{pct(s.winRate)}</Table.Td>
                      <Table.Td>{s.remainingDays ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
            <Stack gap={4}>
              <Title order={5}>{t('forecast.deals')}</Title>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    {(['deal', 'amount', 'probability', 'weighted', 'historical', 'expectedClose', 'historicalClose'] as const).map((c) => (
                      <Table.Th key={c}>{t(`forecast.${c}`)}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.deals.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/deals/${d.id}`} size="sm">
                          {d.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {d.stageName}
                        </Text>
                      </Table.Td>
                      <Table.Td>{money(d.amount, base)}</Table.Td>
                      <Table.Td>{d.probability}%</Table.Td>
                      <Table.Td>{money(d.weighted, base)}</Table.Td>
                      <Table.Td>{money(d.historical, base)}</Table.Td>
                      <Table.Td>{fmt.calendarDate(d.expectedClose)}</Table.Td>
                      <Table.Td>{fmt.calendarDate(d.historicalClose)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
