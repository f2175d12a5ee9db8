import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, login, shot, startE2E, type E2E } from './harness.js';
import { setLanguage, untranslatedKeys } from './pages.js';

/** Analytics > Funnels: the funnel by manager, a click on a stage's number lists its deals, each a link to the deal. */
describe.runIf(browserAvailable())('funnels in the browser', () => {
  let e: E2E;
  let page: Page;
  let csrf = '';
  let firstStage = '';
  const titles = ['Поставка серверов', 'Аудит сети', 'Лицензии 1С'];

  const api = async <T,>(method: 'get' | 'post', path: string, data?: unknown): Promise<T> => {
    const res = await page.request[method](`${e.url}/api/v1${path}`, { headers: { 'x-csrf-token': csrf }, data });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    e = await startE2E();
    page = await e.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await login(page, e.url);
    csrf = (await api<{ csrfToken: string }>('get', '/auth/me')).csrfToken;
    const companyId = (await api<{ id: string }>('post', '/companies', { name: 'ООО Вектор' })).id;
    const pipelines = await api<{ items: { id: string; isDefault: boolean; stages: { id: string; name: string; kind: string }[] }[] }>('get', '/pipelines');
    const pipeline = pipelines.items.find((p) => p.isDefault)!;
    const open = pipeline.stages.filter((s) => s.kind === 'open');
    firstStage = open[0]!.name;
    const deals = [];
    for (const title of titles) deals.push(await api<{ id: string; version: number }>('post', '/deals', { title, companyId, pipelineId: pipeline.id }));
    // The second deal skips to the third open stage: it passes the second one too.
    await api('post', `/deals/${deals[1]!.id}/stage`, { version: deals[1]!.version, stageId: open[2]!.id });
  });
  afterAll(() => e?.close());

  it('opens the funnel by manager, drills down from a stage to its deals and opens one', async () => {
    await page.goto(`${e.url}/analytics/funnels`);
    const stages = page.getByTestId('funnel-stages');
    await stages.waitFor();
    await expect.poll(() => page.getByTestId(`funnel-entered-${firstStage}`).textContent()).toBe('3');
    const groups = page.getByTestId('funnel-groups');
    await expect.poll(() => groups.locator('tbody tr').count()).toBe(1);
    expect(await groups.locator('tbody tr').first().textContent()).toContain('3');
    await page.getByTestId(`funnel-entered-${firstStage}`).click();
    const drill = page.getByTestId('funnel-drill');
    await drill.waitFor();
    await expect.poll(() => drill.locator('tbody tr').count()).toBe(3);
    expect((await drill.locator('tbody tr a').allTextContents()).filter((t) => titles.includes(t)).sort()).toEqual([...titles].sort());
    expect(page.url()).toContain(`drill=`);
    await shot(page, 'funnels-drill');
    await drill.getByRole('link', { name: titles[1] }).click();
    await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toContain(titles[1]);
  });

  it('shows the activity funnel and rejections, translated', async () => {
    await setLanguage(page, e.url, 'ru');
    await page.goto(`${e.url}/analytics/funnels?view=activities`);
    await page.getByTestId('activity-funnel').waitFor();
    expect(await page.getByTestId('activity-funnel').locator('tbody tr').last().textContent()).toContain('3');
    expect(await untranslatedKeys(page)).toEqual([]);
    await page.goto(`${e.url}/analytics/funnels?view=rejections`);
    await page.getByText('Нет проигранных сделок за период').waitFor();
    await page.goto(`${e.url}/analytics/funnels`);
    await page.getByTestId('funnel-stages').waitFor();
    expect(await untranslatedKeys(page)).toEqual([]);
  });
});
