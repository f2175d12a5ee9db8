import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, login, shot, startE2E, type E2E } from './harness.js';
import { setLanguage, untranslatedKeys, visibleIds } from './pages.js';

describe.runIf(browserAvailable())('plans, forecast and KPIs in the browser', () => {
  let e: E2E;
  let page: Page;
  let csrf = '';
  const month = new Date().toISOString().slice(0, 7);

  const api = async <T,>(method: 'get' | 'post', path: string, data?: unknown): Promise<T> => {
    const res = await page.request[method](`${e.url}/api/v1${path}`, { headers: { 'x-csrf-token': csrf }, data });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    e = await startE2E();
    page = await e.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await login(page, e.url);
    csrf = (await api<{ csrfToken: string }>('get', '/auth/me')).csrfToken;
    await api('post', '/plans', { targetKind: 'company', period: month, revenue: 100_000_000, calls: 40 });
    await api('post', '/kpi/formulas', { key: 'calls_per_deal', name: 'Calls per deal', formula: 'calls / won_count' });
  }, 120_000);
  afterAll(async () => e?.close());

  it('shows plan vs actual, opens the planner, adds a plan through the form', async () => {
    await page.goto(`${e.url}/analytics/plans`);
    const table = page.getByTestId('plans-progress');
    await table.waitFor();
    await expect.poll(() => table.textContent()).toContain('Whole company');
    await table.getByRole('button', { name: 'Planner' }).first().click();
    await page.getByTestId('planner').waitFor();
    await expect.poll(() => page.getByTestId('planner').textContent()).toContain('Reverse conversion');
    await page.getByRole('button', { name: 'Add plan' }).click();
    await page.getByTestId('plan-revenue').fill('1500000');
    await page.getByTestId('plan-save').click();
    // the form starts with the company, which has this month's plan already
    await expect.poll(() => page.locator('.mantine-Modal-content').textContent()).toContain('This target already has a plan for the period');
    await page.getByRole('textbox', { name: 'Plan for' }).click();
    await page.getByRole('option', { name: 'Manager' }).click();
    await page.getByRole('textbox', { name: 'Manager' }).click();
    await page.getByRole('option').first().click();
    await page.getByTestId('plan-save').click();
    await expect.poll(() => page.locator('.mantine-Modal-content').count()).toBe(0);
    await expect.poll(async () => (await api<{ items: unknown[] }>('get', `/plans?period=${month}`)).items.length).toBe(2);
    await shot(page, 'plans');
  });

  it('shows the forecast and the KPI page with today, the leaderboard and the formulas', async () => {
    await page.goto(`${e.url}/analytics/forecast`);
    await page.getByTestId('forecast-page').waitFor();
    await page.locator('[data-testid="forecast-page"] canvas').first().waitFor();
    await page.goto(`${e.url}/analytics/kpi`);
    await page.getByTestId('kpi-today').waitFor();
    await expect.poll(() => page.getByTestId('kpi-formulas').textContent()).toContain('calls_per_deal');
    await shot(page, 'kpi');
  });

  it('reads in Russian and Bulgarian without untranslated keys or raw ids', async () => {
    for (const lang of ['ru', 'bg'] as const) {
      await setLanguage(page, e.url, lang);
      for (const tab of ['plans', 'forecast', 'kpi']) {
        await page.goto(`${e.url}/analytics/${tab}`);
        await page.getByTestId(`${tab === 'kpi' ? 'kpi' : tab}-page`).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await untranslatedKeys(page)).toEqual([]);
        expect(await visibleIds(page)).toEqual([]);
      }
    }
  });
});
