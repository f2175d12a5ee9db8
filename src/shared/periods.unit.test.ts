import { describe, expect, it } from 'vitest';
import { monthsOf, periodKey, periodKindOf, periodOf, periodRange, shiftPeriod } from './periods.js';

describe('periods', () => {
  it('knows the kind of a key and rejects what is not one', () => {
    expect(periodKindOf('2026-11')).toBe('month');
    expect(periodKindOf('2026-Q4')).toBe('quarter');
    expect(periodKindOf('2026-H1')).toBe('half');
    expect(periodKindOf('2026')).toBe('year');
    for (const bad of ['2026-13', '2026-Q5', '2026-H3', '26', '2026-1']) expect(periodKindOf(bad)).toBeNull();
    expect(periodKey.safeParse('2026-Q0').success).toBe(false);
  });

  it('gives the days of a period, the end exclusive, across year ends', () => {
    expect(periodRange('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(periodRange('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    expect(periodRange('2026-H2')).toEqual({ from: '2026-07-01', to: '2027-01-01' });
    expect(periodRange('2026')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });

  it('finds the period of a day and steps between periods', () => {
    expect(periodOf('quarter', '2026-11-23')).toBe('2026-Q4');
    expect(periodOf('half', '2026-06-30')).toBe('2026-H1');
    expect(shiftPeriod('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftPeriod('2026-11', 3)).toBe('2027-02');
    expect(shiftPeriod('2026-H2', 1)).toBe('2027-H1');
    expect(monthsOf('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
  });
});
