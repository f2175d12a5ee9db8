import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isoWeekday, minutesOf, monthGrid, nowIn, timeOf, weekStart } from './dates.js';

describe('calendar dates', () => {
  it('adds days across months, years and a leap day', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-11-23', '2026-12-03')).toBe(10);
  });

  it('weeks start on Monday', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });

  it('steps months from the first day (no overflow from the 31st)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-01');
  });

  it('a month view is 6 whole weeks from the Monday on or before the 1st', () => {
    const grid = monthGrid('2026-11-17');
    expect(grid).toHaveLength(42);
    expect(grid[0]).toBe('2026-10-26');
    expect(grid.at(-1)).toBe('2026-12-06');
    expect(grid).toContain('2026-11-01');
    expect(grid).toContain('2026-11-30');
  });

  it('converts wall-clock times to minutes and back', () => {
    expect(minutesOf('09:30')).toBe(570);
    expect(timeOf(570)).toBe('09:30');
    expect(timeOf(0)).toBe('00:00');
  });

  it('tells today and the time in a zone, and falls back to UTC for an unknown zone', () => {
    const at = new Date('2026-11-23T22:30:00Z');
    expect(nowIn('Europe/Moscow', at)).toEqual({ date: '2026-11-24', time: '01:30' });
    expect(nowIn('America/New_York', at)).toEqual({ date: '2026-11-23', time: '17:30' });
    expect(nowIn('No/Such_Zone', at)).toEqual({ date: '2026-11-23', time: '22:30' });
  });
});
