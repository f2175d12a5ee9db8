import { describe, expect, it } from 'vitest';
import { buildSchedule, funnelGroupOf, type Schedule, type ScheduleItem } from './schedule.algorithm.js';
import { defaultScheduleSettings, effectiveGroupOrder } from './schedule.rules.js';
import { input, openDeal, promise, task } from '../../../test/schedule-items.js';

// 2026-03-11 is a Wednesday.
const NOW = '2026-03-11T12:30:00.000Z';
const settings = (over: Partial<typeof defaultScheduleSettings>) => ({ ...defaultScheduleSettings, ...over });
const ids = (s: Schedule<ScheduleItem>, day = 0) => s.days[day]!.items.map((p) => p.item.id);
const rules = (s: Schedule<ScheduleItem>, day = 0) => s.days[day]!.items.map((p) => p.rule);

describe('pass 1: promises', () => {
  it('orders upcoming today by time, then missed today by time, then earlier days most recent first', () => {
    const up15 = promise('2026-03-11', '15:00');
    const up13 = promise('2026-03-11', '13:00');
    const missed11 = promise('2026-03-11', '11:00');
    const missed09 = promise('2026-03-11', '09:00');
    const y16 = promise('2026-03-10', '16:00');
    const y10 = promise('2026-03-10', '10:00');
    const lastWeek = promise('2026-03-04', '10:00');
    const dayBefore = promise('2026-03-09', '17:00');
    const s = buildSchedule(input(NOW, [lastWeek, y16, up15, missed11, dayBefore, up13, y10, missed09]));
    expect(ids(s)).toEqual([up13, up15, missed09, missed11, y10, y16, dayBefore, lastWeek].map((i) => i.id));
    expect(rules(s)).toEqual([
      'promise_upcoming_today',
      'promise_upcoming_today',
      'promise_missed_today',
      'promise_missed_today',
      'promise_overdue',
      'promise_overdue',
      'promise_overdue',
      'promise_overdue',
    ]);
    expect(s.days[0]!.items.map((p) => p.daysOverdue)).toEqual([0, 0, 0, 0, 1, 1, 2, 7]);
  });

  it('a promise whose minute has come is missed (call at once)', () => {
    const exact = promise('2026-03-11', '12:30');
    expect(rules(buildSchedule(input(NOW, [exact])))).toEqual(['promise_missed_today']);
  });

  it('puts every promise before the funnel, even a week-old promise before a hot deal due today', () => {
    const hot = task('2026-03-11', { deal: openDeal(80, 1_000_000) });
    const old = promise('2026-03-04', '09:00');
    const s = buildSchedule(input(NOW, [hot, old]));
    expect(ids(s)).toEqual([old.id, hot.id]);
  });

  it('keeps overdue promises on today past the capacity and gives the funnel no place then', () => {
    const ps = ['08:00', '09:00', '10:00'].map((t) => promise('2026-03-10', t));
    const f = task('2026-03-11');
    const s = buildSchedule(input(NOW, [...ps, f], { settings: settings({ dailyCapacity: 2 }) }));
    expect(ids(s)).toEqual(ps.map((p) => p.id));
    expect(s.days[1]!.items.map((p) => [p.item.id, p.postponed])).toEqual([[f.id, true]]);
  });

  it('shows future promises on their own day as upcoming, in time order, before the overflow', () => {
    const tomorrow14 = promise('2026-03-12', '14:00');
    const tomorrow09 = promise('2026-03-12', '09:00');
    const overflow = task('2026-03-11', { id: 'overflow' });
    const s = buildSchedule(input(NOW, [overflow, tomorrow14, tomorrow09], { doneToday: 40 }));
    expect(s.days[0]!.items).toEqual([]);
    expect(s.days[1]!.date).toBe('2026-03-12');
    expect(ids(s, 1)).toEqual([tomorrow09.id, tomorrow14.id, 'overflow']);
    expect(rules(s, 1)).toEqual(['promise_upcoming_today', 'promise_upcoming_today', 'funnel_new_prospect']);
  });

  it('lists a day off that has a promise of its own, and carries a promise of an unlisted day off to the next working day', () => {
    const saturday = promise('2026-03-14', '10:00');
    const sunday = promise('2026-03-15', '10:00');
    const s = buildSchedule(input(NOW, [saturday, sunday, task('2026-03-14')]));
    expect(s.days.map((d) => [d.date, d.isWorkingDay, d.capacity])).toEqual([
      ['2026-03-11', true, 40],
      ['2026-03-12', true, 40],
      ['2026-03-13', true, 40],
      ['2026-03-14', false, 0],
      ['2026-03-15', false, 0],
      ['2026-03-16', true, 40],
      ['2026-03-17', true, 40],
      ['2026-03-18', true, 40],
    ]);
    expect(rules(s, 3)).toEqual(['promise_upcoming_today']);
    expect(s.days[5]!.items.map((p) => [p.rule, p.daysOverdue, p.postponed])).toEqual([['funnel_new_prospect', 2, true]]);
  });
});

