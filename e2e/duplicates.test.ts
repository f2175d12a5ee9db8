import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, browserAvailable, login, shot, startE2E, type E2E } from './harness.js';
import { setLanguage, untranslatedKeys } from './pages.js';
import { TestClient } from '../test/client.js';
import { innOf } from '../src/modules/imports/testdata.js';

describe.runIf(browserAvailable())('duplicate finder in the browser', () => {
  let e: E2E;
  let page: Page;
  const ids: string[] = [];

  beforeAll(async () => {
    e = await startE2E();
    const api = new TestClient(e.v);
    await api.login(ADMIN.email, ADMIN.password);
    for (const name of ['ООО «Двойник»', 'Двойник ООО', 'ООО «Другой»']) {
      const res = await api.post('/companies', { name, inn: innOf(name === 'ООО «Другой»' ? 42 : 41), confirmDuplicate: true });
      ids.push(res.body.id);
    }
    page = await e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, e.url);
  });
  afterAll(() => e?.close());

  it('lists companies sharing an INN, merges the group into the chosen one, then shows the empty state', async () => {
    await page.goto(`${e.url}/duplicates?entity=company&by=inn`);
    const group = page.getByTestId('duplicate-group');
    await expect.poll(() => group.count()).toBe(1);
    expect(await group.innerText()).toContain('Двойник ООО');
    await page.getByRole('radio', { name: 'Keep «Двойник ООО»' }).check();
    await shot(page, 'duplicates-en');
    await page.getByTestId('duplicate-merge').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Merge into the chosen one' }).click();
    await page.getByText('No duplicates found').waitFor();
    const left = await e.v.ctx.database.db.selectFrom('companies').select('id').where('inn', '=', innOf(41)).execute();
    expect(left).toEqual([{ id: ids[1] }]);
  });

  it('reads in Russian and Bulgarian without untranslated keys', async () => {
    for (const lang of ['ru', 'bg'] as const) {
      await setLanguage(page, e.url, lang);
      await page.goto(`${e.url}/duplicates?entity=contact&by=name`);
      await page.getByTestId('duplicates-by').waitFor();
      expect(await untranslatedKeys(page)).toEqual([]);
    }
  });
});
