import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, login, shot, startE2E, type E2E } from './harness.js';
import { latinWords, setLanguage, untranslatedKeys, visibleIds } from './pages.js';
import { companyHeader, companyRow, csvLine, innOf } from '../src/modules/imports/testdata.js';

/** A Windows-1251 file: the wizard must detect the encoding and the delimiter. */
function cp1251(text: string): Buffer {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Buffer.from([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : table.get(ch)!)));
}

const rows = [1, 2, 3, 4].map((n) => companyRow(700 + n, n === 3));
const file = cp1251([companyHeader, ...rows].map((r) => csvLine(r)).join(''));

describe.runIf(browserAvailable())('import wizard in the browser', () => {
  let e: E2E;
  let page: Page;

  beforeAll(async () => {
    e = await startE2E();
    page = await e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, e.url);
  });
  afterAll(() => e?.close());

  const upload = async () => {
    await page.goto(`${e.url}/imports`);
    await page.getByTestId('import-new').first().click();
    await page.locator('input[type=file]').setInputFiles({ name: 'клиенты.csv', mimeType: 'text/csv', buffer: file });
    await page.getByTestId('import-detected').waitFor();
  };

  it('uploads, suggests the mapping, dry-runs, imports, shows the skipped row and undoes', async () => {
    await upload();
    expect(await page.getByTestId('import-detected').textContent()).toBe('Detected: CSV, windows-1251, delimiter “;”');
    await expect.poll(() => page.getByTestId('import-map-1').inputValue()).toBe('INN');
    expect(await page.getByTestId('import-map-3').inputValue()).toBe('Phones');
    await page.getByTestId('import-key').click();
    await page.getByRole('option', { name: 'INN' }).click();
    await page.getByTestId('import-mode-upsert').check();
    await page.getByTestId('import-template-name').fill('Из 1С');
    await page.getByTestId('import-template-save').click();
    await shot(page, 'import-mapping-en');

    await page.getByTestId('import-dry-run').click();
    await expect.poll(() => page.getByTestId('import-status').textContent()).toBe('Done');
    expect(await page.getByTestId('import-created').textContent()).toBe('3');
    expect(await page.getByTestId('import-skipped').textContent()).toBe('1');
    const error = page.getByTestId('import-errors').locator('tbody tr');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.first().innerText()).toMatch(/^4\s+ИНН\s+Invalid INN$/);
    expect((await e.v.ctx.database.db.selectFrom('companies').select('id').where('inn', '=', innOf(701)).execute()).length).toBe(0);

    const dryRunUrl = page.url();
    await page.getByTestId('import-run-for-real').click();
    await expect.poll(() => page.url()).not.toBe(dryRunUrl);
    await expect.poll(() => page.getByTestId('import-status').textContent()).toBe('Done');
    expect(await page.getByTestId('import-created').textContent()).toBe('3');
    expect(await page.getByTestId('import-errors-download').getAttribute('href')).toMatch(/\/errors\.csv$/);
    expect((await e.v.ctx.database.db.selectFrom('companies').select('id').where('inn', '=', innOf(701)).execute()).length).toBe(1);
    await shot(page, 'import-job-en');

    await page.getByTestId('import-undo').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.getByTestId('import-status').textContent()).toBe('Undone');
    expect(await page.getByTestId('import-reverted').textContent()).toBe('3');
    expect((await e.v.ctx.database.db.selectFrom('companies').select('id').where('inn', '=', innOf(701)).execute()).length).toBe(0);
  });

  it('applies a saved template to the next file', async () => {
    await upload();
    await page.getByTestId('import-template').click();
    await page.getByRole('option', { name: 'Из 1С' }).click();
    await expect.poll(() => page.getByTestId('import-key').inputValue()).toBe('INN');
    expect(await page.getByTestId('import-mode-upsert').isChecked()).toBe(true);
  });

  it('offers CSV and Excel exports on the list pages', async () => {
    await page.goto(`${e.url}/companies?tag=vip`);
    await page.getByTestId('companies-export').click();
    const xlsx = page.getByTestId('companies-export-xlsx');
    expect(await xlsx.getAttribute('href')).toBe('/api/v1/companies/export?sort=name&tag=vip&format=xlsx');
    await page.keyboard.press('Escape');
    await page.goto(`${e.url}/contacts`);
    await page.getByTestId('contacts-export').click();
    expect(await page.getByTestId('contacts-export-csv').getAttribute('href')).toContain('format=csv');
  });

  it('is translated in Russian and Bulgarian', async () => {
    for (const lang of ['ru', 'bg'] as const) {
      await setLanguage(page, e.url, lang);
      await page.goto(`${e.url}/imports`);
      await page.getByTestId('imports-table').waitFor();
      expect(await untranslatedKeys(page)).toEqual([]);
      expect(await latinWords(page, ['CSV', 'XLSX', 'Excel', 'Administrator'])).toEqual([]);
      expect(await visibleIds(page)).toEqual([]);
      await page.getByTestId('imports-table').locator('tbody a').first().click();
      await page.getByTestId('import-status').waitFor();
      expect(await untranslatedKeys(page)).toEqual([]);
      await shot(page, `import-job-${lang}`);
      await upload();
      expect(await untranslatedKeys(page)).toEqual([]);
      await shot(page, `import-wizard-${lang}`);
    }
  });
});
