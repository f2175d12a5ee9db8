import { Alert, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { EChart, type ChartOption } from '../../../web/components/EChart.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, PageLoader } from '../../../web/components/ListControls.js';
import { currentPeriod, PeriodPicker } from '../../../web/components/PeriodPicker.js';
import { minorDigits } from '../../../shared/money.js';
import { useMoneyText, useNumberText } from '../../../web/components/format.js';
import { roiGroupings, type RoiReport, type RoiRow } from '../sources.schema.js';
import { CostsPanel } from './CostsPanel.js';

/** ROI of advertising sources over a period (table and chart), and the costs entered per month. */
export function SourcesPage() {
  const { t } = useTranslation('sources');
  const [period, setPeriod] = useState(() => currentPeriod('quarter'));
  const [by, setBy] = useState<(typeof roiGroupings)[number]>('campaign');
  const report = useQuery({ queryKey: ['sources', 'roi', period, by], queryFn: () => get<RoiReport>('/sources/roi', { period, by }) });

  return (
    <Stack data-testid="sources-page">
      <Group justify="space-between">
        <PeriodPicker value={period} onChange={setPeriod} />
        <SegmentedControl value={by} data={roiGroupings.map((g) => ({ value: g, label: t(`by.${g}`) }))} onChange={(v) => setBy(v as typeof by)} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('roi.hint')}
      </Text>
      {report.isPending ? <PageLoader /> : report.error ? <ErrorState error={report.error} ns="sources" /> : <RoiView report={report.data} by={by} />}
      <CostsPanel />
    </Stack>
  );
}

function RoiView({ report, by }: { report: RoiReport; by: string }) {
  const { t } = useTranslation('sources');
  const money = useMoneyText();
  const num = useNumberText();
  const name = (r: RoiRow) =>
    r.channel === null ? t('roi.noSource') : by === 'campaign' ? `${r.channel} / ${r.campaign ? r.campaign : t('roi.noCampaign')}` : r.channel;
  if (!report.rows.length) return <EmptyState title={t('roi.empty')} />;
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 80, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'category', data: report.rows.map(name), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value' },
    series: [
      { type: 'bar', name: t('roi.revenue'), data: report.rows.map((r) => r.revenue / 10 ** minorDigits(report.currency)) },
      { type: 'bar', name: t('roi.cost'), data: report.rows.map((r) => r.cost / 10 ** minorDigits(report.currency)) },
    ],
  };
  const cells = (r: RoiRow) => [
    r.leads,
    ...(by === 'channel' ? [r.newCompanies ?? ''] : []),
    r.won,
    money(r.revenue, report.currency),
    money(r.cost, report.currency),
    money(r.costPerLead, report.currency),
    money(r.costPerSale, report.currency),
    r.roi === null ? '' : num(r.roi * 100),
  ];
  const heads = ['leads', ...(by === 'channel' ? ['newCompanies'] : []), 'won', 'revenue', 'cost', 'cpl', 'cps', 'roi'];

  return (
    <Stack>
      {report.unconverted.length > 0 && <Alert color="orange">{t('roi.unconverted', { list: report.unconverted.join(', ') })}</Alert>}
      <Card withBorder>
        <Title order={4}>{t('roi.title')}</Title>
        <EChart option={option} height={300} label={t('roi.chart')} />
      </Card>
      <Table.ScrollContainer minWidth={800}>
        <Table striped data-testid="roi-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{by === 'campaign' ? `${t('roi.channel')} / ${t('roi.campaign')}` : t('roi.channel')}</Table.Th>
              {heads.map((h) => (
                <Table.Th key={h}>{t(`roi.${h}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.rows.map((r) => (
              <Table.Tr key={`${r.channel}|${r.campaign}`}>
                <Table.Td>{name(r)}</Table.Td>
                {cells(r).map((v, i) => (
                  <Table.Td key={i}>{v}</Table.Td>
                ))}
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{t('roi.total')}</Table.Td>
              {cells(report.total).map((v, i) => (
                <Table.Td key={i}>{v}</Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
