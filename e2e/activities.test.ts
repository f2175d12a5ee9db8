import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, isoWeekday, nowIn } from '../src/modules/activities/ui/dates.js';
import { browserAvailable, login, shot, startE2E, type E2E } from './harness.js';
import { horizontalOverflow, latinWords, setLanguage, untranslatedKeys, visibleIds } from './pages.js';

const COMPANY = 'ООО Ласточка';
const CONTACT = 'Иванов Пётр';
const CALL = 'Обсудить договор поставки';
const NEXT = 'Презентация для директора';
const COLLEAGUE = { name: 'Мария Соколова', email: 'maria@voronka.local', password: 'colleague-password' };
const TASK = 'Подготовить КП для Ласточки';
const REMIND = 'Перезвонить главбуху';

describe.runIf(browserAvailable())('activities, calendar, tasks and notifications in the browser', () => {
  let e: E2E;
  let page: Page;
  let csrf = '';
  let companyId = '';
  let timeZone = 'UTC';
  /** The day the call is planned for, and the day it is dragged to (in the same week). */
  let day = '';
  let moveTo = '';
  let callId = '';

  const api = async <T,>(method: 'get' | 'post' | 'patch', path: string, data?: unknown): Promise<T> => {
    const res = await page.request[method](`${e.url}/api/v1${path}`, { headers: { 'x-csrf-token': csrf }, data });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const responded = (pattern: RegExp, method: string) => page.waitForResponse((r) => pattern.test(new URL(r.url()).pathname) && r.request().method() === method);
  const event = (text: string) => page.getByTestId('calendar-event').filter({ hasText: text });
  const slot = (date: string, time: string) => page.locator(`[data-testid="calendar-slot"][data-date="${date}"][data-time="${time}"]`);

  beforeAll(async () => {
    e = await startE2E();
    page = await e.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, e.url);
    const me = await api<{ csrfToken: string; timeZone: string }>('get', '/auth/me');
    csrf = me.csrfToken;
    timeZone = me.timeZone;
    const today = nowIn(timeZone).date;
    day = addDays(today, 1);
    moveTo = isoWeekday(day) === 7 ? addDays(day, -1) : addDays(day, 1);
    companyId = (await api<{ id: string }>('post', '/companies', { name: COMPANY })).id;
    await api('post', '/contacts', { lastName: 'Иванов', firstName: 'Пётр', companies: [{ companyId }] });
  });
  afterAll(() => e?.close());

  it('plans a call with an exact time from the company card and shows it in the card and on the timeline', async () => {
    await page.goto(`${e.url}/companies/${companyId}`);
    await page.getByTestId('company-title').waitFor();
    await page.getByTestId('activity-plan').click();
    const form = page.getByTestId('activity-form');
    await form.waitFor();
    await expect.poll(() => page.getByTestId('activity-type').inputValue()).toBe('Outgoing call');
    await expect.poll(() => page.getByTestId('activity-company').inputValue()).toBe(COMPANY);
    await page.getByTestId('activity-contacts').click();
    await page.getByRole('option', { name: CONTACT }).click();
    await page.getByTestId('activity-date').fill(day);
    expect(await form.getByText('Some time that day').count()).toBeGreaterThan(0);
    await page.getByTestId('activity-time').fill('11:00');
    // An exact time is a promise, and the form says so.
    await expect.poll(() => page.getByTestId('promise-badge').textContent()).toBe('Promised for 11:00');
    await page.getByTestId('activity-subject').fill(CALL);
    await shot(page, 'activity-form-en');
    const created = responded(/^\/api\/v1\/activities$/, 'POST');
    await page.getByTestId('activity-subject').press('Enter');
    expect((await created).status()).toBe(201);
    callId = ((await (await created).json()) as { id: string }).id;
    await form.waitFor({ state: 'detached' });

    const line = page.getByTestId('record-activities').getByTestId('activity-line').filter({ hasText: CALL });
    await line.waitFor();
    expect(await line.textContent()).toContain('11:00');
    const timeline = page.getByTestId('company-timeline');
    await timeline.getByTestId('timeline-item').filter({ hasText: CALL }).waitFor();
    // Chips filter the kinds: without activities the call leaves the timeline.
    await timeline.getByTestId('timeline-chip-activity').click();
    await expect.poll(() => timeline.getByTestId('timeline-item').filter({ hasText: CALL }).count()).toBe(0);
    await timeline.getByTestId('timeline-chip-activity').click();
    await timeline.getByTestId('timeline-item').filter({ hasText: CALL }).waitFor();
    expect(await visibleIds(page)).toEqual([]);
    await shot(page, 'company-activities-en');
  });

  it('shows the call in the calendar week and drags it to another day, keeping its time', async () => {
    await page.goto(`${e.url}/calendar?view=week&date=${day}`);
    await slot(day, '11:00').getByTestId('calendar-event').filter({ hasText: CALL }).waitFor();
    await shot(page, 'calendar-week-en');
    const moved = responded(/^\/api\/v1\/activities\/[0-9a-f-]{36}$/, 'PATCH');
    await event(CALL).dragTo(slot(moveTo, '11:00'));
    expect((await moved).status()).toBe(200);
    await slot(moveTo, '11:00').getByTestId('calendar-event').filter({ hasText: CALL }).waitFor();
    await expect.poll(() => event(CALL).getAttribute('data-pending')).toBe('false');
    const saved = await api<{ plannedDate: string; plannedTime: string }>('get', `/activities/${callId}`);
    expect(saved).toMatchObject({ plannedDate: moveTo, plannedTime: '11:00' });
  });

  it('puts a refused move back and says why', async () => {
    const refuse = '**/api/v1/activities/*';
    await page.route(refuse, (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'activity.version_conflict', message: 'changed' } }) })
        : route.continue(),
    );
    try {
      await event(CALL).dragTo(slot(moveTo, '14:00'));
      await page.getByText(`Could not move «${CALL}»`).waitFor();
      await page.getByText('Someone else changed this activity').first().waitFor();
      await slot(moveTo, '11:00').getByTestId('calendar-event').filter({ hasText: CALL }).waitFor();
      expect(await slot(moveTo, '14:00').getByTestId('calendar-event').count()).toBe(0);
    } finally {
      await page.unroute(refuse);
    }
  });

  it('makes, replaces and turns off the private calendar feed link', async () => {
    await page.getByTestId('calendar-feed-open').click();
    const feed = page.getByTestId('calendar-feed');
    await expect.poll(() => feed.getByTestId('calendar-feed-state').textContent()).toBe('You have no calendar link yet.');
    await feed.getByTestId('calendar-feed-create').click();
    const url = page.getByTestId('calendar-feed-url');
    await expect.poll(() => url.inputValue()).toMatch(/\/api\/v1\/calendar\/ical\/.+\.ics$/);
    const first = await url.inputValue();
    // The link is built from PUBLIC_URL (here the port 0 the test server was asked for): fetch its path.
    const feedAt = (link: string) => page.request.get(`${e.url}${new URL(link).pathname}`);
    const ics = await feedAt(first);
    expect(ics.status()).toBe(200);
    // iCalendar folds long lines: unfold before looking for the subject.
    expect((await ics.text()).replace(/\r\n /g, '')).toContain(CALL);
    await feed.getByTestId('calendar-feed-rotate').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => url.inputValue()).not.toBe(first);
    expect((await feedAt(first)).status()).toBe(404);
    await feed.getByTestId('calendar-feed-revoke').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => feed.getByTestId('calendar-feed-state').textContent()).toBe('You have no calendar link yet.');
    await page.keyboard.press('Escape');
    await feed.waitFor({ state: 'detached' });
  });

  it('completes the call only with a next step chosen, and plans the next step', async () => {
    await page.goto(`${e.url}/companies/${companyId}`);
    const line = page.getByTestId('record-activities').getByTestId('activity-line').filter({ hasText: CALL });
    await line.getByTestId('activity-complete').click();
    const dialog = page.getByTestId('complete-dialog');
    await dialog.waitFor();
    await page.getByTestId('activity-result').fill('Договорились о презентации');
    await page.getByTestId('activity-call-result').click();
    await page.getByRole('option', { name: 'Answered' }).click();
    // Completing without choosing the next step is refused: the dialog stays and says what is missing.
    await page.getByTestId('complete-submit').click();
    await dialog.getByText('Choose the next step, or "No next step" on purpose').waitFor();
    expect(await dialog.isVisible()).toBe(true);
    const saved = await api<{ status: string }>('get', `/activities/${callId}`);
    expect(saved.status).toBe('open');

    await page.getByTestId('next-step-plan').click();
    await page.getByTestId('next-step-type').click();
    await page.getByRole('option', { name: 'Meeting' }).click();
    await page.getByTestId('next-step-date').fill(addDays(moveTo, 2));
    await page.getByTestId('next-step-time').fill('15:30');
    await page.getByTestId('next-step-subject').fill(NEXT);
    await shot(page, 'activity-complete-en');
    const completed = responded(/\/complete$/, 'POST');
    await page.getByTestId('complete-submit').click();
    expect((await completed).status()).toBe(200);
    await dialog.waitFor({ state: 'detached' });

    await page.getByTestId('record-activities').getByTestId('activity-line').filter({ hasText: NEXT }).waitFor();
    expect(await page.getByTestId('record-activities').getByTestId('activity-line').filter({ hasText: CALL }).count()).toBe(0);
    const timeline = page.getByTestId('company-timeline');
    await timeline.getByTestId('timeline-item').filter({ hasText: 'Договорились о презентации' }).waitFor();
    const done = await api<{ status: string; callResult: string }>('get', `/activities/${callId}`);
    expect(done).toMatchObject({ status: 'done', callResult: 'answered' });
  });

  it('lists activities with filters and opens an activity card with its history', async () => {
    await page.goto(`${e.url}/activities`);
    const row = page.getByTestId('activity-row').filter({ hasText: NEXT });
    await row.waitFor();
    expect(await page.getByTestId('activity-row').filter({ hasText: CALL }).count()).toBe(0);
    await page.getByTestId('activities-filter-status').click();
    await page.getByRole('option', { name: 'Done' }).click();
    await page.getByTestId('activity-row').filter({ hasText: CALL }).waitFor();
    await shot(page, 'activities-list-en');
    await page.getByTestId('activity-row').filter({ hasText: CALL }).getByRole('link', { name: CALL }).click();
    await expect.poll(() => page.getByTestId('activity-title').textContent()).toBe(CALL);
    await page.getByTestId('activity-outcome').getByText('Договорились о презентации').waitFor();
    await page.getByTestId('history').waitFor();
    expect(await visibleIds(page)).toEqual([]);
  });

  it('gives a task with a checklist to a colleague: it shows in "Delegated by me", the checklist ticks in place', async () => {
    await api('post', '/users', { ...COLLEAGUE, roleKey: 'sales_manager' });
    await page.goto(`${e.url}/tasks`);
    await page.getByTestId('task-new').click();
    await page.getByTestId('task-form').waitFor();
    await page.getByTestId('task-title').fill(TASK);
    await page.getByTestId('task-assignee').click();
    await page.getByRole('option', { name: COLLEAGUE.name }).click();
    await page.getByTestId('task-due-date').fill(day);
    await page.getByTestId('task-priority').getByText('High').click();
    const add = page.getByTestId('task-form').getByTestId('checklist-add');
    await add.fill('Цены');
    await add.press('Enter');
    await add.fill('Сроки поставки');
    await add.press('Enter');
    await expect.poll(() => page.getByTestId('task-form').getByTestId('checklist-text').allTextContents()).toEqual(['Цены', 'Сроки поставки']);
    await shot(page, 'task-form-en');
    const created = responded(/^\/api\/v1\/tasks$/, 'POST');
    await page.getByTestId('task-save').click();
    expect((await created).status()).toBe(201);
    await page.getByTestId('task-form').waitFor({ state: 'detached' });

    // Not mine: it is the colleague's; I see it among the tasks I delegated.
    await expect.poll(() => page.getByTestId('task-card').filter({ hasText: TASK }).count()).toBe(0);
    await page.getByTestId('tasks-tab-delegated').click();
    const card = page.getByTestId('task-card').filter({ hasText: TASK });
    await card.waitFor();
    expect(await card.getByTestId('task-assignee').textContent()).toBe(`To ${COLLEAGUE.name}`);
    expect(await card.getByTestId('task-progress').textContent()).toBe('0 of 2');
    await card.getByTestId('task-toggle').click();
    const ticked = responded(/\/checklist\/[^/]+$/, 'PATCH');
    await card.getByTestId('checklist-toggle').first().click();
    expect((await ticked).status()).toBe(200);
    await expect.poll(() => card.getByTestId('task-progress').textContent()).toBe('1 of 2');
    await shot(page, 'tasks-delegated-en');
  });

  it('rings the bell live when a reminder falls due: a toast, the unread count, and a link to the activity', async () => {
    await page.goto(`${e.url}/activities`);
    const bell = page.getByTestId('bell');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');
    // A promise 5 minutes from now: its reminder (15 minutes before) is due at once.
    const soon = nowIn(timeZone, new Date(Date.now() + 5 * 60_000));
    const promised = await api<{ id: string }>('post', '/activities', { type: 'call', companyId, plannedDate: soon.date, plannedTime: soon.time, subject: REMIND });
    await page.getByRole('alert').filter({ hasText: REMIND }).waitFor({ timeout: 30_000 });
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('1');
    await shot(page, 'notification-toast-en');
    await bell.click();
    const item = page.getByTestId('bell-item').filter({ hasText: REMIND });
    expect(await item.getAttribute('data-unread')).toBe('true');
    await shot(page, 'notification-bell-en');
    await item.click();
    await page.waitForURL(`**/activities/${promised.id}`);
    await expect.poll(() => page.getByTestId('activity-title').textContent()).toBe(REMIND);
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');
  });

  it('fits a tablet screen (768): calendar, company card, activities, tasks', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    try {
      await page.goto(`${e.url}/calendar?view=week&date=${moveTo}`);
      await page.getByTestId('calendar-timegrid').waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(2);
      await shot(page, 'calendar-week-tablet');
      for (const [path, ready] of [
        [`/companies/${companyId}`, 'company-timeline'],
        ['/activities?status=all', 'activity-row'],
        ['/tasks?view=delegated', 'task-card'],
      ] as const) {
        await page.goto(`${e.url}${path}`);
        await page.getByTestId(ready).first().waitFor();
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(2);
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 1000 });
    }
  });

  it('is translated into Russian and Bulgarian (company card, calendar, activities, tasks)', async () => {
    const allowed = ['Administrator', 'E-mail', 'e-mail', 'Enter'];
    try {
      for (const lang of ['ru', 'bg'] as const) {
        await setLanguage(page, e.url, lang);
        for (const [path, ready, name] of [
          [`/companies/${companyId}`, 'timeline-item', 'company-activities'],
          [`/calendar?view=week&date=${addDays(moveTo, 2)}`, 'calendar-event', 'calendar-week'],
          ['/activities?status=all', 'activity-row', 'activities-list'],
          ['/tasks?view=delegated', 'task-card', 'tasks-delegated'],
        ] as const) {
          await page.goto(`${e.url}${path}`);
          await page.getByTestId(ready).first().waitFor();
          // Parts load one after another and linked records read by name once they load: wait for the page to settle.
          await expect.poll(() => visibleIds(page)).toEqual([]);
          await expect.poll(() => latinWords(page, allowed)).toEqual([]);
          expect(await untranslatedKeys(page)).toEqual([]);
          expect(await visibleIds(page)).toEqual([]);
          await shot(page, `${name}-${lang}`);
        }
      }
    } finally {
      await setLanguage(page, e.url, 'en');
    }
  });
});
