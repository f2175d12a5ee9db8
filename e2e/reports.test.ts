import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, login, shot, startE2E, type E2E } from './harness.js';
import { setLanguage, untranslatedKeys } from './pages.js';
import { seedReportData } from '../test/reports.js';

describe.runIf(browserAvailable())('dashboards and reports in the browser', () => {
  let e: E2E;
  let page: Page;

  beforeAll(async () => {
    e = await startE2E();
    await seedReportData(e.v);
    page = await e.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await login(page, e.url);
  });
  afterAll(() => e?.close());

  it('opens Analytics on the ready-made dashboard with its three widgets', async () => {
    await page.goto(`${e.url}/analytics`);
    await page.getByTestId('dashboards-page').waitFor();
    await expect.poll(() => page.getByTestId('dashboard-widget').count()).toBe(3);
    await expect.poll(() => page.getByText('Revenue by month', { exact: true }).count()).toBe(1);
    await shot(page, 'reports-dashboard');
  });

  it('builds a report, shows the pivot with totals, saves and lists it; Russian without raw keys', async () => {
    await page.goto(`${e.url}/analytics/reports/new`);
    const pivot = page.getByTestId('report-pivot');
    await pivot.waitFor();
    await expect.poll(() => pivot.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await page.getByTestId('report-save-new').click();
    await page.getByTestId('report-name').fill('Deals by manager (e2e)');
    await page.getByTestId('report-save-confirm').click();
    await page.waitForURL(/\/analytics\/reports\/[0-9a-f-]{36}$/);
    await page.goto(`${e.url}/analytics/reports`);
    await expect.poll(() => page.getByTestId('report-list').getByText('Deals by manager (e2e)').count()).toBe(1);
    await setLanguage(page, e.url, 'ru');
    await page.goto(`${e.url}/analytics/reports/new`);
    await page.getByTestId('report-pivot').waitFor();
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'reports-builder-ru');
  });
});
