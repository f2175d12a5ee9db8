import { describe, expect, it } from 'vitest';
import type { ReportDefinition } from '../reports.schema.js';
import { moreFiltersOf, moreFiltersSet, switchEntity, withFilters } from './definition.js';

const owner = '01900000-0000-7000-8000-000000000001';
const pipelineA = '01900000-0000-7000-8000-0000000000a0';
const stageA = '01900000-0000-7000-8000-0000000000a1';
const stageB = '01900000-0000-7000-8000-0000000000b1';
const product = '01900000-0000-7000-8000-0000000000c1';

const deals: ReportDefinition = {
  entity: 'deals',
  dimensions: [{ key: 'stage' }, { key: 'period', unit: 'month', field: 'closed_at' }],
  measures: ['count', 'sum'],
  filters: {
    period: { field: 'closed_at', preset: 'this_year' },
    ownerId: owner,
    pipelineId: pipelineA,
    stageId: stageA,
    status: 'won',
    dealType: 'repeat',
    sourceChannel: 'web',
    companyStatus: 'current',
  },
  chart: 'bar',
};

describe('report constructor edits', () => {
  it('switching to activities keeps only the filters activities support', () => {
    const def = switchEntity(deals, 'activities');
    expect(def.filters).toEqual({ period: { field: 'planned_date', preset: 'this_year' }, ownerId: owner, companyStatus: 'current' });
    expect(def.dimensions).toEqual([{ key: 'period', unit: 'month', field: 'planned_date' }]);
    expect(def.measures).toEqual(['count']);
  });

  it('switching to deal lines keeps stage, status and source but drops deal type and company status', () => {
    const def = switchEntity(deals, 'deal_lines');
    expect(def.filters).toEqual({ period: { field: 'closed_at', preset: 'this_year' }, ownerId: owner, pipelineId: pipelineA, stageId: stageA, status: 'won', sourceChannel: 'web' });
  });

  it('switching to companies drops a deal status the companies do not have, keeps the company status', () => {
    const def = switchEntity({ ...deals, filters: { ...deals.filters, productId: product } }, 'companies');
    expect(def.filters).toEqual({ period: { field: 'created_at', preset: 'this_year' }, ownerId: owner, sourceChannel: 'web', companyStatus: 'current' });
  });

  it('cleared and blank filters are removed; a stage outside the chosen pipeline goes', () => {
    const stagesOf = (id: string) => (id === pipelineA ? [stageA] : [stageB]);
    const cleared = withFilters(deals, { dealType: null, sourceChannel: '  ', ownerId: undefined }, stagesOf);
    expect(cleared.filters).not.toHaveProperty('dealType');
    expect(cleared.filters).not.toHaveProperty('sourceChannel');
    expect(cleared.filters).not.toHaveProperty('ownerId');
    expect(cleared.filters.stageId).toBe(stageA);
    expect(withFilters(deals, { pipelineId: '01900000-0000-7000-8000-0000000000b0' }, stagesOf).filters).not.toHaveProperty('stageId');
    expect(withFilters(deals, { pipelineId: null }, stagesOf).filters.stageId).toBe(stageA);
    expect(withFilters(deals, { stageId: stageB }).filters.stageId).toBe(stageB);
  });

  it('"More filters" are those of the entity, the company status being the main status of companies', () => {
    expect(moreFiltersOf('deals')).toEqual(['stageId', 'dealType', 'sourceChannel', 'companyStatus']);
    expect(moreFiltersOf('deal_lines')).toEqual(['stageId', 'sourceChannel', 'productId', 'productGroupId']);
    expect(moreFiltersOf('activities')).toEqual(['companyStatus', 'activityType']);
    expect(moreFiltersOf('companies')).toEqual(['sourceChannel']);
    expect(moreFiltersSet(deals)).toBe(4);
    expect(moreFiltersSet(switchEntity(deals, 'companies'))).toBe(1);
  });
});
