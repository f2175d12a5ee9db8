import { describe, expect, it } from 'vitest';
import { isTimeZone, utcToZoned, zonedReader, zonedToUtc } from './zoned.js';

describe('zoned time', () => {
  it('converts wall-clock times to UTC', () => {
    expect(zonedToUtc('2026-03-10', '11:00', 'Europe/Moscow')).toBe('2026-03-10T08:00:00.000Z');
    expect(zonedToUtc('2026-01-15', '09:30', 'Europe/Sofia')).toBe('2026-01-15T07:30:00.000Z');
    expect(zonedToUtc('2026-07-15', '09:30', 'Europe/Sofia')).toBe('2026-07-15T06:30:00.000Z');
    expect(zonedToUtc('2026-07-15', '00:15', 'UTC')).toBe('2026-07-15T00:15:00.000Z');
    expect(zonedToUtc('2026-01-01', '00:30', 'Asia/Vladivostok')).toBe('2025-12-31T14:30:00.000Z');
  });

  it('moves a time skipped by the spring jump forward and takes the first of a repeated one', () => {
    // Sofia: 2026-03-29 03:00 -> 04:00; 2026-10-25 04:00 -> 03:00.
    expect(zonedToUtc('2026-03-29', '03:30', 'Europe/Sofia')).toBe('2026-03-29T01:30:00.000Z');
    expect(utcToZoned('2026-03-29T01:30:00.000Z', 'Europe/Sofia')).toEqual({ date: '2026-03-29', time: '04:30' });
    expect(zonedToUtc('2026-10-25', '03:30', 'Europe/Sofia')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips and knows zone names', () => {
    for (const tz of ['Europe/Moscow', 'Europe/Sofia', 'America/New_York', 'Asia/Kolkata']) {
      const utc = zonedToUtc('2026-11-23', '17:45', tz);
      expect(utcToZoned(utc, tz)).toEqual({ date: '2026-11-23', time: '17:45' });
    }
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('Mars/Base')).toBe(false);
  });

  it('reads many instants like utcToZoned, across daylight-saving switches', () => {
    for (const tz of ['Europe/Sofia', 'Asia/Vladivostok', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      const read = zonedReader(tz);
      // Every 7 minutes over two days around each 2026 switch of the northern and southern hemispheres.
      for (const start of ['2026-03-07T00:00:00Z', '2026-03-28T00:00:00Z', '2026-04-04T00:00:00Z', '2026-10-03T00:00:00Z', '2026-10-24T00:00:00Z', '2026-11-01T00:00:00Z']) {
        for (let ms = Date.parse(start); ms < Date.parse(start) + 2 * 86_400_000; ms += 7 * 60_000) {
          expect(read(ms)).toEqual(utcToZoned(new Date(ms), tz));
        }
      }
      expect(read('2026-07-01T12:00:00.000Z')).toEqual(utcToZoned('2026-07-01T12:00:00.000Z', tz));
    }
  });
});
