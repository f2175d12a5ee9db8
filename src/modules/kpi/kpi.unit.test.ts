import { describe, expect, it } from 'vitest';
import { evaluate, FormulaError, namesOf, parseFormula } from './kpi.formula.js';
import { measureKeys, measuresOf } from './kpi.measures.js';

const names = new Set(['calls', 'meetings', 'won_revenue', 'won_count']);
const calc = (src: string, values: Record<string, number | null>) => evaluate(parseFormula(src, names), values);
const errorOf = (src: string) => {
  try {
    parseFormula(src, names);
  } catch (e) {
    if (e instanceof FormulaError) return [e.code, e.position];
  }
  return null;
};

describe('formula parser', () => {
  it('follows precedence, parentheses and unary minus', () => {
    expect(calc('1 + 2 * 3', {})).toBe(7);
    expect(calc('(1 + 2) * 3', {})).toBe(9);
    expect(calc('10 - 4 - 3', {})).toBe(3);
    expect(calc('24 / 4 / 2', {})).toBe(3);
    expect(calc('-calls + 2.5', { calls: 1 })).toBe(1.5);
    expect(calc('--2', {})).toBe(2);
    expect(calc('won_revenue / (calls + meetings) * 100', { won_revenue: 300, calls: 2, meetings: 1 })).toBe(10000);
  });

  it('division by zero and missing measures give null', () => {
    expect(calc('won_revenue / calls', { won_revenue: 5, calls: 0 })).toBeNull();
    expect(calc('1 / (calls - meetings)', { calls: 2, meetings: 2 })).toBeNull();
    expect(calc('won_count + 1', { won_count: null })).toBeNull();
    expect(calc('calls * 2', {})).toBeNull();
  });

  it('rejects anything but arithmetic over known measures, with the position', () => {
    expect(errorOf('calls +')).toEqual(['kpi.formula_syntax', 7]);
    expect(errorOf('calls ** 2')).toEqual(['kpi.formula_syntax', 7]);
    expect(errorOf('(calls')).toEqual(['kpi.formula_syntax', 6]);
    expect(errorOf('calls)')).toEqual(['kpi.formula_syntax', 5]);
    expect(errorOf('process.exit(1)')).toEqual(['kpi.formula_syntax', 7]);
    expect(errorOf('revenue * 2')).toEqual(['kpi.formula_unknown_measure', 0]);
    expect(errorOf('calls; 1')).toEqual(['kpi.formula_syntax', 5]);
    expect(errorOf('')).toEqual(['kpi.formula_syntax', 0]);
    expect(errorOf('1'.repeat(501))).toEqual(['kpi.formula_too_long', 500]);
    expect(errorOf(`${'('.repeat(60)}1${')'.repeat(60)}`)?.[0]).toBe('kpi.formula_syntax');
  });

  it('lists the measures a formula uses', () => {
    expect(namesOf(parseFormula('calls / (calls + meetings) - 1', names)).sort()).toEqual(['calls', 'meetings']);
  });
});

describe('built-in measures', () => {
  it('from the facts of a user', () => {
    const m = measuresOf({
      done: { call: 3, meeting: 2, proposal: 1, email: 1, note: 4 },
      won: 3,
      wonRevenue: 15_000_000,
      wonConverted: 2,
      lost: 1,
      cycleDays: 31,
      workingDays: 22,
      planRevenue: 20_000_000,
      overdue: 2,
    });
    expect(m).toEqual({
      activities_done: 7, calls: 3, meetings: 2, proposals: 1, contacts: 6, contacts_per_day: 0.27, working_days: 22,
      won_count: 3, won_revenue: 15_000_000, lost_count: 1, conversion: 75, avg_deal: 7_500_000, cycle_days: 10.3,
      plan_revenue: 20_000_000, plan_execution: 75, overdue: 2,
    });
    expect(Object.keys(m)).toEqual([...measureKeys]);
  });

  it('without a base the ratios are null', () => {
    const m = measuresOf({ done: {}, won: 0, wonRevenue: 0, wonConverted: 0, lost: 0, cycleDays: 0, workingDays: 0, planRevenue: null, overdue: 0 });
    expect([m.contacts_per_day, m.conversion, m.avg_deal, m.cycle_days, m.plan_execution]).toEqual([null, null, null, null, null]);
  });
});
