import { describe, expect, it } from 'vitest';
import { daysBetween, itemRange, toItems, viewRange } from './calendar.items.js';
import type { ActivityRow, TaskRow } from './calendar.repository.js';

describe('calendar ranges', () => {
  it('day, Monday-based week and month around a date', () => {
    expect(viewRange('day', '2030-01-09')).toEqual({ from: '2030-01-09', to: '2030-01-09' });
    expect(viewRange('week', '2030-01-09')).toEqual({ from: '2030-01-07', to: '2030-01-13' });
    expect(viewRange('week', '2030-01-13')).toEqual({ from: '2030-01-07', to: '2030-01-13' });
    expect(viewRange('week', '2030-01-07')).toEqual({ from: '2030-01-07', to: '2030-01-13' });
    expect(viewRange('month', '2028-02-15')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(viewRange('month', '2030-12-31')).toEqual({ from: '2030-12-01', to: '2030-12-31' });
    expect(daysBetween('2030-01-07', '2030-01-13')).toBe(7);
    expect(daysBetween('2030-01-07', '2030-01-06')).toBe(0);
  });

  it('UTC bounds in the viewer zone; plan keys widened only as far as the owners zones need', () => {
    const same = itemRange('2030-01-07', '2030-01-13', 'Europe/Moscow', ['Europe/Moscow']);
    expect(same).toEqual({
      startAt: '2030-01-06T21:00:00.000Z',
      endAt: '2030-01-13T21:00:00.000Z',
      from: '2030-01-07',
      to: '2030-01-13',
      lo: '2030-01-07',
      hi: '2030-01-14',
    });
    // Kiritimati (UTC+14) is already on the next day, Etc/GMT+12 (UTC-12) still on the day before.
    const far = itemRange('2030-01-07', '2030-01-07', 'UTC', ['Pacific/Kiritimati', 'Etc/GMT+12']);
    expect([far.lo, far.hi]).toEqual(['2030-01-06', '2030-01-09']);
    const unknown = itemRange('2030-01-07', '2030-01-07', 'UTC', ['Not/AZone']);
    expect([unknown.lo, unknown.hi]).toEqual(['2030-01-05', '2030-01-10']);
  });
});

describe('calendar items', () => {
  const activity = (over: Partial<ActivityRow>): ActivityRow => ({
    id: 'a1',
    type: 'call',
    status: 'open',
    user_id: 'u1',
    company_id: null,
    company_name: null,
    deal_id: null,
    date: '2030-01-07',
    at: null,
    duration_sec: null,
    subject: null,
    version: 1,
    ...over,
  });
  const task = (over: Partial<TaskRow>): TaskRow => ({
    id: 't1',
    title: 'Task',
    status: 'open',
    user_id: 'u1',
    company_id: null,
    company_name: null,
    deal_id: null,
    date: '2030-01-07',
    at: null,
    priority: 'high',
    version: 3,
    ...over,
  });

  it('local dates and times, durations, all-day first, overdue only when open and past', () => {
    const now = Date.parse('2030-01-07T09:00:00Z');
    const items = toItems(
      [
        activity({ id: 'late', at: '2030-01-07T20:30:00Z', type: 'meeting' }),
        activity({ id: 'early', at: '2030-01-07T06:00:00Z', duration_sec: 5400 }),
        activity({ id: 'done', at: '2030-01-07T05:00:00Z', status: 'done' }),
        activity({ id: 'day', date: '2030-01-06' }),
      ],
      [task({ at: '2030-01-07T10:00:00Z' })],
      { timeZone: 'Europe/Moscow', now, names: new Map([['u1', 'Anna']]) },
    );
    expect(items.map((i) => [i.id, i.date, i.time, i.overdue])).toEqual([
      ['day', '2030-01-06', null, true],
      ['done', '2030-01-07', '08:00', false],
      ['early', '2030-01-07', '09:00', true],
      ['t1', '2030-01-07', '13:00', false],
      ['late', '2030-01-07', '23:30', false],
    ]);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get('early')!.endAt).toBe('2030-01-07T07:30:00.000Z');
    expect(byId.get('late')!.endAt).toBe('2030-01-07T21:30:00.000Z');
    expect(byId.get('t1')).toMatchObject({ kind: 'task', key: 'task:t1', title: 'Task', priority: 'high', version: 3, userName: 'Anna' });
    expect(byId.get('day')).toMatchObject({ allDay: true, startAt: null, endAt: null });
  });
});
