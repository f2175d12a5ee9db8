import { Alert, Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../../../web/components/EChart.js';
import { EmptyState } from '../../../web/components/ListControls.js';
import { minorDigits } from '../../../shared/money.js';
import type { ChartKind, Dimension, Measure, MeasureValues, ReportDefinition, ReportResult } from '../reports.schema.js';

/** A report's result as a chart (ECharts) and a pivot table with totals; shared by the constructor and dashboards. */

/** Texts of dimension values and measure values in the UI language. */
export function useReportFormat(result: ReportResult | undefined) {
  const { t, i18n } = useTranslation('reports');
  const currency = result?.currency ?? null;
  const money = currency
    ? new Intl.NumberFormat(i18n.language, { style: 'currency', currency, maximumFractionDigits: minorDigits(currency) })
    : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const count = new Intl.NumberFormat(i18n.language);
  const month = new Intl.DateTimeFormat(i18n.language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  const scale = currency ? 10 ** minorDigits(currency) : 100;
  return {
    /** a dimension value: names as the server gives them, codes and periods translated */
    value(d: Dimension, key: string, label: string): string {
      if (key === '') return t('builder.none');
      if ('unit' in d) {
        if (d.unit === 'month') return month.format(new Date(`${key}-01T00:00:00Z`));
        if (d.unit === 'day' || d.unit === 'week') return day.format(new Date(`${key}T00:00:00Z`));
        if (d.unit === 'quarter') return `${key.slice(5)} ${key.slice(0, 4)}`;
        return key;
      }
      if (['status', 'deal_type', 'company_status', 'activity_type'].includes(d.key)) return t(`values.${key}`, { defaultValue: key });
      return label || key;
    },
    measure(m: Measure, v: MeasureValues | null | undefined): string {
      const x = v?.[m];
      if (x === undefined || x === null) return '—';
      if (m === 'sum' || m === 'avg') return money.format(x / scale);
      if (m === 'conversion') return `${count.format(x)} %`;
      return count.format(x);
    },
    /** the plain number a chart plots (money in major units) */
    plot(m: Measure, v: MeasureValues | null | undefined): number {
      const x = v?.[m] ?? 0;
      return m === 'sum' || m === 'avg' ? x / scale : x;
    },
  };
}

function chartOption(def: ReportDefinition, result: ReportResult, kind: ChartKind, f: ReturnType<typeof useReportFormat>, measureLabel: (m: Measure) => string, total: string): ChartOption {
  const m = def.measures[0]!;
  const rowDims = def.dimensions.slice(0, def.dimensions.length >= 2 ? def.dimensions.length - 1 : def.dimensions.length);
  const rowName = (labels: string[], keys: string[]) => (rowDims.length ? keys.map((k, i) => f.value(rowDims[i]!, k, labels[i]!)).join(' / ') : total);
  const rows = result.pivot.rows.length ? result.pivot.rows : [{ keys: [], labels: [], cells: [], total: result.pivot.total }];
  const categories = rows.map((r) => rowName(r.labels, r.keys));
  const last = def.dimensions[def.dimensions.length - 1];
  if (kind === 'pie') {
    return {
      tooltip: { trigger: 'item' },
      legend: { type: 'scroll', bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: rows.map((r, i) => ({ name: categories[i], value: f.plot(m, r.total) })) }],
    };
  }
  const series =
    def.dimensions.length >= 2 && last
      ? result.pivot.columns.map((c, ci) => ({ type: kind, name: f.value(last, c.key, c.label), stack: kind === 'bar' ? 'all' : undefined, data: rows.map((r) => f.plot(m, r.cells[ci])) }))
      : def.measures.filter((x) => x !== 'conversion' || def.measures.length === 1).slice(0, 2).map((x, i) => ({ type: kind, name: measureLabel(x), yAxisIndex: i, data: rows.map((r) => f.plot(x, r.total)) }));
  const axes = series.some((s) => 'yAxisIndex' in s && s.yAxisIndex === 1) ? [{ type: 'value' }, { type: 'value' }] : [{ type: 'value' }];
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: categories },
    yAxis: axes,
    series,
  };
}

interface Props {
  def: ReportDefinition;
  result: ReportResult;
  display: 'chart' | 'table' | 'both';
  chartHeight?: number;
}

export function ReportView({ def, result, display, chartHeight = 320 }: Props) {
  const { t } = useTranslation('reports');
  const f = useReportFormat(result);
  const empty = !result.rows.length && !(result.pivot.total.count ?? 0);
  if (empty) return <EmptyState title={t('builder.noData')} text={t('builder.noDataText')} />;
  const split = def.dimensions.length >= 2 ? def.dimensions.length - 1 : def.dimensions.length;
  const rowDims = def.dimensions.slice(0, split);
  const last = def.dimensions.length >= 2 ? def.dimensions[def.dimensions.length - 1]! : null;
  const measureLabel = (m: Measure) => t(`measures.${m}`);
  const dimLabel = (d: Dimension) => ('unit' in d ? `${t('dimensions.period')} (${t(`units.${d.unit}`)})` : t(`dimensions.${d.key}`));
  const cells = (v: MeasureValues | null | undefined) => def.measures.map((m) => <Table.Td key={m} ta="right">{f.measure(m, v)}</Table.Td>);
  return (
    <Stack gap="sm">
      {result.unconverted.length > 0 && <Alert color="yellow">{t('builder.unconverted', { list: result.unconverted.join(', ') })}</Alert>}
      {display !== 'table' && <EChart option={chartOption(def, result, def.chart, f, measureLabel, t('builder.total'))} height={chartHeight} label={t('tab')} />}
      {display !== 'chart' && (
        <Table.ScrollContainer minWidth={300}>
          <Table striped withTableBorder withColumnBorders fz="sm" data-testid="report-pivot">
            <Table.Thead>
              {last && (
                <Table.Tr>
                  <Table.Th colSpan={Math.max(1, rowDims.length)}>{dimLabel(last)}</Table.Th>
                  {result.pivot.columns.map((c) => <Table.Th key={c.key} colSpan={def.measures.length} ta="center">{f.value(last, c.key, c.label)}</Table.Th>)}
                  <Table.Th colSpan={def.measures.length} ta="center">{t('builder.total')}</Table.Th>
                </Table.Tr>
              )}
              <Table.Tr>
                {rowDims.length ? rowDims.map((d, i) => <Table.Th key={i}>{dimLabel(d)}</Table.Th>) : <Table.Th />}
                {[...result.pivot.columns.map((c) => c.key), '\u0000total'].flatMap((k) => def.measures.map((m) => <Table.Th key={`${k}.${m}`} ta="right">{measureLabel(m)}</Table.Th>))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.pivot.rows.map((r) => (
                <Table.Tr key={r.keys.join('\u0001')}>
                  {r.keys.map((k, i) => <Table.Td key={i}>{f.value(rowDims[i]!, k, r.labels[i]!)}</Table.Td>)}
                  {r.cells.flatMap((c) => cells(c))}
                  {cells(r.total)}
                </Table.Tr>
              ))}
              <Table.Tr fw={600}>
                <Table.Td colSpan={Math.max(1, rowDims.length)}>{t('builder.total')}</Table.Td>
                {result.pivot.columnTotals.flatMap((c) => cells(c))}
                {cells(result.pivot.total)}
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
