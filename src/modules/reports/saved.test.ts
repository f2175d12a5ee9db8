import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { fieldIssues } from '../../../test/deals.js';
import { seedReportData } from '../../../test/reports.js';

/** Saved and shared reports, their access rules and exports, on the fixed data set of test/reports.ts. */

const byManagerMonth = {
  entity: 'deals',
  dimensions: [{ key: 'manager' }, { key: 'period', unit: 'month', field: 'created_at' }],
  measures: ['count', 'sum'],
  filters: { period: { field: 'created_at', from: '2026-01-01', to: '2026-03-31' } },
};

async function download(v: TestVoronka, client: TestClient, path: string, body?: unknown) {
  const res = await v.app.request(`/api/v1${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { cookie: client.cookie!, ...(body ? { 'content-type': 'application/json', 'x-csrf-token': client.csrf! } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe.each(engines())('saved reports (%s)', (engine) => {
  let v: TestVoronka;
  let data: Awaited<ReturnType<typeof seedReportData>>;

  beforeAll(async () => {
    v = await startTestApp(engine);
    data = await seedReportData(v);
  });
  afterAll(() => v.destroy());

  it('a shared report shows each viewer only the rows of their own read scope', async () => {
    const saved = await data.admin.client.post('/reports', { name: 'Deals by manager', definition: byManagerMonth, isShared: true });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ name: 'Deals by manager', isShared: true, isMine: true, canEdit: true, ownerId: data.admin.id });
    const id = saved.body.id;
    const totals = async (client: TestClient) => {
      const res = await client.get(`/reports/${id}/result`);
      expect(res.status).toBe(200);
      return res.body.pivot.rows.map((r: { labels: string[]; total: unknown }) => [r.labels[0], r.total]);
    };
    expect(await totals(data.admin.client)).toEqual([['Anna', { count: 4, sum: 160000 }], ['Boris', { count: 3, sum: 95000 }]]);
    expect(await totals(data.anna.client)).toEqual([['Anna', { count: 4, sum: 160000 }]]);
    expect(await totals(data.boris.client)).toEqual([['Boris', { count: 3, sum: 95000 }]]);
    const list = await data.anna.client.get('/reports');
    expect(list.body.items.map((r: { name: string; isMine: boolean; canEdit: boolean }) => [r.name, r.isMine, r.canEdit])).toEqual([['Deals by manager', false, false]]);
    expect((await data.anna.client.patch(`/reports/${id}`, { name: 'Mine now' })).status).toBe(403);
    expect((await data.anna.client.delete(`/reports/${id}`)).status).toBe(403);
    expect((await data.head.client.patch(`/reports/${id}`, { name: 'Renamed by the head' })).status).toBe(200);
  });

  it('a private report is its owner\'s alone; changes are versioned and audited', async () => {
    const saved = await data.boris.client.post('/reports', { name: 'My pipeline', definition: { entity: 'deals', dimensions: [{ key: 'stage' }], measures: ['count'] } });
    expect(saved.status).toBe(201);
    const id = saved.body.id;
    expect((await data.anna.client.get(`/reports/${id}`)).status).toBe(404);
    expect((await data.anna.client.get(`/reports/${id}/result`)).status).toBe(404);
    expect((await data.anna.client.get('/reports')).body.items.map((r: { name: string }) => r.name)).not.toContain('My pipeline');
    const changed = await data.boris.client.patch(`/reports/${id}`, { isShared: true, definition: { entity: 'deals', dimensions: [{ key: 'status' }], measures: ['count'] } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ isShared: true, version: 2, definition: { dimensions: [{ key: 'status' }] } });
    const audit = await v.ctx.database.db.selectFrom('audit_log').select(['action', 'field']).where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => `${a.action}:${a.field ?? ''}`).sort()).toEqual(['create:definition', 'create:isShared', 'create:name', 'update:definition', 'update:isShared']);
    expect((await data.boris.client.delete(`/reports/${id}`)).status).toBe(204);
    expect((await data.boris.client.get(`/reports/${id}`)).status).toBe(404);
  });

  it('refuses a saved definition with a bad part, naming the field inside the definition', async () => {
    const res = await data.anna.client.post('/reports', { name: 'Bad', definition: { entity: 'companies', dimensions: [{ key: 'stage' }], measures: ['sum'] } });
    expect(res.status).toBe(422);
    expect(fieldIssues(res)).toEqual(['definition.dimensions.0.key:report.dimension_not_for_entity', 'definition.measures.0:report.measure_not_for_entity']);
    expect((await data.anna.client.post('/reports', { name: '', definition: { entity: 'deals', measures: ['count'] } })).status).toBe(422);
  });

  it('exports the pivot as CSV (BOM, the chosen delimiter, money in major units, a totals row)', async () => {
    const res = await download(v, data.admin.client, '/reports/export', { definition: { ...byManagerMonth, measures: ['sum'] }, format: 'csv', delimiter: ',' });
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(res.bytes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).trim().split('\r\n')).toEqual([
      'Manager,2026-01,2026-02,2026-03,Total · Sum',
      'Anna,400,1200,,1600',
      'Boris,500,400,50,950',
      'Total,900,1600,50,2550',
    ]);
  });

  it('exports a saved report as XLSX for the viewer, headers in their language', async () => {
    expect((await data.anna.client.patch('/auth/me', { locale: 'ru' })).status).toBe(200);
    const saved = await data.admin.client.post('/reports', { name: 'Conversion / managers', definition: { entity: 'deals', dimensions: [{ key: 'manager' }], measures: ['count', 'conversion'] }, isShared: true });
    const res = await download(v, data.anna.client, `/reports/${saved.body.id}/export?format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes.buffer as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['Менеджер', 'Итого · Количество', 'Итого · Конверсия, %'],
      ['Anna', 4, 66.7],
      ['Итого', 4, 66.7],
    ]);
    expect((await download(v, data.anna.client, `/reports/${saved.body.id}/export?format=pdf`)).status).toBe(422);
  });
});
