import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { periodRange } from '../../shared/periods.js';
import {
  entityCatalog,
  measures as allMeasures,
  plainDimensions,
  type Dimension,
  type Measure,
  type PeriodPreset,
  type PeriodUnit,
  type ReportDefinition,
  type reportDefinition,
} from './reports.schema.js';

/**
 * Checks a parsed definition against its entity's whitelist: every unknown dimension, date field, measure or
 * filter is a 422 naming its field (`dimensions.1.key`, `measures.0`, `filters.productId` ...), prefixed with
 * `prefix` (e.g. 'definition.' inside a saved report).
 */
export function checkDefinition(input: z.output<typeof reportDefinition>, prefix = ''): ReportDefinition {
  const cat = entityCatalog[input.entity];
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string, message: string) => issues.push({ field: `${prefix}${field}`, code, message });
  const seen = new Set<string>();
  input.dimensions.forEach((d, i) => {
    if ('unit' in d) {
      if (!cat.dateFields.includes(d.field)) issue(`dimensions.${i}.field`, 'report.date_field_unknown', `${input.entity} have no date field ${d.field}`);
    } else if (!(plainDimensions as readonly string[]).includes(d.key)) {
      issue(`dimensions.${i}.key`, 'report.dimension_unknown', `unknown dimension ${d.key}`);
    } else if (!(cat.dimensions as readonly string[]).includes(d.key)) {
      issue(`dimensions.${i}.key`, 'report.dimension_not_for_entity', `${input.entity} cannot be grouped by ${d.key}`);
    }
    const id = 'unit' in d ? `period:${d.field}:${d.unit}` : d.key;
    if (seen.has(id)) issue(`dimensions.${i}.key`, 'report.dimension_repeated', 'this dimension is already used');
    seen.add(id);
  });
  const measureSet = new Set<string>();
  input.measures.forEach((m, i) => {
    if (!(allMeasures as readonly string[]).includes(m)) issue(`measures.${i}`, 'report.measure_unknown', `unknown measure ${m}`);
    else if (!(cat.measures as readonly string[]).includes(m)) issue(`measures.${i}`, 'report.measure_not_for_entity', `${input.entity} have no measure ${m}`);
    else if (measureSet.has(m)) issue(`measures.${i}`, 'report.measure_repeated', 'this measure is already used');
    measureSet.add(m);
  });
  const f = input.filters;
  for (const [key, value] of Object.entries(f)) {
    if (key === 'period' || value === undefined) continue;
    if (!cat.filters.includes(key)) issue(`filters.${key}`, 'report.filter_not_for_entity', `${input.entity} cannot be filtered by ${key}`);
  }
  if (f.status !== undefined && cat.filters.includes('status') && !cat.statuses.includes(f.status)) {
    issue('filters.status', 'report.status_unknown', `expected one of ${cat.statuses.join(', ')}`);
  }
  if (f.period && !cat.dateFields.includes(f.period.field)) issue('filters.period.field', 'report.date_field_unknown', `${input.entity} have no date field ${f.period.field}`);
  if (f.period?.from && f.period.to && f.period.from > f.period.to) issue('filters.period.to', 'report.period_reversed', 'the last day is before the first');
  if (issues.length) throw AppError.validation(issues);
  return {
    entity: input.entity,
    dimensions: input.dimensions as Dimension[],
    measures: input.measures as Measure[],
    filters: f,
    chart: input.chart,
  };
}

const DAY = 86_400_000;
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const monthKey = (year: number, month0: number) => {
  const y = year + Math.floor(month0 / 12);
  return `${y}-${String((((month0 % 12) + 12) % 12) + 1).padStart(2, '0')}`;
};

/** A preset as a range of days [from, before) relative to `today` (UTC). */
export function presetRange(preset: PeriodPreset, today: string): { from: string; before: string } {
  const year = Number(today.slice(0, 4));
  const month0 = Number(today.slice(5, 7)) - 1;
  const q0 = month0 - (month0 % 3);
  const first = (m0: number) => `${monthKey(year, m0)}-01`;
  switch (preset) {
    case 'this_month':
      return { from: first(month0), before: first(month0 + 1) };
    case 'last_month':
      return { from: first(month0 - 1), before: first(month0) };
    case 'this_quarter':
      return { from: first(q0), before: first(q0 + 3) };
    case 'last_quarter':
      return { from: first(q0 - 3), before: first(q0) };
    case 'this_year':
      return { from: `${year}-01-01`, before: `${year + 1}-01-01` };
    case 'last_year':
      return { from: `${year - 1}-01-01`, before: `${year}-01-01` };
    case 'last_12_months':
      return { from: first(month0 - 11), before: first(month0 + 1) };
    case 'last_30_days':
      return { from: addDays(today, -29), before: addDays(today, 1) };
  }
}

/** The period filter as days [from, before); null without one. */
export function resolvePeriod(p: ReportDefinition['filters']['period'], today: string): { field: string; from: string; before: string } | null {
  if (!p) return null;
  if (p.preset) return { field: p.field, ...presetRange(p.preset, today) };
  if (p.key) {
    const r = periodRange(p.key);
    return { field: p.field, from: r.from, before: r.to };
  }
  return { field: p.field, from: p.from ?? '0000-01-01', before: p.to ? addDays(p.to, 1) : '9999-12-31' };
}

/** The bucket of a day, as the SQL of truncDate gives it. */
export function bucketOf(day: string, unit: PeriodUnit): string {
  switch (unit) {
    case 'day':
      return day;
    case 'week': {
      const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
      return addDays(day, -weekday);
    }
    case 'month':
      return day.slice(0, 7);
    case 'quarter':
      return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) + 2) / 3)}`;
    case 'year':
      return day.slice(0, 4);
  }
}

/** Every bucket of a range of days [from, before), in order; null when the range is open or too long to list. */
export function bucketsOf(from: string, before: string, unit: PeriodUnit): string[] | null {
  if (from < '1900-01-01' || before > '2200-01-01') return null;
  const days = Math.round((Date.parse(`${before}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
  if (days > 3700 || (unit === 'day' && days > 400)) return null;
  const out: string[] = [];
  for (let d = from; d < before; d = addDays(d, 1)) {
    const b = bucketOf(d, unit);
    if (out[out.length - 1] !== b) out.push(b);
  }
  return out;
}
