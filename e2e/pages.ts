import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { namespaces } from '../src/web/i18n/resources.js';

const languageLabels = { en: 'English', ru: 'Русский', bg: 'Български' } as const;
const settingsHeadings = { en: 'My settings', ru: 'Мои настройки', bg: 'Моите настройки' } as const;

/** Switches the signed-in user's language on the settings page, as a user would. */
export async function setLanguage(page: Page, url: string, lang: keyof typeof languageLabels): Promise<void> {
  await page.goto(`${url}/settings`);
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: languageLabels[lang] }).click();
  await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe(settingsHeadings[lang]);
}

function leafKeys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? leafKeys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** Every translation key of the UI with a dot in it, e.g. 'fields.inn' and 'errors.company.duplicate'. */
const knownKeys = [...new Set(Object.values(namespaces).flatMap((r) => leafKeys(r.en)))].filter((k) => k.includes('.'));
const namespaceNames = Object.keys(namespaces).join('|');

/** What the user can read: the page text plus placeholders, labels and titles of elements. */
const readableText = (page: Page) =>
  page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[placeholder],[aria-label],[title]')].flatMap((el) =>
      ['placeholder', 'aria-label', 'title'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.body.innerText, ...attrs].join('\n');
  });

/**
 * Translation keys shown instead of text: known keys of the resources, `ns:key` references,
 * and anything shaped like a key (`word.word`) once e-mails, URLs and domain names are removed.
 */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  const text = (await readableText(page))
    .replace(/\S+@\S+/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b[\w-]+\.(?:com|ru|bg|org|net|local)\b/g, ' ');
  const found = new Set<string>();
  for (const k of knownKeys) if (text.includes(k)) found.add(k);
  for (const m of text.matchAll(new RegExp(`\\b(?:${namespaceNames}):[\\w.]+`, 'g'))) found.add(m[0]);
  for (const m of text.matchAll(/\b[a-z][a-zA-Z]*\.[a-z][a-zA-Z_]*(?:\.[\w]+)*\b/g)) found.add(m[0]);
  return [...found];
}

/**
 * Latin words of four letters or more in a Russian or Bulgarian page: strings that skipped
 * translation. `allowed` lists the page's data (names, e-mails) that are Latin on purpose.
 */
export async function latinWords(page: Page, allowed: string[] = []): Promise<string[]> {
  let text = await readableText(page);
  for (const a of allowed) text = text.split(a).join(' ');
  text = text.replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ');
  return [...new Set(text.match(/\b[A-Za-z]{4,}\b/g) ?? [])];
}

/** Record ids (UUIDs) shown as text: the UI should show names instead. */
export async function visibleIds(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return text.match(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g) ?? [];
}

/** How far the page is wider than the viewport, in CSS pixels (0 when it fits). */
export const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Whether the element is entirely inside the visible part of the page. */
export async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const view = page.viewportSize();
  return !!box && !!view && box.y >= 0 && box.y + box.height <= view.height;
}
