import { describe, expect, it } from 'vitest';
import { forecastByMonth, forecastDeals, stageStats } from './forecast.js';

const t = (day: string) => `${day}T10:00:00.000Z`;
const passages = [
  { dealId: 'A', stageId: 'lead', enteredAt: t('2026-01-01'), won: true, closedAt: t('2026-01-21') },
  { dealId: 'A', stageId: 'offer', enteredAt: t('2026-01-11'), won: true, closedAt: t('2026-01-21') },
  { dealId: 'B', stageId: 'lead', enteredAt: t('2026-01-01'), won: false, closedAt: t('2026-01-05') },
  { dealId: 'C', stageId: 'lead', enteredAt: t('2026-02-01'), won: true, closedAt: t('2026-02-25') },
  { dealId: 'C', stageId: 'offer', enteredAt: t('2026-02-05'), won: true, closedAt: t('2026-02-25') },
  { dealId: 'D', stageId: 'lead', enteredAt: t('2026-02-01'), won: false, closedAt: t('2026-02-10') },
  { dealId: 'D', stageId: 'offer', enteredAt: t('2026-02-03'), won: false, closedAt: t('2026-02-10') },
];

describe('stage statistics', () => {
  it('win rate among the closed deals that entered the stage, days from entry to the win', () => {
    const s = stageStats(passages);
    expect(s.get('lead')).toEqual({ entered: 4, won: 2, winRate: 0.5, remainingDays: 22 });
    expect(s.get('offer')).toEqual({ entered: 3, won: 2, winRate: 0.6667, remainingDays: 15 });
  });
  it('a stage with only lost deals has a zero win rate and no duration', () => {
    expect(stageStats([passages[2]!]).get('lead')).toEqual({ entered: 1, won: 0, winRate: 0, remainingDays: null });
  });
});

describe('forecasts', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');
  const deals = [
    { id: 'X', stageId: 'lead', amount: 100_000, probability: 10, expectedCloseDate: '2026-03-20' },
    { id: 'Y', stageId: 'offer', amount: 300_000, probability: 80, expectedCloseDate: '2026-02-15' },
    { id: 'Z', stageId: 'new', amount: 50_000, probability: 20, expectedCloseDate: '2026-04-10' },
    { id: 'W', stageId: 'lead', amount: null, probability: 10, expectedCloseDate: '2026-03-20' },
    { id: 'V', stageId: 'offer', amount: 100_000, probability: 50, expectedCloseDate: null },
  ];
  const f = forecastDeals(deals, stageStats(passages), now);

  it('per deal: weighted by probability, historical by the stage win rate and duration (or the fallback)', () => {
    expect(f.map((d) => [d.id, d.weighted, d.historical, d.expectedMonth, d.historicalClose])).toEqual([
      ['X', 10_000, 50_000, '2026-03', '2026-04-01'],
      ['Y', 240_000, 200_010, '2026-03', '2026-03-25'],
      ['Z', 10_000, 10_000, '2026-04', '2026-04-10'],
      ['W', null, null, '2026-03', '2026-04-01'],
      ['V', 50_000, 66_670, null, '2026-03-25'],
    ]);
  });

  it('sums by month; an overdue close date counts now, an undated deal only in the historical forecast', () => {
    expect(Object.fromEntries(forecastByMonth(f, ['2026-03', '2026-04']))).toEqual({
      '2026-03': { weighted: 250_000, historical: 266_680 },
      '2026-04': { weighted: 10_000, historical: 60_000 },
    });
  });
});
