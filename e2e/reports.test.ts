import fs from 'node:fs';
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

  /** The pivot's bottom-right cells: the total count and sum of the default report (deals by manager x month). */
  const totals = async () => (await page.getByTestId('report-pivot').locator('tbody tr').last().locator('td').allTextContents()).slice(-2).map((x) => x.replace(/\s/g, ' '));
  const pick = async (label: string, option: string) => {
    await page.getByRole('textbox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  it('narrows a report from "More filters" (stage, activity type, product group, product) and exports the unsaved definition', async () => {
    await page.goto(`${e.url}/analytics/reports/new`);
    await page.getByTestId('report-pivot').waitFor();
    await expect.poll(() => totals()).toEqual(['7', 'RUB 2,550.00']);
    const toggle = page.getByTestId('report-more-filters-toggle');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    await pick('Pipeline', 'Reports');
    await pick('Stage', 'Won');
    await expect.poll(() => totals()).toEqual(['3', 'RUB 1,700.00']);
    await expect.poll(() => toggle.textContent()).toBe('Fewer filters (1)');
    await shot(page, 'reports-more-filters');

    const exported = async (item: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click().then(() => page.getByTestId(item).click())]);
      return { name: download.suggestedFilename(), body: fs.readFileSync(await download.path()) };
    };
    const csv = await exported('report-exportCsvSemicolon');
    expect(csv.name).toMatch(/^report-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.body.toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFManager;2026-01 · Count;2026-01 · Sum;2026-02 · Count;2026-02 · Sum;.*;Total · Count;Total · Sum$/);
    expect(lines.slice(1, 4).map((l) => [l.split(';')[0], ...l.split(';').slice(-2)])).toEqual([['Anna', '2', '1300'], ['Boris', '1', '400'], ['Total', '3', '1700']]);
    expect(lines[3]!.startsWith('Total;1;300;2;1400;')).toBe(true);
    const xlsx = await exported('report-exportXlsx');
    expect(xlsx.name).toMatch(/^report-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
    await page.route('**/api/v1/reports/export', (r) => r.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: { code: 'report.too_many_groups', message: 'too many' } }) }));
    await page.getByTestId('report-export').click();
    await page.getByTestId('report-exportCsvComma').click();
    await expect.poll(() => page.getByText('The export failed: Too many groups', { exact: false }).count()).toBe(1);
    await page.unroute('**/api/v1/reports/export');

    await pick('Data', 'Activities');
    await expect.poll(() => page.getByRole('textbox', { name: 'Stage', exact: true }).count()).toBe(0);
    await expect.poll(() => page.getByRole('textbox', { name: 'Pipeline', exact: true }).count()).toBe(0);
    await expect.poll(async () => (await totals())[1]).toBe('6');
    await pick('Activity type', 'Call');
    await expect.poll(async () => (await totals())[1]).toBe('3');
    await expect.poll(() => toggle.textContent()).toBe('Fewer filters (1)');

    await pick('Data', 'Deal lines (products)');
    await expect.poll(() => toggle.textContent()).toBe('Fewer filters');
    await expect.poll(async () => (await totals())[1]).toBe('4');
    await pick('Product group', 'G1');
    await expect.poll(async () => (await totals())[1]).toBe('2');
    await page.getByRole('textbox', { name: 'Product', exact: true }).fill('P2');
    await page.getByRole('option', { name: 'P2', exact: true }).click();
    await page.getByText('No data for these filters').waitFor();
  });

  it('builds a report, shows the pivot with totals, saves and lists it; Russian without raw keys, more filters included', async () => {
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
    await page.getByTestId('report-more-filters-toggle').click();
    await page.getByTestId('report-more-filters').waitFor();
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'reports-builder-ru');
  });
});
