import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, login, shot, startE2E, type E2E } from './harness.js';

describe.runIf(browserAvailable())('shell in the browser', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  it('rejects a wrong password with a visible message, then logs in', async () => {
    const page = await e.browser.newPage();
    await page.goto(e.url);
    await page.getByLabel(/e-mail/i).fill('admin@voronka.local');
    await page.getByLabel(/password/i).fill('wrong-password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/wrong e-mail or password/i);
    await login(page, e.url);
    await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('Administrator');
    await page.close();
  });

  it('switches the UI to Russian and Bulgarian and keeps the choice', async () => {
    const page = await e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, e.url);
    await page.goto(`${e.url}/settings`);
    for (const [lang, label, heading] of [
      ['ru', 'Русский', 'Мои настройки'],
      ['bg', 'Български', 'Моите настройки'],
      ['en', 'English', 'My settings'],
    ] as const) {
      await page.getByTestId('language-select').click();
      await page.getByRole('option', { name: label }).click();
      await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe(heading);
      await shot(page, `settings-${lang}`);
    }
    await page.getByTestId('language-select').click();
    await page.getByRole('option', { name: 'Русский' }).click();
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Мои настройки');
    await page.close();
  });
});
