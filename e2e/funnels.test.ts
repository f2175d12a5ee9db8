import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, login, shot, startE2E, type E2E } from './harness.js';
import { setLanguage, untranslatedKeys } from './pages.js';

/**
 * Analytics > Funnels: the funnel by manager, a click on a stage's number lists its deals, each a link to the deal;
 * the activity funnel's and the rejections' numbers open their activities and lost deals.
 */
describe.runIf(browserAvailable())('funnels in the browser', () => {
  let e: E2E;
  let page: Page;
  let csrf = '';
  let firstStage = '';
  let adminId = '';
  let reason = '';
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
    const me = await api<{ csrfToken: string; id: string }>('get', '/auth/me');
    csrf = me.csrfToken;
    adminId = me.id;
    const companyId = (await api<{ id: string }>('post', '/companies', { name: 'ООО Вектор' })).id;
    const pipelines = await api<{ items: { id: string; isDefault: boolean; stages: { id: string; name: string; kind: string }[] }[] }>('get', '/pipelines');
    const pipeline = pipelines.items.find((p) => p.isDefault)!;
    const open = pipeline.stages.filter((s) => s.kind === 'open');
    firstStage = open[0]!.name;
    const deals = [];
    for (const title of titles) deals.push(await api<{ id: string; version: number }>('post', '/deals', { title, companyId, pipelineId: pipeline.id }));
    // The second deal skips to the third open stage: it passes the second one too.
    await api('post', `/deals/${deals[1]!.id}/stage`, { version: deals[1]!.version, stageId: open[2]!.id });
    // The third deal is lost (it still entered the first stage); a call to the client is logged.
    const lostReason = (await api<{ items: { id: string; name: string }[] }>('get', '/lost-reasons?active=true')).items[0]!;
    reason = lostReason.name;
    const lost = pipeline.stages.find((s) => s.kind === 'lost')!;
    await api('post', `/deals/${deals[2]!.id}/stage`, { version: deals[2]!.version, stageId: lost.id, lostReasonId: lostReason.id });
    await api('post', '/activities', { type: 'call', companyId, done: true, doneAt: new Date().toISOString(), plannedDate: null, subject: 'Звонок по поставке', result: 'Ждут КП' });
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

  it('drills the activity funnel and the rejections down to their activities and lost deals, translated', async () => {
    await setLanguage(page, e.url, 'ru');
    await page.goto(`${e.url}/analytics/funnels?view=activities`);
    await page.getByTestId('activity-funnel').waitFor();
    expect(await page.getByTestId('activity-funnel').locator('tbody tr').last().textContent()).toContain('3');
    // The manager's calls, opened from the keyboard: the call with links to the client and to the activity.
    await page.getByTestId(`activity-calls-${adminId}`).press('Enter');
    const drill = page.getByTestId('funnel-drill');
    await expect.poll(() => drill.locator('tbody tr').count()).toBe(1);
    expect(await drill.getByRole('link', { name: 'ООО Вектор' }).getAttribute('href')).toMatch(/^\/companies\/[0-9a-f-]{36}$/);
    expect(await drill.getByRole('link', { name: 'Звонок по поставке' }).getAttribute('href')).toMatch(/^\/activities\/[0-9a-f-]{36}$/);
    expect(await drill.textContent()).toContain('Ждут КП');
    await shot(page, 'funnels-activity-drill');
    expect(await untranslatedKeys(page)).toEqual([]);
    await page.getByTestId(`activity-deals-${adminId}`).click();
    await expect.poll(() => drill.locator('tbody tr').count()).toBe(3);

    await page.goto(`${e.url}/analytics/funnels?view=rejections`);
    const table = page.getByTestId('rejections');
    await table.waitFor();
    expect(await page.getByTestId('rejections-total').textContent()).toBe('1');
    await table.getByRole('button', { name: new RegExp(reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    await expect.poll(() => drill.locator('tbody tr').count()).toBe(1);
    expect(await drill.locator('tbody tr a').first().textContent()).toBe(titles[2]);
    expect(await drill.getByRole('heading').textContent()).toContain(reason);
    expect(page.url()).toContain('drill=lost');
    await shot(page, 'funnels-rejections-drill');
    expect(await untranslatedKeys(page)).toEqual([]);
    await page.goto(`${e.url}/analytics/funnels`);
    await page.getByTestId('funnel-stages').waitFor();
    expect(await untranslatedKeys(page)).toEqual([]);
  });
});
