import { describe, expect, it } from 'vitest';
import { neededCounts, ratesOf, reverseConversion, workingDaysBetween } from './planner.js';

const history = { won: 4, wonRevenue: 40_000_000, proposals: 10, meetings: 20, calls: 80 };

describe('reverse conversion', () => {
  it('derives the rates from the history', () => {
    expect(ratesOf(history)).toEqual({ averageDeal: 10_000_000, proposalToWon: 0.4, meetingToProposal: 0.5, callToMeeting: 0.25 });
  });

  it('rounds each step up from the previous whole number', () => {
    // 35,000,000 / 10,000,000 = 3.5 -> 4 deals; 4 / 0.4 = 10 proposals; 10 / 0.5 = 20 meetings; 20 / 0.25 = 80 calls
    expect(neededCounts(35_000_000, history)).toEqual({ deals: 4, proposals: 10, meetings: 20, calls: 80 });
    // 3 won of 7 proposals: 5 deals need ceil(5 x 7 / 3) = 12 proposals (not 11.666... -> 12 by a float)
    expect(neededCounts(50_000_000, { won: 3, wonRevenue: 30_000_000, proposals: 7, meetings: 7, calls: 7 })).toEqual({ deals: 5, proposals: 12, meetings: 12, calls: 12 });
  });

  it('per working day, done, scheduled, gap and what is left per remaining day', () => {
    const steps = reverseConversion({
      revenue: 35_000_000,
      history,
      workingDays: 20,
      remainingWorkingDays: 10,
      done: { deals: 1, proposals: 3, meetings: 5, calls: 30 },
      scheduled: { deals: 1, proposals: 2, meetings: 4, calls: 10 },
    });
    expect(steps).toEqual([
      { key: 'deals', needed: 4, perWorkingDay: 0.2, done: 1, scheduled: 1, gap: 2, perRemainingDay: 0.3 },
      { key: 'proposals', needed: 10, perWorkingDay: 0.5, done: 3, scheduled: 2, gap: 5, perRemainingDay: 0.7 },
      { key: 'meetings', needed: 20, perWorkingDay: 1, done: 5, scheduled: 4, gap: 11, perRemainingDay: 1.5 },
      { key: 'calls', needed: 80, perWorkingDay: 4, done: 30, scheduled: 10, gap: 40, perRemainingDay: 5 },
    ]);
  });

  it('a step without a rate and every step after it are null', () => {
    expect(neededCounts(1000, { ...history, won: 0, wonRevenue: 0 })).toEqual({ deals: null, proposals: null, meetings: null, calls: null });
    expect(neededCounts(35_000_000, { ...history, meetings: 0 })).toEqual({ deals: 4, proposals: 10, meetings: null, calls: null });
    expect(neededCounts(null, history)).toEqual({ deals: null, proposals: null, meetings: null, calls: null });
    expect(ratesOf({ won: 0, wonRevenue: 0, proposals: 0, meetings: 0, calls: 0 })).toEqual({ averageDeal: null, proposalToWon: null, meetingToProposal: null, callToMeeting: null });
  });

  it('nothing left means nothing per remaining day; no remaining days gives null', () => {
    const [deals] = reverseConversion({ revenue: 35_000_000, history, workingDays: 20, remainingWorkingDays: 0, done: { deals: 5, proposals: 0, meetings: 0, calls: 0 }, scheduled: { deals: 0, proposals: 0, meetings: 0, calls: 0 } });
    expect(deals).toMatchObject({ needed: 4, gap: 0, perRemainingDay: null });
  });
});

describe('working days', () => {
  const week = { workDays: [1, 2, 3, 4, 5], holidays: [], workingDays: [] };
  it('counts the weekdays of November 2026 (21), minus a holiday, plus a transferred Saturday', () => {
    expect(workingDaysBetween('2026-11-01', '2026-12-01', week)).toBe(21);
    expect(workingDaysBetween('2026-11-01', '2026-12-01', { ...week, holidays: ['2026-11-04'] })).toBe(20);
    expect(workingDaysBetween('2026-11-01', '2026-12-01', { ...week, holidays: ['2026-11-04'], workingDays: ['2026-11-07'] })).toBe(21);
    expect(workingDaysBetween('2026-11-23', '2026-12-01', week)).toBe(6);
    expect(workingDaysBetween('2026-11-01', '2026-12-01', { ...week, workDays: [1, 2, 3, 4, 5, 6] })).toBe(25);
    expect(workingDaysBetween('2026-12-01', '2026-11-01', week)).toBe(0);
  });
});
