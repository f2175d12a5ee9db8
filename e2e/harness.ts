import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { listen } from '../src/server.js';
import { ensureAdmin } from '../src/modules/users/index.js';
import { startTestApp, type Engine, type TestVoronka } from '../test/engines.js';
import { findChromium, launchBrowser } from './browser.js';

export const ADMIN = { email: 'admin@voronka.local', password: 'e2e-admin-password' };
export const artifactsDir = path.resolve('test-results/screenshots');

/** Browser tests run when chromium exists; in CI its absence is a failure, not a skip. */
export function browserAvailable(): boolean {
  if (findChromium()) return true;
  if (process.env.CI) throw new Error('chromium is required in CI (apt-get install chromium)');
  return false;
}

/** Browser tests use PostgreSQL when the run has it (it is the multi-node engine), SQLite otherwise. */
export const e2eEngine = (): Engine => (inject('pgUrl') ? 'postgres' : 'sqlite');

export interface E2E {
  v: TestVoronka;
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** A real HTTP server on a free port with the built UI, an admin account, and a headless chromium. */
export async function startE2E(engine: Engine = e2eEngine()): Promise<E2E> {
  if (!fs.existsSync('dist/web/index.html')) throw new Error('The UI is not built: run `npm run build:ui` (npm test does it)');
  const v = await startTestApp(engine, { PORT: '0' });
  await ensureAdmin(v.ctx.database.db, ADMIN.email, ADMIN.password);
  const { server, port } = await listen(v);
  const browser = await launchBrowser();
  fs.mkdirSync(artifactsDir, { recursive: true });
  return {
    v,
    url: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise((r) => server.close(r));
      await v.destroy();
    },
  };
}

export async function login(page: Page, url: string, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/e-mail|имейл/i).fill(email);
  await page.getByLabel(/password|пароль|парола/i).fill(password);
  await page.getByRole('button', { name: /sign in|войти|вход/i }).click();
  await page.getByTestId('user-menu').waitFor();
}

/** A full-page screenshot, taken from the top (scrolled, the fixed header would land mid-page). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}
