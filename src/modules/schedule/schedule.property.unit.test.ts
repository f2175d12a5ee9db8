import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSchedule, type Schedule, type ScheduleInput, type ScheduleItem } from './schedule.algorithm.js';
import { addDays } from './schedule.calendar.js';
import { effectiveGroupOrder, funnelGroups } from './schedule.rules.js';

/** Invariants of the daily schedule over random managers, calendars and items. */

const BASE = '2026-03-02';
const date = fc.integer({ min: 0, max: 27 }).map((n) => addDays(BASE, n));
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const itemBody = fc.record({
  plannedDate: date,
  time: fc.option(time, { nil: null }),
  companyStatus: fc.constantFrom('potential', 'current', 'lost', null),
  deal: fc.option(
    fc.record({
      kind: fc.constantFrom('open' as const, 'won' as const, 'lost' as const),
      probability: fc.integer({ min: 0, max: 100 }),
      amount: fc.integer({ min: 0, max: 5 }).map((n) => n * 1000),
    }),
    { nil: null },
  ),
});

const items = fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), itemBody), { selector: ([id]) => id, maxLength: 60 }).map((rows) =>
  rows.map(
    ([id, b]): ScheduleItem => ({
      id,
      plannedDate: b.plannedDate,
      plannedAt: b.time ? `${b.plannedDate}T${b.time}:00.000Z` : null,
      companyStatus: b.companyStatus,
      deal: b.deal,
    }),
  ),
);

const scheduleInput = fc.record({
  now: fc.integer({ min: 0, max: 27 * 24 * 60 }).map((m) => new Date(Date.parse(`${BASE}T00:00:00Z`) + m * 60_000)),
  timeZone: fc.constantFrom('UTC', 'Europe/Moscow', 'Europe/Sofia', 'Asia/Vladivostok', 'America/New_York'),
  calendar: fc.record({
    workDays: fc.subarray([1, 2, 3, 4, 5, 6, 7]),
    holidays: fc.subarray([3, 5, 9, 14, 20].map((n) => addDays(BASE, n))),
    workingDays: fc.subarray([6, 13].map((n) => addDays(BASE, n))),
  }),
  settings: fc.record({
    groupOrder: fc.shuffledSubarray([...funnelGroups], { minLength: 4, maxLength: 4 }),
    customersBeforeHot: fc.boolean(),
    dailyCapacity: fc.integer({ min: 0, max: 12 }),
    hotThreshold: fc.integer({ min: 1, max: 100 }),
  }),
  doneToday: fc.integer({ min: 0, max: 15 }),
  horizon: fc.integer({ min: 0, max: 7 }),
  items,
}) as fc.Arbitrary<ScheduleInput<ScheduleItem>>;

const flat = (s: Schedule<ScheduleItem>) => s.days.flatMap((d) => d.items);
const runs = { numRuns: 400 };

