import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserAvailable, login, shot, startE2E, type E2E } from './harness.js';
import { latinWords, setLanguage, untranslatedKeys, visibleIds } from './pages.js';

const COMPANY = 'ООО Ромашка';
const PIPELINE = 'Тендеры';
const DEAL = 'Поставка ноутбуков';
/** The template stages of a new pipeline (English UI) renamed to Russian, in board order after the edits. */
const RENAMES = [
  ['Qualification', 'Квалификация'],
  ['Proposal', 'Предложение'],
  ['Negotiation', 'Переговоры'],
  ['Won', 'Выиграна'],
  ['Lost', 'Проиграна'],
] as const;
const ADDED = 'Конкурс';
const BOARD_ORDER = ['Квалификация', 'Предложение', ADDED, 'Переговоры', 'Выиграна', 'Проиграна'];

describe.runIf(browserAvailable())('pipelines and deals in the browser', () => {
  let e: E2E;
  let page: Page;
  let csrf = '';
  let companyId = '';
  let pipelineId = '';
  let dealUrl = '';

  const api = async <T,>(method: 'get' | 'post' | 'patch', path: string, data?: unknown): Promise<T> => {
    const res = await page.request[method](`${e.url}/api/v1${path}`, { headers: { 'x-csrf-token': csrf }, data });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const column = (stage: string) => page.locator(`[data-testid="board-column"][data-stage-name="${stage}"]`);
  const tile = (title: string) => page.getByTestId('deal-tile').filter({ hasText: title });
  const openBoard = async () => {
    await page.goto(`${e.url}/deals?pipeline=${pipelineId}`);
    await page.getByTestId('kanban').waitFor();
    await expect.poll(() => page.getByTestId('board-column').count()).toBe(BOARD_ORDER.length);
  };
  const stageMoved = () => page.waitForResponse((r) => /\/api\/v1\/deals\/[0-9a-f-]{36}\/stage$/.test(r.url()) && r.request().method() === 'POST');
  /** Drags a card onto a column and waits for the server to confirm the move. */
  const drag = async (title: string, target: Locator) => {
    const moved = stageMoved();
    await tile(title).dragTo(target);
    return moved;
  };

  beforeAll(async () => {
    e = await startE2E();
    page = await e.browser.newPage({ viewport: { width: 1920, height: 1000 } });
    await login(page, e.url);
    csrf = (await api<{ csrfToken: string }>('get', '/auth/me')).csrfToken;
    companyId = (await api<{ id: string }>('post', '/companies', { name: COMPANY })).id;
    // The catalog: a product, a service and a bundle of both at 0.9 of their sum (2 000.00 x 0.9 = 1 800.00).
    const priceTypeId = (await api<{ items: { id: string }[] }>('get', '/price-types')).items[0]!.id;
    const laptop = await api<{ id: string }>('post', '/products', { kind: 'product', name: 'Ноутбук Про', vatRate: 22, prices: [{ priceTypeId, amount: 100_000 }] });
    const setup = await api<{ id: string }>('post', '/products', { kind: 'service', name: 'Настройка рабочего места', vatRate: 22, prices: [{ priceTypeId, amount: 50_000 }] });
    await api('post', '/products', {
      kind: 'bundle',
      name: 'Пакет Офис',
      vatRate: 22,
      bundlePriceMode: 'sum_coefficient',
      bundleCoefficient: 0.9,
      components: [
        { productId: laptop.id, quantity: 1 },
        { productId: setup.id, quantity: 2 },
      ],
    });
  });
  afterAll(() => e?.close());

  it('creates a pipeline in the admin area, renames, adds and reorders its stages, and adds a lost reason', async () => {
    await page.goto(`${e.url}/admin/pipelines`);
    await page.getByTestId('pipeline-new').click();
    await page.getByTestId('pipeline-name-new').fill(PIPELINE);
    await page.getByTestId('pipeline-create').click();
    const editor = page.getByTestId('pipeline-editor');
    await expect.poll(() => editor.getByTestId('pipeline-name').inputValue()).toBe(PIPELINE);
    await expect.poll(() => editor.getByTestId('stage-name').allTextContents()).toEqual(RENAMES.map(([en]) => en));

    for (const [from, to] of RENAMES) {
      await editor.locator(`[data-testid="stage-row"][data-stage="${from}"]`).getByTestId('stage-edit').click();
      await page.getByTestId('stage-name-input').fill(to);
      await page.getByTestId('stage-save').click();
      await editor.locator(`[data-testid="stage-row"][data-stage="${to}"]`).waitFor();
    }

    // A new stage goes before the first closed stage by default; then one place up.
    await editor.getByTestId('stage-add').click();
    await page.getByTestId('stage-name-input').fill(ADDED);
    await page.getByTestId('stage-probability').fill('30');
    await page.getByTestId('stage-planned-days').fill('5');
    await page.getByTestId('stage-save').click();
    await expect.poll(() => editor.getByTestId('stage-name').allTextContents()).toEqual(['Квалификация', 'Предложение', 'Переговоры', ADDED, 'Выиграна', 'Проиграна']);
    await editor.locator(`[data-testid="stage-row"][data-stage="${ADDED}"]`).getByTestId('stage-up').click();
    await expect.poll(() => editor.getByTestId('stage-name').allTextContents()).toEqual(BOARD_ORDER);
    expect(await editor.locator(`[data-testid="stage-row"][data-stage="${ADDED}"]`).textContent()).toContain('30 %');

    await page.getByTestId('lost-reason-new').fill('Сорваны сроки');
    await page.getByTestId('lost-reason-add').click();
    await expect.poll(() => page.getByTestId('lost-reason-name').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))).toContain('Сорваны сроки');
    await shot(page, 'admin-pipelines-en');

    const pipelines = await api<{ items: { id: string; name: string }[] }>('get', '/pipelines');
    pipelineId = pipelines.items.find((p) => p.name === PIPELINE)!.id;
  });

  it('creates a deal for the company with two product lines and a bundle, amounts computed live', async () => {
    await openBoard();
    await page.getByTestId('deal-new').click();
    await page.getByTestId('deal-title').fill(DEAL);
    await expect.poll(() => page.getByTestId('deal-pipeline').inputValue()).toBe(PIPELINE);
    await expect.poll(() => page.getByTestId('deal-stage').inputValue()).toBe('Квалификация');
    await page.getByTestId('deal-company').fill('Ромашка');
    await page.getByRole('option', { name: COMPANY }).click();

    const addLine = async (search: string, name: string, row: number) => {
      await page.getByTestId('line-add').click();
      await page.getByTestId('line-product').nth(row).fill(search);
      await page.getByRole('option', { name }).click();
      // The catalog price arrives after the pick.
      await expect.poll(() => page.getByTestId('line-price').nth(row).inputValue()).not.toBe('');
    };
    await addLine('Ноутбук', 'Ноутбук Про', 0);
    await page.getByTestId('line-quantity').nth(0).fill('2');
    await addLine('Настройка', 'Настройка рабочего места', 1);
    await page.getByTestId('line-discount').nth(1).fill('10');
    await addLine('Пакет', 'Пакет Офис', 2);
    expect(await page.getByTestId('line-price').nth(2).inputValue()).toBe('1 800');
    expect(await page.getByTestId('line-linked').nth(2).textContent()).toBe('Bundle');

    // 2 x 1 000 + 22 % = 2 440; 500 - 10 % + 22 % = 549; bundle 1 800 + 22 % = 2 196.
    await expect.poll(() => page.getByTestId('line-gross').allTextContents()).toEqual([expect.stringContaining('2,440.00'), expect.stringContaining('549.00'), expect.stringContaining('2,196.00')]);
    await expect.poll(() => page.getByTestId('lines-total-gross').textContent()).toContain('5,185.00');
    expect(await page.getByTestId('deal-amount-computed').textContent()).toContain('5,185.00');
    await shot(page, 'deal-form-en');

    await page.getByTestId('deal-save').click();
    await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    dealUrl = page.url();
    await expect.poll(() => page.getByTestId('deal-card-title').textContent()).toBe(DEAL);
    expect(await page.getByTestId('deal-line').count()).toBe(3);
    expect(await page.getByTestId('deal-total-gross').textContent()).toContain('5,185.00');
    expect(await page.getByTestId('deal-card-amount').textContent()).toContain('5,185.00');
    expect(await page.locator('[data-testid="stage-step"][aria-current="step"]').textContent()).toBe('Квалификация');
  });

  it('drags the deal across the kanban to the won stage, column totals following', async () => {
    await openBoard();
    const first = column(BOARD_ORDER[0]!);
    await first.getByText(DEAL).waitFor();
    expect(await first.getByTestId('board-column-count').textContent()).toBe('1');
    expect(await first.getByTestId('board-column-sum').textContent()).toContain('5,185');

    for (const stage of BOARD_ORDER.slice(1, 5)) {
      const res = await drag(DEAL, column(stage));
      expect(res.status()).toBe(200);
      await column(stage).getByText(DEAL).waitFor();
      await expect.poll(() => tile(DEAL).getAttribute('data-pending')).toBe('false');
    }
    await expect.poll(() => column('Выиграна').getByTestId('board-column-count').textContent()).toBe('1');
    await expect.poll(() => first.getByTestId('board-column-count').textContent()).toBe('0');
    expect(await column('Выиграна').getByTestId('board-column-sum').textContent()).toContain('5,185');
    await shot(page, 'deals-board-en');
  });

  it('asks for the lost reason when a deal is dropped on the lost stage', async () => {
    await api('post', '/deals', { title: 'Лицензии', companyId, pipelineId, amountMode: 'manual', amount: 30_000_00 });
    await openBoard();
    await tile('Лицензии').dragTo(column('Проиграна'));
    await page.getByTestId('lost-confirm').click();
    await page.getByText('Choose the reason').waitFor();
    const moved = stageMoved();
    await page.getByTestId('lost-reason').click();
    await page.getByRole('option', { name: 'Сорваны сроки' }).click();
    await page.getByTestId('lost-comment').fill('Не успели к сроку');
    await page.getByTestId('lost-confirm').click();
    expect((await moved).status()).toBe(200);
    await column('Проиграна').getByText('Лицензии').waitFor();
  });

  it('moves a card with its "Move to stage…" menu, and rolls a refused move back with a message', async () => {
    await openBoard();
    const moved = stageMoved();
    await tile('Лицензии').getByTestId('deal-tile-menu').click();
    await page.getByRole('menuitem', { name: 'Квалификация' }).click();
    expect((await moved).status()).toBe(200);
    await column('Квалификация').getByText('Лицензии').waitFor();

    // The server refuses the next move: the card goes back to its column and the user reads why.
    const refuse = '**/api/v1/deals/*/stage';
    await page.route(refuse, (route) =>
      route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'deal.version_conflict', message: 'changed' } }) }),
    );
    try {
      await tile('Лицензии').dragTo(column('Предложение'));
      await page.getByText('Could not move «Лицензии»').waitFor();
      await page.getByText('Someone else changed this deal; reload it').waitFor();
      await column('Квалификация').getByText('Лицензии').waitFor();
      expect(await column('Предложение').getByText('Лицензии').count()).toBe(0);
    } finally {
      await page.unroute(refuse);
    }
  });

  it('lists the same deals in the table view, sorted by amount either way', async () => {
    await page.goto(`${e.url}/deals?pipeline=${pipelineId}&view=table&sort=-amount`);
    const titles = () => page.getByTestId('deal-row').locator('a').allTextContents();
    await expect.poll(titles).toEqual(['Лицензии', DEAL]);
    await page.getByRole('button', { name: /^Amount/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('amount');
    await expect.poll(titles).toEqual([DEAL, 'Лицензии']);
  });

  it('shows the deal card: stage times, a proposal from the deal lines with its status', async () => {
    await page.goto(dealUrl);
    await expect.poll(() => page.locator('[data-testid="stage-step"][aria-current="step"]').textContent()).toBe('Выиграна');
    expect(await page.getByTestId('deal-status').first().textContent()).toBe('Won');
    await expect.poll(() => page.getByTestId('deal-stage-time').count()).toBe(5);

    await page.getByTestId('document-new-proposal').click();
    await expect.poll(() => page.getByTestId('document-number').first().textContent()).toMatch(/-\d{4}-\d{4}$/);
    expect(await page.getByTestId('document-kind').first().textContent()).toBe('Commercial proposal');
    await page.getByTestId('document-status').click();
    await page.getByTestId('document-status-option').filter({ hasText: 'Sent' }).click();
    await expect.poll(() => page.getByTestId('document-status').textContent()).toContain('Sent');
    expect(await visibleIds(page)).toEqual([]);
    await shot(page, 'deal-card-en');
  });

  it('shows what another user changed when a save meets their edit, and loads their version', async () => {
    const id = dealUrl.split('/').pop()!;
    await page.goto(`${dealUrl}/edit`);
    await page.getByTestId('deal-title').fill('Моё название');
    const { version } = await api<{ version: number }>('get', `/deals/${id}`);
    await api('patch', `/deals/${id}`, { version, sourceChannel: 'Выставка' });
    await page.getByTestId('deal-save').click();
    const conflict = page.getByTestId('version-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Source channel');
    expect(await conflict.textContent()).toContain('Выставка');
    await page.getByTestId('conflict-reload').click();
    await expect.poll(() => page.getByTestId('deal-title').inputValue()).toBe(DEAL);
    expect(await page.getByTestId('deal-source-channel').inputValue()).toBe('Выставка');
  });

  it('the company became a current client and lists the deal and the products bought', async () => {
    await page.goto(`${e.url}/companies/${companyId}`);
    await expect.poll(() => page.getByTestId('company-status-badge').textContent()).toBe('Client');
    const deals = page.getByTestId('company-deals');
    await deals.getByRole('link', { name: DEAL }).waitFor();
    expect(await page.getByTestId('company-deals-won').textContent()).toContain('5,185.00');
    await page.getByTestId('company-products').getByText('Ноутбук Про').waitFor();
    await shot(page, 'company-card-deals-en');
    // "New deal" from the card starts a deal for this company.
    await page.getByTestId('company-deal-new').click();
    await expect.poll(() => page.getByTestId('deal-company').inputValue()).toBe(COMPANY);
  });

  it('refuses to delete a stage with deals and moves them on request', async () => {
    await api('post', '/deals', { title: 'Переговорная сделка', companyId, pipelineId, stageId: (await stageIdOf('Переговоры'))!, amountMode: 'manual', amount: 10_000 });
    await page.goto(`${e.url}/admin/pipelines`);
    await page.getByTestId('pipeline-item').filter({ hasText: PIPELINE }).click();
    const editor = page.getByTestId('pipeline-editor');
    await editor.locator('[data-testid="stage-row"][data-stage="Переговоры"]').getByTestId('stage-delete').click();
    await page.getByTestId('stage-delete-confirm').click();
    await expect.poll(() => page.getByTestId('stage-has-deals').textContent()).toContain('1 deal is in «Переговоры»');
    await page.getByTestId('stage-move-target').click();
    await page.getByRole('option', { name: /^Предложение/ }).click();
    await page.getByTestId('stage-move-delete').click();
    await expect.poll(() => editor.getByTestId('stage-name').allTextContents()).toEqual(BOARD_ORDER.filter((s) => s !== 'Переговоры'));
  });

  async function stageIdOf(name: string): Promise<string | undefined> {
    const p = await api<{ stages: { id: string; name: string }[] }>('get', `/pipelines/${pipelineId}`);
    return p.stages.find((s) => s.name === name)?.id;
  }

  it('is translated into Russian and Bulgarian (board and deal card screenshots)', async () => {
    const allowedLatin = ['Administrator'];
    try {
      for (const [lang, title] of [
        ['ru', 'Сделки'],
        ['bg', 'Сделки'],
      ] as const) {
        await setLanguage(page, e.url, lang);
        await page.goto(`${e.url}/deals?pipeline=${pipelineId}`);
        await page.getByTestId('kanban').waitFor();
        await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe(title);
        await column('Выиграна').getByText(DEAL).waitFor();
        expect(await untranslatedKeys(page)).toEqual([]);
        expect(await latinWords(page, allowedLatin)).toEqual([]);
        await shot(page, `deals-board-${lang}`);

        await page.goto(dealUrl);
        await page.getByTestId('deal-card-title').waitFor();
        await expect.poll(() => page.getByTestId('deal-stage-time').count()).toBeGreaterThan(0);
        await page.getByTestId('document-row').first().waitFor();
        expect(await untranslatedKeys(page)).toEqual([]);
        expect(await visibleIds(page)).toEqual([]);
        expect(await latinWords(page, allowedLatin)).toEqual([]);
        await shot(page, `deal-card-${lang}`);
      }
    } finally {
      await setLanguage(page, e.url, 'en');
    }
  });
});
