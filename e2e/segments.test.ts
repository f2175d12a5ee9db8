import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, login, shot, startE2E, type E2E } from './harness.js';
import { setLanguage, untranslatedKeys } from './pages.js';

/**
 * Analytics > Segments: recalculate, the ABC-XYZ matrix drills to the companies list filtered by class;
 * Churn: create the owner's task once; Ad sources: the ROI row of a channel with its cost.
 */
describe.runIf(browserAvailable())('segments and sources in the browser', () => {
  let e: E2E;
  let page: Page;
  let csrf = '';

  const api = async <T,>(method: 'get' | 'post', path: string, data?: unknown): Promise<T> => {
    const res = await page.request[method](`${e.url}/api/v1${path}`, { headers: { 'x-csrf-token': csrf }, data });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

  beforeAll(async () => {
    e = await startE2E();
    page = await e.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await login(page, e.url);
    csrf = (await api<{ csrfToken: string }>('get', '/auth/me')).csrfToken;
    const pipelines = await api<{ items: { id: string; isDefault: boolean; stages: { id: string; kind: string }[] }[] }>('get', '/pipelines');
    const pipeline = pipelines.items.find((p) => p.isDefault)!;
    const won = pipeline.stages.find((s) => s.kind === 'won')!.id;
    // a steady client (monthly purchases) and one that stopped buying 200 days ago after a 30-day rhythm
    const steady = (await api<{ id: string }>('post', '/companies', { name: 'ООО Стабильный' })).id;
    const gone = (await api<{ id: string }>('post', '/companies', { name: 'ООО Ушедший' })).id;
    const sale = async (companyId: string, closedAt: string, amount: number, sourceChannel?: string) => {
      const d = await api<{ id: string }>('post', '/deals', { title: 'Продажа', companyId, pipelineId: pipeline.id, stageId: won, amount, sourceChannel });
      await e.v.ctx.database.db.updateTable('deals').set({ closed_at: closedAt }).where('id', '=', d.id).execute();
    };
    const now = new Date();
    // the 15th of each of the 12 whole months before this one: the same sales every month (X)
    for (let m = 1; m <= 12; m++) await sale(steady, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 15, 12)).toISOString(), 100000);
    for (const d of [260, 230, 200]) await sale(gone, daysAgo(d), 50000);
    await sale(steady, now.toISOString(), 100000, 'yandex');
    await api('post', '/ad-costs', { channel: 'yandex', month: new Date().toISOString().slice(0, 7), amount: 40000, currency: 'RUB' });
    await api('post', '/segments/recalculate', {});
  });
  afterAll(() => e?.close());

  it('shows the ABC-XYZ matrix and drills from a cell to the companies of that class', async () => {
    await page.goto(`${e.url}/analytics/segments`);
    await page.getByTestId('abc-xyz-matrix').waitFor();
    const cell = page.getByTestId('cell-AX');
    await expect.poll(() => cell.textContent()).toBe('1');
    await shot(page, 'segments-matrix');
    await cell.getByRole('link').click();
    await page.waitForURL(/\/companies\?abc=A&xyz=X/);
    await page.getByTestId('companies-table').waitFor();
    await expect.poll(() => page.getByTestId('companies-table').textContent()).toContain('ООО Стабильный');
    expect(await page.getByTestId('companies-table').textContent()).not.toContain('ООО Ушедший');
  });

  it('lists the churned client and creates one task for its owner', async () => {
    await page.goto(`${e.url}/analytics/churn`);
    const table = page.getByTestId('churn-table');
    await table.waitFor();
    expect(await table.textContent()).toContain('ООО Ушедший');
    await table.getByRole('button').click();
    await table.getByRole('link', { name: /task created/i }).waitFor();
    expect(await table.getByRole('button').count()).toBe(0);
    await shot(page, 'segments-churn');
  });

  it('shows the ROI of a source with its cost, in Russian without raw keys', async () => {
    await setLanguage(page, e.url, 'ru');
    await page.goto(`${e.url}/analytics/sources`);
    const table = page.getByTestId('roi-table');
    await table.waitFor();
    await expect.poll(() => table.textContent()).toContain('yandex');
    expect(await page.getByTestId('ad-costs').textContent()).toContain('yandex');
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'sources-roi');
    await page.goto(`${e.url}/analytics/segments`);
    await page.getByTestId('abc-xyz-matrix').waitFor();
    expect(await untranslatedKeys(page)).toEqual([]);
  });
});
