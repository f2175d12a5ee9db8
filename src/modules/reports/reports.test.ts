import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { fieldIssues } from '../../../test/deals.js';
import { userClient } from '../../../test/factories.js';
import { seedReportData } from '../../../test/reports.js';

/** The report constructor on the fixed data set of test/reports.ts; every expected number is worked out by hand there. */

const months2026 = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const byMonth = { key: 'period', unit: 'month', field: 'created_at' };
const year2026 = { period: { field: 'created_at', key: '2026' } };

describe.each(engines())('report constructor (%s)', (engine) => {
  let v: TestVoronka;
  let data: Awaited<ReturnType<typeof seedReportData>>;

  beforeAll(async () => {
    v = await startTestApp(engine);
    data = await seedReportData(v);
  });
  afterAll(() => v.destroy());

  const run = async (who: 'admin' | 'head' | 'anna' | 'boris', def: Record<string, unknown>) => {
    const res = await data[who].client.post('/reports/run', def);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('deals by manager x month of creation for 2026: count and sum in the base currency, with totals', async () => {
    const r = await run('admin', { entity: 'deals', dimensions: [{ key: 'manager' }, byMonth], measures: ['count', 'sum'], filters: year2026 });
    expect(r.currency).toBe('RUB');
    expect(r.unconverted).toEqual([]);
    expect(r.range).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(r.pivot.columns.map((c: { key: string }) => c.key)).toEqual(months2026);
    const [anna, boris] = r.pivot.rows;
    expect(anna.labels).toEqual(['Anna']);
    expect(anna.cells.slice(0, 4)).toEqual([{ count: 2, sum: 40000 }, { count: 2, sum: 120000 }, null, null]);
    expect(anna.total).toEqual({ count: 4, sum: 160000 });
    expect(boris.labels).toEqual(['Boris']);
    expect(boris.cells.slice(0, 4)).toEqual([{ count: 1, sum: 50000 }, { count: 1, sum: 40000 }, { count: 1, sum: 5000 }, null]);
    expect(boris.total).toEqual({ count: 3, sum: 95000 });
    expect(r.pivot.columnTotals.slice(0, 4)).toEqual([{ count: 3, sum: 90000 }, { count: 3, sum: 160000 }, { count: 1, sum: 5000 }, { count: 0, sum: 0 }]);
    expect(r.pivot.total).toEqual({ count: 7, sum: 255000 });
    expect(r.rows).toHaveLength(5);
  });

  it('conversion (won / closed) and average amount by manager over all time', async () => {
    const r = await run('admin', { entity: 'deals', dimensions: [{ key: 'manager' }], measures: ['count', 'avg', 'conversion'] });
    expect(r.pivot.rows.map((x: { labels: string[]; total: unknown }) => [x.labels[0], x.total])).toEqual([
      ['Anna', { count: 4, avg: 40000, conversion: 66.7 }],
      ['Boris', { count: 4, avg: 25500, conversion: 33.3 }],
    ]);
    expect(r.pivot.columns).toEqual([]);
    expect(r.pivot.total).toEqual({ count: 8, avg: 32750, conversion: 50 });
  });

  it('won revenue by month of closing lists every month of the year, empty ones as zero', async () => {
    const r = await run('admin', {
      entity: 'deals',
      dimensions: [{ key: 'period', unit: 'month', field: 'closed_at' }],
      measures: ['sum'],
      filters: { status: 'won', period: { field: 'closed_at', from: '2026-01-01', to: '2026-12-31' } },
    });
    expect(r.pivot.rows.map((x: { keys: string[] }) => x.keys[0])).toEqual(months2026);
    expect(r.pivot.rows.slice(0, 4).map((x: { total: unknown }) => x.total)).toEqual([{ sum: 0 }, { sum: 70000 }, { sum: 100000 }, { sum: 0 }]);
    expect(r.pivot.total).toEqual({ sum: 170000 });
  });

  it('grouped by currency: sums stay in their currency and a total over several has no sum', async () => {
    const r = await run('admin', { entity: 'deals', dimensions: [{ key: 'currency' }], measures: ['count', 'sum'] });
    expect(r.currency).toBeNull();
    expect(r.pivot.rows.map((x: { keys: string[]; total: unknown }) => [x.keys[0], x.total])).toEqual([
      ['EUR', { count: 1, sum: 1000 }],
      ['RUB', { count: 7, sum: 162000 }],
    ]);
    expect(r.pivot.total).toEqual({ count: 8 });
  });

  it('department x status (stage kinds in funnel order), and the department filter', async () => {
    const r = await run('admin', { entity: 'deals', dimensions: [{ key: 'department' }, { key: 'status' }], measures: ['count'] });
    expect(r.pivot.columns.map((c: { key: string }) => c.key)).toEqual(['open', 'won', 'lost']);
    expect(r.pivot.rows.map((x: { labels: string[]; cells: unknown[]; total: unknown }) => [x.labels[0], x.cells, x.total])).toEqual([
      ['North', [{ count: 1 }, { count: 2 }, { count: 1 }], { count: 4 }],
      ['South', [{ count: 1 }, { count: 1 }, { count: 2 }], { count: 4 }],
    ]);
    expect(r.pivot.columnTotals).toEqual([{ count: 2 }, { count: 3 }, { count: 3 }]);
    const north = await run('admin', { entity: 'deals', dimensions: [{ key: 'stage' }], measures: ['count'], filters: { departmentId: data.north } });
    expect(north.pivot.rows.map((x: { labels: string[]; total: { count: number } }) => [x.labels[0], x.total.count])).toEqual([['Lead', 1], ['Won', 2], ['Lost', 1]]);
    const in2026 = await run('admin', { entity: 'deals', dimensions: [{ key: 'department' }, { key: 'status' }], measures: ['count'], filters: year2026 });
    expect(in2026.pivot.rows.map((x: { labels: string[]; cells: unknown[] }) => [x.labels[0], x.cells])).toEqual([
      ['North', [{ count: 1 }, { count: 2 }, { count: 1 }]],
      ['South', [{ count: 1 }, { count: 1 }, { count: 1 }]],
    ]);
    const conversion = await run('admin', { entity: 'deals', dimensions: [{ key: 'department' }], measures: ['count', 'conversion'], filters: year2026 });
    expect(conversion.pivot.rows.map((x: { labels: string[]; total: unknown }) => [x.labels[0], x.total])).toEqual([
      ['North', { count: 4, conversion: 66.7 }],
      ['South', { count: 3, conversion: 50 }],
    ]);
  });

  it('deal lines by product group: count, gross sum and conversion', async () => {
    const r = await run('admin', { entity: 'deal_lines', dimensions: [{ key: 'product_group' }], measures: ['count', 'sum', 'conversion'] });
    expect(r.pivot.rows.map((x: { labels: string[]; total: unknown }) => [x.labels[0], x.total])).toEqual([
      ['G1', { count: 2, sum: 40000, conversion: 50 }],
      ['G2', { count: 1, sum: 10000, conversion: 100 }],
      ['', { count: 1, sum: 10000, conversion: null }],
    ]);
    expect(r.pivot.total).toEqual({ count: 4, sum: 60000, conversion: 66.7 });
  });

  it('activities of March by type (done / all) and by week (Monday weeks, on both engines alike)', async () => {
    const march = { period: { field: 'planned_date', key: '2026-03' } };
    const r = await run('admin', { entity: 'activities', dimensions: [{ key: 'activity_type' }], measures: ['count', 'conversion'], filters: march });
    expect(r.pivot.rows.map((x: { keys: string[]; total: unknown }) => [x.keys[0], x.total])).toEqual([
      ['call', { count: 3, conversion: 66.7 }],
      ['meeting', { count: 1, conversion: 100 }],
      ['proposal', { count: 1, conversion: 0 }],
    ]);
    expect(r.pivot.total).toEqual({ count: 5, conversion: 60 });
    const weeks = await run('admin', { entity: 'activities', dimensions: [{ key: 'period', unit: 'week', field: 'planned_date' }], measures: ['count'], filters: march });
    expect(weeks.pivot.rows.map((x: { keys: string[]; total: { count: number } }) => [x.keys[0], x.total.count])).toEqual([
      ['2026-02-23', 0], ['2026-03-02', 3], ['2026-03-09', 1], ['2026-03-16', 1], ['2026-03-23', 0], ['2026-03-30', 0],
    ]);
    const days = await run('admin', { entity: 'activities', measures: ['count'], filters: { period: { field: 'planned_date', from: '2026-03-03', to: '2026-03-10' } } });
    expect(days.pivot.total).toEqual({ count: 3 });
    const quarters = await run('admin', { entity: 'activities', dimensions: [{ key: 'period', unit: 'quarter', field: 'planned_date' }], measures: ['count'] });
    expect(quarters.pivot.rows.map((x: { keys: string[]; total: { count: number } }) => [x.keys[0], x.total.count])).toEqual([['2026-Q1', 6]]);
  });

  it('activities by manager x week and by manager x quarter: days and months rolled up to the asked period', async () => {
    type Row = { keys: string[]; labels: string[]; cells: unknown[]; total: unknown };
    const march = { period: { field: 'planned_date', key: '2026-03' } };
    const weeks = await run('admin', { entity: 'activities', dimensions: [{ key: 'manager' }, { key: 'period', unit: 'week', field: 'planned_date' }], measures: ['count', 'conversion'], filters: march });
    expect(weeks.pivot.columns.map((c: { key: string }) => c.key)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    expect(weeks.pivot.rows.map((r: Row) => [r.labels[0], r.cells])).toEqual([
      ['Anna', [null, { count: 2, conversion: 50 }, { count: 1, conversion: 100 }, null, null, null]],
      ['Boris', [null, { count: 1, conversion: 100 }, null, { count: 1, conversion: 0 }, null, null]],
    ]);
    const quarters = await run('admin', { entity: 'activities', dimensions: [{ key: 'manager' }, { key: 'period', unit: 'quarter', field: 'planned_date' }], measures: ['count', 'conversion'], filters: { period: { field: 'planned_date', key: '2026' } } });
    expect(quarters.pivot.columns.map((c: { key: string }) => c.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(quarters.pivot.rows.map((r: Row) => [r.labels[0], r.cells[0], r.total])).toEqual([
      ['Anna', { count: 4, conversion: 75 }, { count: 4, conversion: 75 }],
      ['Boris', { count: 2, conversion: 50 }, { count: 2, conversion: 50 }],
    ]);
  });

  it('companies by status: count and the share of current clients', async () => {
    const r = await run('admin', { entity: 'companies', dimensions: [{ key: 'company_status' }], measures: ['count', 'conversion'] });
    expect(r.pivot.rows.map((x: { keys: string[]; total: unknown }) => [x.keys[0], x.total])).toEqual([
      ['current', { count: 1, conversion: 100 }],
      ['lost', { count: 1, conversion: 0 }],
      ['potential', { count: 1, conversion: 0 }],
    ]);
    expect(r.pivot.total).toEqual({ count: 3, conversion: 33.3 });
  });

  it('a manager sees only their own rows: deals, activities, companies', async () => {
    const deals = await run('anna', { entity: 'deals', dimensions: [{ key: 'manager' }, byMonth], measures: ['count', 'sum'], filters: year2026 });
    expect(deals.pivot.rows.map((x: { labels: string[] }) => x.labels[0])).toEqual(['Anna']);
    expect(deals.pivot.total).toEqual({ count: 4, sum: 160000 });
    const others = await run('anna', { entity: 'deals', dimensions: [], measures: ['count'], filters: { ownerId: data.boris.id } });
    expect(others.pivot.total).toEqual({ count: 0 });
    const acts = await run('anna', { entity: 'activities', dimensions: [{ key: 'activity_type' }], measures: ['count', 'conversion'], filters: { period: { field: 'planned_date', key: '2026-03' } } });
    expect(acts.pivot.total).toEqual({ count: 3, conversion: 66.7 });
    const companies = await run('boris', { entity: 'companies', dimensions: [{ key: 'manager' }], measures: ['count'] });
    expect(companies.pivot.rows.map((x: { labels: string[]; total: unknown }) => [x.labels[0], x.total])).toEqual([['Boris', { count: 1 }]]);
  });

  it('names the field of every invalid part of a definition', async () => {
    const bad = async (def: Record<string, unknown>) => {
      const res = await data.admin.client.post('/reports/run', def);
      expect(res.status).toBe(422);
      return fieldIssues(res);
    };
    expect(await bad({ entity: 'deals', dimensions: [{ key: 'owner_id; DROP TABLE deals' }], measures: ['count'] })).toEqual(['dimensions.0.key:report.dimension_unknown']);
    expect(await bad({ entity: 'activities', dimensions: [{ key: 'product' }], measures: ['sum'] })).toEqual([
      'dimensions.0.key:report.dimension_not_for_entity',
      'measures.0:report.measure_not_for_entity',
    ]);
    expect(await bad({ entity: 'deals', measures: ['median'] })).toEqual(['measures.0:report.measure_unknown']);
    expect(await bad({ entity: 'deals', dimensions: [{ key: 'period', unit: 'month', field: 'updated_at' }], measures: ['count'] })).toEqual(['dimensions.0.field:report.date_field_unknown']);
    expect(await bad({ entity: 'activities', measures: ['count'], filters: { productId: data.p1, status: 'won' } })).toEqual([
      'filters.productId:report.filter_not_for_entity',
      'filters.status:report.status_unknown',
    ]);
    expect(await bad({ entity: 'deals', dimensions: [{ key: 'manager' }, { key: 'manager' }], measures: ['count'] })).toEqual(['dimensions.1.key:report.dimension_repeated']);
    const unknownField = await bad({ entity: 'deals', measures: ['count'], sql: 'SELECT 1' });
    expect(unknownField.join()).toContain('sql');
    const noEntity = await bad({ entity: 'invoices', measures: ['count'] });
    expect(noEntity[0]).toMatch(/^entity:/);
  });

  it('refuses a role without the entity read permission', async () => {
    await v.ctx.database.db.updateTable('roles').set({ permissions: JSON.stringify({ report: { read: 'own' } }) }).where('key', '=', 'marketer').execute();
    const marketer = await userClient(v, 'marketer');
    const res = await marketer.client.post('/reports/run', { entity: 'deals', measures: ['count'] });
    expect(res.status).toBe(403);
  });
});
