import { describe, expect, it } from 'vitest';
import { abcClasses, bcgMatrix, churnOf, coefficientOfVariation, daysBetween, monthsBefore, ntile, rfmScores, xyzClass } from './segments.math.js';

describe('ABC', () => {
  const classes = (values: Record<string, number>, a = 80, b = 95) =>
    Object.fromEntries([...abcClasses(Object.entries(values).map(([id, value]) => ({ id, value })), a, b)].map(([id, r]) => [id, `${r.cls}${r.shareBeforeBp}`]));

  it('classes by the cumulative share before each object (80/95)', () => {
    // total 100: before = 0, 50, 75, 90, 96, 99
    expect(classes({ p: 50, q: 25, r: 15, s: 6, t: 3, u: 1 })).toEqual({ p: 'A0', q: 'A5000', r: 'A7500', s: 'B9000', t: 'C9600', u: 'C9900' });
  });

  it('one huge object is A (never an empty A); the boundary is strict', () => {
    expect(classes({ big: 99, small: 1 })).toEqual({ big: 'A0', small: 'C9900' });
    // before = 80 exactly -> not A; before = 95 exactly -> not B
    expect(classes({ a: 80, b: 15, c: 5 })).toEqual({ a: 'A0', b: 'B8000', c: 'C9500' });
  });

  it('configurable thresholds (70/90), ties by id, non-positive values are C', () => {
    expect(classes({ y: 30, x: 30, z: 40, neg: -10, nil: 0 }, 70, 90)).toEqual({ z: 'A0', x: 'A4000', y: 'B7000', nil: 'C10000', neg: 'C10000' });
    expect(classes({ a: 0, b: -5 })).toEqual({ a: 'C0', b: 'C0' });
  });
});

describe('XYZ', () => {
  it('population coefficient of variation', () => {
    expect(coefficientOfVariation([10, 10, 10])).toBe(0);
    expect(coefficientOfVariation([800, 1200, 800, 1200])).toBeCloseTo(0.2, 12);
    expect(coefficientOfVariation([0, 0, 0, 0, 0, 500])).toBeCloseTo(Math.sqrt(5), 12);
    // sigma = sqrt(((2-4)^2 + (4-4)^2 + (6-4)^2) / 3) = 1.633; / 4
    expect(coefficientOfVariation([2, 4, 6])).toBeCloseTo(Math.sqrt(8 / 3) / 4, 12);
    expect(coefficientOfVariation([0, 0])).toBeNull();
    expect(coefficientOfVariation([])).toBeNull();
  });

  it('classes X < 10 % <= Y < 25 % <= Z, configurable', () => {
    expect([0, 0.0999, 0.1, 0.2499, 0.25, 3].map((cv) => xyzClass(cv, 10, 25))).toEqual(['X', 'X', 'Y', 'Y', 'Z', 'Z']);
    expect([0.4, 0.5, 1].map((cv) => xyzClass(cv, 50, 100))).toEqual(['X', 'Y', 'Z']);
  });
});

describe('RFM', () => {
  it('NTILE fills buckets like SQL (the first n % k buckets get one more)', () => {
    expect([...ntile(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 5).values()]).toEqual([1, 1, 2, 2, 3, 4, 5]);
    expect([...ntile(['a', 'b'], 5).values()]).toEqual([1, 2]);
    expect([...ntile(['a', 'b', 'c', 'd', 'e', 'f'], 3).values()]).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('scores recency (fewer days better), frequency and monetary (more better)', () => {
    const s = rfmScores(
      [
        { id: '1', recencyDays: 10, frequency: 5, monetary: 100 },
        { id: '2', recencyDays: 200, frequency: 1, monetary: 900 },
        { id: '3', recencyDays: 40, frequency: 3, monetary: 50 },
      ],
      3,
    );
    expect(Object.fromEntries([...s].map(([id, r]) => [id, `${r.r}${r.f}${r.m}`]))).toEqual({ '1': '332', '2': '113', '3': '221' });
  });
});

describe('BCG', () => {
  const items = [
    { id: 'p1', group: 'g1', revenue: 3000, revenuePrev: 3000 },
    { id: 'p2', group: 'g1', revenue: 1200, revenuePrev: 200 },
    { id: 'p4', group: 'g1', revenue: 0, revenuePrev: 500 },
    { id: 'p3', group: 'g2', revenue: 1000, revenuePrev: 2000 },
    { id: 'idle', group: 'g2', revenue: 0, revenuePrev: 0 },
  ];

  it('relative share against the largest rival of the group, growth against the company average (-8.77 %)', () => {
    const m = bcgMatrix(items, 1, null);
    expect(Object.fromEntries([...m].map(([id, r]) => [id, [r.quadrant, r.relativeShare, r.growth]]))).toEqual({
      p1: ['star', 2.5, 0],
      p2: ['question', 0.4, 5],
      p4: ['dog', 0, -1],
      p3: ['cash_cow', null, -0.5],
    });
  });

  it('a fixed growth threshold; a product new in the window is high growth', () => {
    const m = bcgMatrix([...items, { id: 'new', group: 'g2', revenue: 10, revenuePrev: 0 }], 1, 0.1);
    expect(m.get('p1')!.quadrant).toBe('cash_cow');
    expect(m.get('new')).toEqual({ quadrant: 'question', relativeShare: 0.01, growth: null });
    expect(m.get('p3')).toMatchObject({ quadrant: 'cash_cow', relativeShare: 100 });
  });
});

describe('churn', () => {
  it('needs two purchases on different days and more than N x the usual interval', () => {
    expect(churnOf({ purchases: 3, first: '2026-01-01', last: '2026-03-02' }, '2026-05-01', 2)).toBeNull(); // 60 days, limit 60
    expect(churnOf({ purchases: 3, first: '2026-01-01', last: '2026-03-02' }, '2026-05-02', 2)).toEqual({ usualIntervalDays: 30, daysSinceLast: 61, daysOverdue: 1 });
    expect(churnOf({ purchases: 4, first: '2026-01-01', last: '2026-01-11' }, '2026-02-01', 1.5)).toEqual({ usualIntervalDays: 3.3, daysSinceLast: 21, daysOverdue: 16 });
    expect(churnOf({ purchases: 1, first: '2026-01-01', last: '2026-01-01' }, '2027-01-01', 2)).toBeNull();
    expect(churnOf({ purchases: 2, first: '2026-01-01', last: '2026-01-01' }, '2027-01-01', 2)).toBeNull();
  });
});

describe('calendar helpers', () => {
  it('counts days and the whole months before a month', () => {
    expect(daysBetween('2026-03-20', '2026-07-01')).toBe(103);
    expect(monthsBefore('2026-02-01', 3)).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(monthsBefore('2026-07-01', 1)).toEqual(['2026-06']);
  });
});
