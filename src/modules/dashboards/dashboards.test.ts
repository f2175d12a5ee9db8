import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { fieldIssues } from '../../../test/deals.js';
import { seedReportData } from '../../../test/reports.js';
import { userClient } from '../../../test/factories.js';

/** Dashboards: ready-made per role, widgets from saved reports, layout edits, privacy. */

describe.each(engines())('dashboards (%s)', (engine) => {
  let v: TestVoronka;
  let data: Awaited<ReturnType<typeof seedReportData>>;

  beforeAll(async () => {
    v = await startTestApp(engine);
    data = await seedReportData(v);
  });
  afterAll(() => v.destroy());

  it('makes the ready-made dashboard of each role once, with reports of the viewer\'s own numbers', async () => {
    const [first, again] = await Promise.all([data.anna.client.get('/dashboards'), data.anna.client.get('/dashboards')]);
    expect(first.status).toBe(200);
    expect(again.body.items).toHaveLength(1);
    const mine = first.body.items[0];
    expect(mine.name).toBe('My numbers');
    expect(mine.widgets.map((w: { reportName: string; display: string; size: string; available: boolean }) => [w.reportName, w.display, w.size, w.available])).toEqual([
      ['My open deals by stage', 'chart', 'md', true],
      ['My activities this month by type', 'chart', 'md', true],
      ['My won revenue by month', 'table', 'lg', true],
    ]);
    const byStage = await data.anna.client.get(`/reports/${mine.widgets[0].reportId}/result`);
    expect(byStage.body.pivot.rows.map((r: { labels: string[]; total: unknown }) => [r.labels[0], r.total])).toEqual([['Lead', { count: 1, sum: 10000 }]]);
    expect((await data.anna.client.get('/reports')).body.items.every((r: { isMine: boolean; isShared: boolean }) => r.isMine && !r.isShared)).toBe(true);

    const head = (await data.head.client.get('/dashboards')).body.items[0];
    expect(head.name).toBe('Sales team');
    expect(head.widgets.map((w: { reportName: string }) => w.reportName)).toEqual(['Open deals by manager and stage', 'Won revenue by month', 'Conversion by manager this year']);
    const team = await data.head.client.get(`/reports/${head.widgets[0].reportId}/result`);
    expect(team.body.pivot.rows.map((r: { labels: string[]; total: unknown }) => [r.labels[0], r.total])).toEqual([['Anna', { count: 1 }], ['Boris', { count: 1 }]]);

    const owner = (await data.admin.client.get('/dashboards')).body.items[0];
    expect(owner.widgets.map((w: { reportName: string }) => w.reportName)).toEqual(['Revenue by month', 'Revenue by product group this year', 'Revenue by source this year']);
    for (const w of owner.widgets) expect((await data.admin.client.get(`/reports/${w.reportId}/result`)).status).toBe(200);

    await data.anna.client.delete(`/dashboards/${mine.id}`);
    expect((await data.anna.client.get('/dashboards')).body.items).toEqual([]);
  });

  it('names the ready-made dashboard in the user\'s language', async () => {
    const bg = await userClient(v, 'sales_manager');
    expect((await bg.client.patch('/auth/me', { locale: 'bg' })).status).toBe(200);
    const d = (await bg.client.get('/dashboards')).body.items[0];
    expect(d.name).toBe('Моите показатели');
    expect(d.widgets[0].reportName).toBe('Моите отворени сделки по етапи');
  });

  it('adds, resizes, reorders and removes widgets; only visible reports; nobody else\'s dashboard', async () => {
    const created = await data.boris.client.post('/dashboards', { name: 'Scratch' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const shared = await data.admin.client.post('/reports', { name: 'Shared by admin', definition: { entity: 'deals', measures: ['count'] }, isShared: true });
    const privateOne = await data.admin.client.post('/reports', { name: 'Private of admin', definition: { entity: 'deals', measures: ['count'] } });
    const own = await data.boris.client.post('/reports', { name: 'Mine', definition: { entity: 'activities', dimensions: [{ key: 'activity_type' }], measures: ['count'] } });

    const refused = await data.boris.client.post(`/dashboards/${id}/widgets`, { reportId: privateOne.body.id });
    expect(refused.status).toBe(422);
    expect(fieldIssues(refused)).toEqual(['reportId:dashboard.report_unknown']);
    await data.boris.client.post(`/dashboards/${id}/widgets`, { reportId: shared.body.id });
    const two = await data.boris.client.post(`/dashboards/${id}/widgets`, { reportId: own.body.id, display: 'table', size: 'lg' });
    expect(two.body.widgets.map((w: { reportName: string; display: string; size: string; position: number }) => [w.reportName, w.display, w.size, w.position])).toEqual([
      ['Shared by admin', 'chart', 'md', 0],
      ['Mine', 'table', 'lg', 1],
    ]);
    const [a, b] = two.body.widgets;
    const resized = await data.boris.client.patch(`/dashboards/${id}/widgets/${a.id}`, { size: 'sm' });
    expect(resized.body.widgets[0].size).toBe('sm');
    const layout = await data.boris.client.put(`/dashboards/${id}/layout`, { widgets: [{ id: b.id, display: 'chart', size: 'md' }, { id: a.id, display: 'table', size: 'sm' }] });
    expect(layout.body.widgets.map((w: { reportName: string; display: string }) => [w.reportName, w.display])).toEqual([['Mine', 'chart'], ['Shared by admin', 'table']]);
    const mismatch = await data.boris.client.put(`/dashboards/${id}/layout`, { widgets: [{ id: b.id, display: 'chart', size: 'md' }] });
    expect(fieldIssues(mismatch)).toEqual(['widgets:dashboard.layout_mismatch']);

    await data.admin.client.patch(`/reports/${shared.body.id}`, { isShared: false });
    const after = await data.boris.client.get(`/dashboards/${id}`);
    expect(after.body.widgets.map((w: { reportName: string; available: boolean }) => [w.reportName, w.available])).toEqual([['Mine', true], ['Shared by admin', false]]);
    await data.admin.client.delete(`/reports/${shared.body.id}`);
    expect((await data.boris.client.get(`/dashboards/${id}`)).body.widgets).toHaveLength(1);

    expect((await data.anna.client.get(`/dashboards/${id}`)).status).toBe(404);
    expect((await data.anna.client.post(`/dashboards/${id}/widgets`, { reportId: own.body.id })).status).toBe(404);
    const removed = await data.boris.client.delete(`/dashboards/${id}/widgets/${b.id}`);
    expect(removed.body.widgets).toEqual([]);
    const audit = await v.ctx.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'dashboard').where('entity_id', '=', id).execute();
    expect(audit.length).toBeGreaterThanOrEqual(5);
  });
});