describe('pass 2: the funnel', () => {
  const early = task('2026-03-11', { deal: openDeal(20, 500), companyStatus: 'potential' });
  const prospect = task('2026-03-11', { companyStatus: 'potential' });
  const customer = task('2026-03-11', { companyStatus: 'current' });
  const hot = task('2026-03-11', { deal: openDeal(60, 100), companyStatus: 'potential' });

  it('orders hot deals, customers, early deals, new prospects by default', () => {
    const s = buildSchedule(input(NOW, [prospect, early, customer, hot]));
    expect(ids(s)).toEqual([hot.id, customer.id, early.id, prospect.id]);
    expect(rules(s)).toEqual(['funnel_hot', 'funnel_customer', 'funnel_early', 'funnel_new_prospect']);
    expect(s.days[0]!.items.map((p) => p.group)).toEqual(['hot', 'customer', 'early', 'new']);
  });

  it('puts existing customers before hot deals when the setting says so', () => {
    const s = buildSchedule(input(NOW, [prospect, early, customer, hot], { settings: settings({ customersBeforeHot: true }) }));
    expect(ids(s)).toEqual([customer.id, hot.id, early.id, prospect.id]);
  });

  it('follows a configured group order', () => {
    const s = buildSchedule(input(NOW, [prospect, early, customer, hot], { settings: settings({ groupOrder: ['new', 'early', 'hot', 'customer'] }) }));
    expect(ids(s)).toEqual([prospect.id, early.id, hot.id, customer.id]);
  });

  it('within a group: oldest due first, then the bigger amount, then the id', () => {
    const a = task('2026-03-09', { id: 'a', deal: openDeal(70, 10) });
    const b = task('2026-03-10', { id: 'b', deal: openDeal(70, 1_000_000) });
    const c = task('2026-03-10', { id: 'c', deal: openDeal(90, 5_000) });
    const d = task('2026-03-10', { id: 'd', deal: openDeal(90, 5_000) });
    const s = buildSchedule(input(NOW, [d, c, b, a]));
    expect(ids(s)).toEqual(['a', 'b', 'c', 'd']);
    expect(s.days[0]!.items.map((p) => p.daysOverdue)).toEqual([2, 1, 1, 1]);
    expect(s.days[0]!.items.every((p) => !p.postponed)).toBe(true);
  });

  it('leaves items due on later days to those days', () => {
    const friday = task('2026-03-13');
    const s = buildSchedule(input(NOW, [friday]));
    expect(s.days.map((d) => d.items.length)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(s.days[2]!.items[0]).toMatchObject({ day: '2026-03-13', daysOverdue: 0, postponed: false });
  });
});

describe('funnel groups', () => {
  it('classifies by the deal probability against the threshold, then the company status', () => {
    expect(funnelGroupOf({ companyStatus: 'potential', deal: openDeal(40) }, 40)).toBe('hot');
    expect(funnelGroupOf({ companyStatus: 'current', deal: openDeal(39) }, 40)).toBe('customer');
    expect(funnelGroupOf({ companyStatus: 'potential', deal: openDeal(39) }, 40)).toBe('early');
    expect(funnelGroupOf({ companyStatus: 'current', deal: null }, 40)).toBe('customer');
    expect(funnelGroupOf({ companyStatus: 'potential', deal: null }, 40)).toBe('new');
    expect(funnelGroupOf({ companyStatus: null, deal: null }, 40)).toBe('new');
    expect(funnelGroupOf({ companyStatus: 'lost', deal: null }, 40)).toBe('new');
  });

  it('never calls a closed deal hot or early', () => {
    expect(funnelGroupOf({ companyStatus: 'current', deal: { kind: 'won', probability: 100, amount: 1 } }, 40)).toBe('customer');
    expect(funnelGroupOf({ companyStatus: 'potential', deal: { kind: 'lost', probability: 0, amount: 1 } }, 40)).toBe('new');
  });

  it('applies customersBeforeHot to any group order', () => {
    expect(effectiveGroupOrder({ groupOrder: ['early', 'hot', 'new', 'customer'], customersBeforeHot: true })).toEqual(['early', 'customer', 'new', 'hot']);
    expect(effectiveGroupOrder({ groupOrder: ['customer', 'hot', 'early', 'new'], customersBeforeHot: false })).toEqual(['hot', 'customer', 'early', 'new']);
    expect(effectiveGroupOrder({ groupOrder: ['customer', 'hot', 'early', 'new'], customersBeforeHot: true })).toEqual(['customer', 'hot', 'early', 'new']);
  });
});

describe('workload', () => {
  const many = (n: number, date = '2026-03-11') => Array.from({ length: n }, (_, i) => task(date, { id: `x${String(i).padStart(3, '0')}` }));

  it('fills today up to the capacity less what was done today and flows the rest over the next working days', () => {
    const items = many(9);
    const s = buildSchedule(input(NOW, items, { settings: settings({ dailyCapacity: 3 }), doneToday: 1 }));
    expect(s.days.map((d) => [d.date, d.capacity, d.items.length])).toEqual([
      ['2026-03-11', 2, 2],
      ['2026-03-12', 3, 3],
      ['2026-03-13', 3, 3],
      ['2026-03-16', 3, 1],
      ['2026-03-17', 3, 0],
      ['2026-03-18', 3, 0],
    ]);
    expect(s.days[3]!.items[0]).toMatchObject({ item: { id: 'x008' }, daysOverdue: 5, postponed: true });
  });

  it('skips holidays and works a transferred Saturday', () => {
    const calendar = { workDays: [1, 2, 3, 4, 5], holidays: ['2026-03-12', '2026-03-16'], workingDays: ['2026-03-14'] };
    const s = buildSchedule(input(NOW, many(3), { calendar, settings: settings({ dailyCapacity: 1 }), horizon: 3 }));
    expect(s.days.map((d) => [d.date, d.items.length])).toEqual([
      ['2026-03-11', 1],
      ['2026-03-13', 1],
      ['2026-03-14', 1],
      ['2026-03-17', 0],
    ]);
  });

  it('on a day off today holds promises only; the funnel starts on the next working day', () => {
    const sunday = '2026-03-15T10:00:00.000Z';
    const p = promise('2026-03-13', '16:00');
    const f = task('2026-03-13');
    const s = buildSchedule(input(sunday, [f, p]));
    expect(s.days[0]).toMatchObject({ date: '2026-03-15', isToday: true, isWorkingDay: false, capacity: 0 });
    expect(ids(s)).toEqual([p.id]);
    expect(s.days[1]!.items.map((x) => [x.item.id, x.daysOverdue, x.postponed])).toEqual([[f.id, 3, true]]);
  });

  it('returns what lies beyond the forecast as later, by due date', () => {
    const far = promise('2026-04-01', '10:00', { id: 'far' });
    const overflow = many(3);
    const s = buildSchedule(input(NOW, [far, ...overflow], { settings: settings({ dailyCapacity: 1 }), horizon: 1 }));
    expect(s.days.map((d) => d.items.map((p) => p.item.id))).toEqual([['x000'], ['x001']]);
    expect(s.later.map((i) => i.id)).toEqual(['x002', 'far']);
  });

  it('with a zero capacity holds only promises', () => {
    const s = buildSchedule(input(NOW, [task('2026-03-11'), promise('2026-03-11', '18:00')], { settings: settings({ dailyCapacity: 0 }), horizon: 2 }));
    expect(rules(s)).toEqual(['promise_upcoming_today']);
    expect(s.later).toHaveLength(1);
  });
});

describe('time zones', () => {
  it('takes today and the wall time from the user time zone', () => {
    // 22:30 UTC on Wednesday is already Thursday 01:30 in Moscow.
    const late = '2026-03-11T22:30:00.000Z';
    const wed = task('2026-03-11', { id: 'wed' });
    const thu = task('2026-03-12', { id: 'thu' });
    const moscow = buildSchedule(input(late, [wed, thu], { timeZone: 'Europe/Moscow' }));
    expect([moscow.today, moscow.localTime]).toEqual(['2026-03-12', '01:30']);
    expect(ids(moscow)).toEqual(['wed', 'thu']);
    const newYork = buildSchedule(input(late, [wed, thu], { timeZone: 'America/New_York' }));
    expect([newYork.today, newYork.localTime]).toEqual(['2026-03-11', '18:30']);
    expect(ids(newYork)).toEqual(['wed']);
  });

  it('decides missed or upcoming by the promised instant', () => {
    // Sofia is UTC+2 in March: the 14:00 local promise is 12:00 UTC, before 12:30 UTC.
    const p = { ...task('2026-03-11'), plannedAt: '2026-03-11T12:00:00.000Z' };
    const q = { ...task('2026-03-11'), plannedAt: '2026-03-11T13:00:00.000Z' };
    const s = buildSchedule(input(NOW, [q, p], { timeZone: 'Europe/Sofia' }));
    expect(s.days[0]!.items.map((x) => [x.item.id, x.rule])).toEqual([
      [q.id, 'promise_upcoming_today'],
      [p.id, 'promise_missed_today'],
    ]);
  });
});

describe('input', () => {
  it('refuses duplicate ids', () => {
    const a = task('2026-03-11', { id: 'same' });
    expect(() => buildSchedule(input(NOW, [a, { ...a }]))).toThrow(/duplicate/);
  });

  it('gives an empty today and empty forecast days for no items', () => {
    const s = buildSchedule(input(NOW, []));
    expect(s.days).toHaveLength(6);
    expect(s.days.every((d) => d.items.length === 0)).toBe(true);
    expect(s.later).toEqual([]);
  });
});