describe('schedule properties', () => {
  it('puts every promise of a day before its funnel items', () => {
    fc.assert(
      fc.property(scheduleInput, (inp) => {
        for (const day of buildSchedule(inp).days) {
          const firstFunnel = day.items.findIndex((p) => p.block === 'funnel');
          if (firstFunnel >= 0) expect(day.items.slice(firstFunnel).every((p) => p.block === 'funnel')).toBe(true);
        }
      }),
      runs,
    );
  });

  it('loses and duplicates no item across today, the forecast days and later', () => {
    fc.assert(
      fc.property(scheduleInput, (inp) => {
        const s = buildSchedule(inp);
        const out = [...flat(s).map((p) => p.item.id), ...s.later.map((i) => i.id)];
        expect(out.length).toBe(inp.items.length);
        expect(new Set(out)).toEqual(new Set(inp.items.map((i) => i.id)));
      }),
      runs,
    );
  });

  it('is stable: the same input in any order gives the same schedule', () => {
    fc.assert(
      fc.property(
        scheduleInput.chain((inp) => fc.tuple(fc.constant(inp), fc.shuffledSubarray(inp.items as ScheduleItem[], { minLength: inp.items.length, maxLength: inp.items.length }))),
        ([inp, shuffled]) => {
          const a = buildSchedule(inp);
          expect(buildSchedule(inp)).toEqual(a);
          expect(buildSchedule({ ...inp, items: shuffled })).toEqual(a);
        },
      ),
      runs,
    );
  });

  it('respects the capacity: funnel items only fill what the day has left after its promises', () => {
    fc.assert(
      fc.property(scheduleInput, (inp) => {
        for (const day of buildSchedule(inp).days) {
          const promises = day.items.filter((p) => p.block === 'promise').length;
          const funnel = day.items.length - promises;
          expect(funnel).toBeLessThanOrEqual(Math.max(0, day.capacity - promises));
          if (funnel > 0) expect(day.items.length).toBeLessThanOrEqual(day.capacity);
          const expected = day.isWorkingDay ? Math.max(0, inp.settings.dailyCapacity - (day.isToday ? inp.doneToday : 0)) : 0;
          expect(day.capacity).toBe(expected);
        }
      }),
      runs,
    );
  });

  it('never pushes an overdue promise behind funnel items or off today', () => {
    fc.assert(
      fc.property(scheduleInput, (inp) => {
        const s = buildSchedule(inp);
        const overdueIds = inp.items.filter((i) => i.plannedAt !== null && i.plannedDate <= s.today).map((i) => i.id);
        const today = s.days[0]!.items;
        for (const id of overdueIds) {
          const at = today.findIndex((p) => p.item.id === id);
          expect(at).toBeGreaterThanOrEqual(0);
          expect(today.slice(0, at).every((p) => p.block === 'promise')).toBe(true);
        }
      }),
      runs,
    );
  });

  it('orders pass 1 as upcoming, missed, then overdue by day most recent first, in time order within a day', () => {
    const order = { promise_upcoming_today: 0, promise_missed_today: 1, promise_overdue: 2 } as Record<string, number>;
    fc.assert(
      fc.property(scheduleInput, (inp) => {
        for (const day of buildSchedule(inp).days) {
          const ps = day.items.filter((p) => p.block === 'promise');
          for (let i = 1; i < ps.length; i++) {
            const [a, b] = [ps[i - 1]!, ps[i]!];
            expect(order[a.rule]!).toBeLessThanOrEqual(order[b.rule]!);
            if (a.rule !== b.rule) continue;
            if (a.rule === 'promise_overdue' && a.dueDate !== b.dueDate) expect(a.dueDate > b.dueDate).toBe(true);
            else expect(a.item.plannedAt! <= b.item.plannedAt!).toBe(true);
          }
        }
      }),
      runs,
    );
  });

  it('orders the funnel by group, then oldest due, then bigger amount', () => {
    fc.assert(
      fc.property(scheduleInput, (inp) => {
        const rank = new Map(effectiveGroupOrder(inp.settings).map((g, i) => [g, i]));
        for (const day of buildSchedule(inp).days) {
          const fs = day.items.filter((p) => p.block === 'funnel');
          for (let i = 1; i < fs.length; i++) {
            const [a, b] = [fs[i - 1]!, fs[i]!];
            const key = (p: typeof a) => [rank.get(p.group!)!, p.dueDate, -(p.item.deal?.amount ?? 0), p.item.id] as const;
            const [ka, kb] = [key(a), key(b)];
            const cmp = ka[0] - kb[0] || (ka[1] < kb[1] ? -1 : ka[1] > kb[1] ? 1 : 0) || ka[2] - kb[2] || (ka[3] < kb[3] ? -1 : 1);
            expect(cmp).toBeLessThan(0);
          }
        }
      }),
      runs,
    );
  });

  it('places nothing before it is due and leaves no free place while an eligible item waits', () => {
    fc.assert(
      fc.property(scheduleInput, (inp) => {
        const s = buildSchedule(inp);
        const dayOf = new Map(flat(s).map((p) => [p.item.id, p.day]));
        for (const p of flat(s)) expect(p.dueDate <= p.day).toBe(true);
        for (const day of s.days) {
          if (day.items.length >= day.capacity) continue;
          const waiting = inp.items.filter((i) => i.plannedAt === null && i.plannedDate <= day.date && (dayOf.get(i.id) ?? '9999') > day.date);
          expect(waiting).toEqual([]);
        }
      }),
      runs,
    );
  });

  it('forecasts the requested number of working days after today', () => {
    fc.assert(
      fc.property(scheduleInput, (inp) => {
        const s = buildSchedule(inp);
        const hasWorkingDays = inp.calendar.workDays.length > 0;
        const forecastWorking = s.days.slice(1).filter((d) => d.isWorkingDay).length;
        if (hasWorkingDays) expect(forecastWorking).toBe(inp.horizon);
        expect(s.days[0]!.isToday && s.days.slice(1).every((d) => !d.isToday && d.date > s.today)).toBe(true);
      }),
      runs,
    );
  });
});
