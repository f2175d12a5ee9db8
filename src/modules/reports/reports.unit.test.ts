import { describe, expect, it } from 'vitest';
import { bucketOf, bucketsOf, presetRange } from './reports.definition.js';
import { hasColumn, hasDate, type RawKey } from './reports.repository.js';
import { entityCatalog, reportEntities } from './reports.schema.js';

describe('report definitions', () => {
  it('every whitelisted dimension and date of an entity has its SQL column', () => {
    const rawOf = (entity: string, d: string): Exclude<RawKey, 'period'> =>
      d === 'manager' || d === 'department' ? 'owner' : d === 'status' ? (entity === 'activities' ? 'activity_status' : entity === 'companies' ? 'company_status' : 'stage') : (d as Exclude<RawKey, 'period'>);
    for (const entity of reportEntities) {
      for (const d of entityCatalog[entity].dimensions) expect(hasColumn(entity, rawOf(entity, d)), `${entity}.${d}`).toBe(true);
      for (const f of entityCatalog[entity].dateFields) expect(hasDate(entity, f), `${entity}.${f}`).toBe(true);
    }
    expect(hasColumn('activities', 'currency')).toBe(false);
    expect(hasDate('deals', 'updated_at')).toBe(false);
  });

  it('relative periods are ranges of days [from, before)', () => {
    expect(presetRange('this_month', '2026-11-23')).toEqual({ from: '2026-11-01', before: '2026-12-01' });
    expect(presetRange('last_month', '2026-01-15')).toEqual({ from: '2025-12-01', before: '2026-01-01' });
    expect(presetRange('this_quarter', '2026-11-23')).toEqual({ from: '2026-10-01', before: '2027-01-01' });
    expect(presetRange('last_quarter', '2026-02-10')).toEqual({ from: '2025-10-01', before: '2026-01-01' });
    expect(presetRange('last_12_months', '2026-11-23')).toEqual({ from: '2025-12-01', before: '2026-12-01' });
    expect(presetRange('last_30_days', '2026-03-01')).toEqual({ from: '2026-01-31', before: '2026-03-02' });
    expect(presetRange('last_year', '2026-03-01')).toEqual({ from: '2025-01-01', before: '2026-01-01' });
  });

  it('buckets match the SQL truncation: Monday weeks, quarters', () => {
    expect(bucketOf('2026-03-01', 'week')).toBe('2026-02-23');
    expect(bucketOf('2026-03-02', 'week')).toBe('2026-03-02');
    expect(bucketOf('2026-12-31', 'quarter')).toBe('2026-Q4');
    expect(bucketsOf('2026-01-01', '2027-01-01', 'quarter')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(bucketsOf('0000-01-01', '2027-01-01', 'month')).toBeNull();
    expect(bucketsOf('2020-01-01', '2026-01-01', 'day')).toBeNull();
  });
});
