import { minorDigits } from '../../shared/money.js';
import { tableStream, type CellValue, type Column } from '../exports/index.js';
import type { Dimension, Measure, MeasureValues, ReportDefinition, ReportResult } from './reports.schema.js';

/**
 * A report's pivot as a table file: a column per row dimension, then each column value (and the total) times
 * each measure; a last row of totals. Money is in major units of the result's currency; conversion in percent.
 * Headers are in the viewer's language; values of the dimensions are as the pivot shows them.
 */

type Words = { total: string; none: string; measures: Record<Measure, string>; dimensions: Record<string, string>; units: Record<string, string> };

const words: Record<'en' | 'ru' | 'bg', Words> = {
  en: {
    total: 'Total',
    none: '(none)',
    measures: { count: 'Count', sum: 'Sum', avg: 'Average', conversion: 'Conversion, %' },
    dimensions: { manager: 'Manager', department: 'Department', pipeline: 'Pipeline', stage: 'Stage', status: 'Status', deal_type: 'Deal type', source_channel: 'Source', source_campaign: 'Campaign', currency: 'Currency', company_status: 'Company status', activity_type: 'Activity type', product: 'Product', product_group: 'Product group' },
    units: { day: 'Day', week: 'Week', month: 'Month', quarter: 'Quarter', year: 'Year' },
  },
  ru: {
    total: 'Итого',
    none: '(нет)',
    measures: { count: 'Количество', sum: 'Сумма', avg: 'Средняя сумма', conversion: 'Конверсия, %' },
    dimensions: { manager: 'Менеджер', department: 'Отдел', pipeline: 'Воронка', stage: 'Этап', status: 'Статус', deal_type: 'Тип сделки', source_channel: 'Источник', source_campaign: 'Кампания', currency: 'Валюта', company_status: 'Статус компании', activity_type: 'Тип активности', product: 'Товар', product_group: 'Группа товаров' },
    units: { day: 'День', week: 'Неделя', month: 'Месяц', quarter: 'Квартал', year: 'Год' },
  },
  bg: {
    total: 'Общо',
    none: '(няма)',
    measures: { count: 'Брой', sum: 'Сума', avg: 'Средна сума', conversion: 'Конверсия, %' },
    dimensions: { manager: 'Мениджър', department: 'Отдел', pipeline: 'Фуния', stage: 'Етап', status: 'Статус', deal_type: 'Вид сделка', source_channel: 'Източник', source_campaign: 'Кампания', currency: 'Валута', company_status: 'Статус на фирмата', activity_type: 'Вид дейност', product: 'Продукт', product_group: 'Продуктова група' },
    units: { day: 'Ден', week: 'Седмица', month: 'Месец', quarter: 'Тримесечие', year: 'Година' },
  },
};

const dimensionName = (w: Words, d: Dimension) => ('unit' in d ? w.units[d.unit]! : (w.dimensions[d.key] ?? d.key));

type Line = { labels: string[]; cells: (MeasureValues | null)[]; total: MeasureValues };

export function reportTable(def: ReportDefinition, result: ReportResult, locale: string): { columns: Column<Line>[]; lines: Line[] } {
  const w = words[(['en', 'ru', 'bg'].includes(locale) ? locale : 'en') as 'en' | 'ru' | 'bg'];
  const scale = result.currency ? 10 ** minorDigits(result.currency) : 100;
  const value = (v: MeasureValues | null, m: Measure): CellValue => {
    const x = v?.[m];
    if (x === undefined || x === null) return null;
    return m === 'sum' || m === 'avg' ? x / scale : x;
  };
  const split = def.dimensions.length >= 2 ? def.dimensions.length - 1 : def.dimensions.length;
  const many = def.measures.length > 1;
  const head = (name: string, m: Measure) => (many ? `${name} · ${w.measures[m]}` : name === w.total ? `${w.total} · ${w.measures[m]}` : name);
  const columns: Column<Line>[] = def.dimensions.slice(0, split).map((d, i) => ({ key: `d${i}`, header: dimensionName(w, d), get: (l) => l.labels[i] ?? '' }));
  result.pivot.columns.forEach((c, ci) => {
    for (const m of def.measures) columns.push({ key: `c${ci}.${m}`, header: head(c.label || w.none, m), get: (l) => value(l.cells[ci] ?? null, m) });
  });
  for (const m of def.measures) columns.push({ key: `t.${m}`, header: head(w.total, m), get: (l) => value(l.total, m) });
  const lines: Line[] = result.pivot.rows.map((r) => ({ labels: r.labels.map((x) => x || w.none), cells: r.cells, total: r.total }));
  lines.push({ labels: [w.total], cells: result.pivot.columnTotals, total: result.pivot.total });
  return { columns, lines };
}

export function exportReport(def: ReportDefinition, result: ReportResult, opts: { format: 'csv' | 'xlsx'; delimiter: ';' | ','; locale: string; sheetName?: string }): ReadableStream<Uint8Array> {
  const { columns, lines } = reportTable(def, result, opts.locale);
  async function* pages() {
    yield lines;
  }
  return tableStream(columns, pages(), { format: opts.format, delimiter: opts.delimiter, sheetName: (opts.sheetName ?? 'Report').replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Report' });
}
