import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, login, shot, startE2E, type E2E } from './harness.js';
import { horizontalOverflow, inViewport, latinWords, setLanguage, untranslatedKeys, visibleIds } from './pages.js';

/** Sberbank's requisites (reference/domain.md): valid INN, KPP and OGRN. */
const SBER = { name: 'Сбербанк Тестовый', inn: '7707083893', kpp: '773601001', ogrn: '1027700132195' };
const BAD_INN = '7707083894';

describe.runIf(browserAvailable())('client directory in the browser', () => {
  let e: E2E;
  let page: Page;
  let companyUrl = '';
  let contactUrl = '';

  beforeAll(async () => {
    e = await startE2E();
    page = await e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, e.url);
  });
  afterAll(() => e?.close());

  const openNewCompanyForm = async () => {
    await page.getByRole('link', { name: 'Companies' }).first().click();
    await page.getByTestId('company-new').click();
    await page.getByTestId('company-name').waitFor();
  };

  it('creates a company with valid requisites from the list and shows its card', async () => {
    await page.getByRole('link', { name: 'Companies' }).first().click();
    await page.getByText('No companies yet').waitFor();
    await openNewCompanyForm();
    await page.getByTestId('company-name').fill(SBER.name);
    await page.getByTestId('company-inn').fill(SBER.inn);
    await page.getByTestId('company-kpp').fill(SBER.kpp);
    await page.getByTestId('company-ogrn').fill(SBER.ogrn);
    await page.getByTestId('company-phone-0').fill('+7 495 500-55-50');
    await page.getByTestId('company-save').click();

    await expect.poll(() => page.getByTestId('company-title').textContent()).toBe(SBER.name);
    companyUrl = page.url();
    expect(companyUrl).toMatch(/\/companies\/[0-9a-f-]{36}$/);
    const requisites = page.getByTestId('company-requisites');
    expect(await requisites.getByTestId('company-view-inn').textContent()).toBe(SBER.inn);
    expect(await requisites.getByTestId('company-view-kpp').textContent()).toBe(SBER.kpp);
    expect(await requisites.getByTestId('company-view-ogrn').textContent()).toBe(SBER.ogrn);
    await shot(page, 'company-card-en');
  });

  it('shows the INN error while typing, before submitting, and blocks the save', async () => {
    await openNewCompanyForm();
    await page.getByTestId('company-name').fill('Ошибочный ИНН');
    const inn = page.getByTestId('company-inn');
    await inn.pressSequentially(BAD_INN, { delay: 10 });
    // The last digit is wrong: the check-digit error appears as soon as all 10 digits are typed.
    await expect.poll(() => inn.getAttribute('aria-invalid')).toBe('true');
    const error = page.getByText(/^Invalid INN: check digit does not match$/);
    await error.waitFor();
    expect(await page.getByTestId('form-error').count()).toBe(0);

    // Too short is not an error while the field has focus, but is once the user leaves it.
    await inn.fill('77070');
    await expect.poll(() => inn.getAttribute('aria-invalid')).not.toBe('true');
    await page.getByTestId('company-kpp').focus();
    await page.getByText(/^Invalid INN: 10 digits for an organisation/).waitFor();

    await inn.fill(BAD_INN);
    await page.getByTestId('company-save').click();
    await page.getByTestId('form-error').waitFor();
    await expect.poll(() => inViewport(page, page.getByTestId('form-error'))).toBe(true);
    expect(page.url()).toMatch(/\/companies\/new$/);
    await shot(page, 'company-form-inn-error');
  });

  it('reports server-side field errors: the INN through the API, a phone in the form', async () => {
    const me = await (await page.request.get(`${e.url}/api/v1/auth/me`)).json();
    const res = await page.request.post(`${e.url}/api/v1/companies`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { name: 'API ошибка', inn: BAD_INN },
    });
    expect(res.status()).toBe(422);
    const body = await res.json();
    expect(body.error.details.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'inn', code: 'company.inn_invalid' })]));

    // The form does not check phone numbers itself: the server's error lands on the phone row.
    await openNewCompanyForm();
    await page.getByTestId('company-name').fill('Неверный телефон');
    await page.getByTestId('company-phone-0').fill('12');
    await page.getByTestId('company-save').click();
    await page.getByTestId('form-error').waitFor();
    await expect.poll(() => page.getByTestId('company-phone-0').getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Not a valid phone number').first().waitFor();
    expect(page.url()).toMatch(/\/companies\/new$/);
  });

  it('warns about a company with the same INN and creates it anyway on request', async () => {
    await openNewCompanyForm();
    await page.getByTestId('company-name').fill('Совсем другое имя');
    await page.getByTestId('company-inn').fill(SBER.inn);
    // Live warning while typing, with a link to the existing company.
    const warning = page.getByTestId('duplicates');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(SBER.name);
    expect(await warning.textContent()).toContain('same INN');
    expect(await page.getByTestId('create-anyway').count()).toBe(0);

    await page.getByTestId('company-save').click();
    await page.getByTestId('create-anyway').waitFor();
    expect(page.url()).toMatch(/\/companies\/new$/);
    // The warning sits at the top of the long form: it is scrolled into view from the Save button.
    await expect.poll(() => inViewport(page, page.getByTestId('create-anyway'))).toBe(true);
    await shot(page, 'company-form-duplicate');
    await page.getByTestId('create-anyway').click();
    await expect.poll(() => page.getByTestId('company-title').textContent()).toBe('Совсем другое имя');
    expect(page.url()).not.toBe(companyUrl);
  });

  const search = async (q: string) => {
    await page.getByTestId('companies-search').fill(q);
    await expect.poll(() => new URL(page.url()).searchParams.get('q') ?? '').toBe(q);
  };
  const listedNames = async () => {
    await expect.poll(() => page.getByTestId('companies-table').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    return page.getByTestId('company-row-name').allTextContents();
  };

  it('finds companies from the list by a part of the name in another case and by INN', async () => {
    await page.getByRole('link', { name: 'Companies' }).first().click();
    await expect.poll(() => page.getByTestId('company-row').count()).toBe(2);

    await search('СБЕРБАНК');
    await expect.poll(listedNames).toEqual([SBER.name]);
    await search('тестов');
    await expect.poll(listedNames).toEqual([SBER.name]);
    await search(SBER.inn);
    await expect.poll(listedNames).toEqual([SBER.name, 'Совсем другое имя']);
    await search('нет такой фирмы');
    await page.getByText('No companies match').waitFor();
    await search('');
    await expect.poll(() => page.getByTestId('company-row').count()).toBe(2);

    await search('сбербанк');
    await page.getByTestId('company-row-name').getByText(SBER.name).click();
    await expect.poll(() => page.url()).toBe(companyUrl);
  });

  it('adds a contact person linked to the company and shows it on the card', async () => {
    await page.goto(companyUrl);
    const contacts = page.getByTestId('company-contacts');
    await contacts.getByText('No contacts yet').waitFor();
    await page.getByTestId('company-add-contact').click();
    await page.getByTestId('company-new-contact').click();
    await page.getByTestId('contact-firstName').fill('Герман');
    await page.getByTestId('contact-lastName').fill('Греф');
    await page.getByTestId('contact-position').fill('Президент');
    await page.getByTestId('contact-email-0').fill('gref@example.com');
    expect(await page.getByTestId('contact-company').inputValue()).toBe(SBER.name);
    await page.getByTestId('contact-save').click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    contactUrl = page.url();
    await page.getByRole('link', { name: SBER.name }).first().waitFor();

    await page.goto(companyUrl);
    await contacts.getByRole('link', { name: 'Греф Герман' }).waitFor();
    expect(await contacts.textContent()).toContain('Президент');
    // The history names the linked contact instead of showing its id.
    await page.getByTestId('history').getByRole('link', { name: 'Греф Герман' }).waitFor();
    expect(await visibleIds(page)).toEqual([]);
  });

  it('changes the status in the form and shows the change, translated, in the history', async () => {
    await page.goto(companyUrl);
    await page.getByTestId('company-edit').click();
    await page.getByTestId('company-status').click();
    await page.getByRole('option', { name: 'Client' }).click();
    await page.getByTestId('company-save').click();
    await expect.poll(() => page.getByTestId('company-status-badge').textContent()).toBe('Client');
    const history = page.getByTestId('history');
    await expect.poll(() => history.textContent()).toMatch(/StatusPotential→Client/);
  });

  it('is translated into Russian and Bulgarian (list and card screenshots)', async () => {
    // Latin on purpose: the admin's name (data), "E-mail" as Russian writes it, the Enter key in hints.
    const allowedLatin = ['Administrator', 'E-mail', 'e-mail', 'Enter'];
    try {
      for (const [lang, listTitle, innError] of [
        ['ru', 'Компании', 'Неверный ИНН: не сходится контрольная цифра'],
        ['bg', 'Фирми', 'Невалиден ИНН: контролната цифра не съвпада'],
      ] as const) {
        await setLanguage(page, e.url, lang);
        await page.goto(`${e.url}/companies`);
        await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe(listTitle);
        await expect.poll(() => page.getByTestId('company-row').count()).toBe(2);
        expect(await untranslatedKeys(page)).toEqual([]);
        expect(await latinWords(page, allowedLatin)).toEqual([]);
        await shot(page, `companies-list-${lang}`);

        await page.goto(companyUrl);
        await page.getByTestId('company-title').waitFor();
        await page.getByTestId('company-contacts').getByRole('link', { name: 'Греф Герман' }).waitFor();
        await page.getByTestId('history').getByRole('link', { name: 'Греф Герман' }).waitFor();
        expect(await untranslatedKeys(page)).toEqual([]);
        expect(await visibleIds(page)).toEqual([]);
        expect(await latinWords(page, allowedLatin)).toEqual([]);
        await shot(page, `company-card-${lang}`);

        await page.goto(`${e.url}/companies/new`);
        await page.getByTestId('company-inn').fill(BAD_INN);
        await page.getByText(innError).waitFor();
        expect(await untranslatedKeys(page)).toEqual([]);
        expect(await latinWords(page, allowedLatin)).toEqual([]);
        await shot(page, `company-form-${lang}`);

        await page.goto(contactUrl);
        await page.getByRole('link', { name: SBER.name }).first().waitFor();
        expect(await untranslatedKeys(page)).toEqual([]);
        expect(await latinWords(page, allowedLatin)).toEqual([]);
        await shot(page, `contact-card-${lang}`);
      }
    } finally {
      // The language is the user's setting: later tests expect English.
      await setLanguage(page, e.url, 'en');
    }
  });

  it('fits a tablet screen (768x1024) without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${e.url}/companies`);
    await expect.poll(() => page.getByTestId('company-row').count()).toBe(2);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(2);
    // The navigation folds into a menu button, leaving the width to the table, which keeps the INN column.
    expect((await page.getByTestId('companies-table').boundingBox())!.x).toBeLessThan(50);
    expect(await page.getByTestId('company-row').first().textContent()).toContain(SBER.inn);
    await shot(page, 'companies-list-tablet');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.waitForURL(/\/contacts$/);
    await page.goBack();

    await page.getByTestId('company-row-name').getByText(SBER.name).click();
    await page.getByTestId('company-title').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(2);
    // One column: the contacts come before the long history.
    const contactsBox = await page.getByTestId('company-contacts').boundingBox();
    const historyBox = await page.getByTestId('history').boundingBox();
    expect(contactsBox!.y).toBeLessThan(historyBox!.y);
    await page.getByTestId('company-edit').click();
    await page.getByTestId('company-name').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(2);
    await shot(page, 'company-form-tablet');
    await page.goto(companyUrl);
    await page.getByTestId('company-title').waitFor();
    await shot(page, 'company-card-tablet');
  });

  it('merges the duplicate into the company, keeping one record and writing the merge into the history', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(companyUrl);
    await page.getByTestId('company-merge').click();
    await page.getByTestId('merge-pick').fill('Совсем');
    await page.getByRole('option', { name: /Совсем другое имя/ }).click();
    await page.getByTestId('merge-confirm').click();
    await expect.poll(() => page.getByTestId('history').textContent()).toContain('Merged from');
    await page.goto(`${e.url}/companies?q=${SBER.inn}`);
    await expect.poll(listedNames).toEqual([SBER.name]);
  });
});
