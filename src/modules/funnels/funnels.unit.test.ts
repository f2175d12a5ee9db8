import { describe, expect, it } from 'vitest';
import { splitRange } from './funnels.repository.js';

describe('splitRange', () => {
  it('reads whole months from the month sums and the edges from the day sums', () => {
    expect(splitRange('2026-01-01', '2026-04-01')).toEqual({ months: ['2026-01', '2026-02', '2026-03'], days: [] });
    expect(splitRange('2025-12-20', '2026-03-05')).toEqual({ months: ['2026-01', '2026-02'], days: [['2025-12-20', '2026-01-01'], ['2026-03-01', '2026-03-05']] });
    expect(splitRange('2026-01-15', '2026-02-10')).toEqual({ months: [], days: [['2026-01-15', '2026-02-10']] });
    expect(splitRange('2025-12-01', '2026-01-01')).toEqual({ months: ['2025-12'], days: [] });
  });
});
