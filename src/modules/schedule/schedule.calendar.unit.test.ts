import { describe, expect, it } from 'vitest';
import { utcToZoned as localDateTime } from '../../shared/zoned.js';
import { addDays, daysBetween, isWorkingDay, isoWeekday, nextWorkingDays } from './schedule.calendar.js';

const weekdays = { workDays: [1, 2, 3, 4, 5], holidays: [], workingDays: [] };

describe('schedule calendar', () => {
  it('reads the local date and time of an instant, across daylight-saving changes', () => {
    expect(localDateTime(new Date('2026-03-29T00:30:00Z'), 'Europe/Sofia')).toEqual({ date: '2026-03-29', time: '02:30' });
    expect(localDateTime(new Date('2026-03-29T01:30:00Z'), 'Europe/Sofia')).toEqual({ date: '2026-03-29', time: '04:30' });
    expect(localDateTime(new Date('2026-01-01T00:00:00Z'), 'Asia/Vladivostok')).toEqual({ date: '2026-01-01', time: '10:00' });
    expect(localDateTime(new Date('2026-01-01T00:00:00Z'), 'America/Los_Angeles')).toEqual({ date: '2025-12-31', time: '16:00' });
    expect(localDateTime(new Date('2026-06-01T23:59:00Z'), 'UTC')).toEqual({ date: '2026-06-01', time: '23:59' });
  });

  it('counts calendar days across months, leap days and the year end', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-03-11', '2026-03-04')).toBe(-7);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('numbers weekdays from Monday', () => {
    expect(['2026-03-09', '2026-03-14', '2026-03-15'].map(isoWeekday)).toEqual([1, 6, 7]);
  });

  it('applies holidays and transferred working days over the weekly pattern', () => {
    const cal = { workDays: [1, 2, 3, 4, 5], holidays: ['2026-03-09'], workingDays: ['2026-03-14'] };
    expect(isWorkingDay('2026-03-09', cal)).toBe(false);
    expect(isWorkingDay('2026-03-14', cal)).toBe(true);
    expect(isWorkingDay('2026-03-15', cal)).toBe(false);
    expect(isWorkingDay('2026-03-10', cal)).toBe(true);
  });

  it('lists the next working days after a date', () => {
    expect(nextWorkingDays('2026-03-12', 3, weekdays)).toEqual(['2026-03-13', '2026-03-16', '2026-03-17']);
    expect(nextWorkingDays('2026-03-12', 2, { workDays: [6], holidays: [], workingDays: [] })).toEqual(['2026-03-14', '2026-03-21']);
    expect(nextWorkingDays('2026-03-12', 0, weekdays)).toEqual([]);
  });

  it('stops when a calendar has no working day', () => {
    expect(nextWorkingDays('2026-03-12', 5, { workDays: [], holidays: [], workingDays: ['2026-03-20'] })).toEqual(['2026-03-20']);
  });
});
