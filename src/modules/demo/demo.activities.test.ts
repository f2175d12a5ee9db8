import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { TestClient } from '../../../test/client.js';
import { addDemoData } from '../../cli/demo.js';
import { DEMO_PASSWORD, seedDemoActivities } from './index.js';

/** Seeded on Wednesday 2026-03-11 at 11:00 UTC: 14:00 in Moscow, 13:00 in Sofia. */
const NOW = Date.parse('2026-03-11T11:00:00Z');

describe.each(engines())('demo activities on %s', (engine) => {
  let v: TestVoronka;
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    v = await startTestApp(engine);
  });
  afterAll(async () => {
    await v.destroy();
    vi.useRealTimers();
  });

  it("gives each demo seller a meaningful Today: promises ahead, a missed 11:00 one, overdue ones, the funnel and a forecast", async () => {
    const db = v.ctx.database.db;
    expect(await addDemoData(db, 60)).toMatch(/, \d+ activities\./);
    expect(await seedDemoActivities(db)).toBe(0);

    for (const [email, timeZone] of [['ivan@voronka.local', 'Europe/Moscow'], ['georgi@voronka.local', 'Europe/Sofia']] as const) {
      const c = new TestClient(v);
      expect((await c.login(email, DEMO_PASSWORD)).status).toBe(200);
      const t = (await c.get('/schedule/today')).body;
      expect(t).toMatchObject({ timeZone, today: '2026-03-11' });
      const rules = t.day.items.map((i: { rule: string }) => i.rule);
      expect(rules.filter((r: string) => r === 'promise_upcoming_today')).toHaveLength(2);
      expect(t.day.items.find((i: { rule: string }) => i.rule === 'promise_missed_today')).toMatchObject({ plannedTime: '11:00' });
      expect(rules.filter((r: string) => r === 'promise_overdue')).toHaveLength(2);
      expect(rules.filter((r: string) => r.startsWith('funnel_')).length).toBeGreaterThan(0);
      expect(t.day.items.some((i: { phone: unknown; lastContactAt: string | null }) => i.phone && i.lastContactAt)).toBe(true);
      const f = (await c.get('/schedule/forecast')).body;
      expect(f.days.slice(1).reduce((n: number, d: { items: unknown[] }) => n + d.items.length, 0)).toBeGreaterThan(0);
      const reminders = await db.selectFrom('reminders').select('id').where('fired_at', 'is', null).execute();
      expect(reminders.length).toBeGreaterThanOrEqual(2);
    }
    const holidays = await db.selectFrom('holidays').select(['country', 'date']).where('date', '>=', '2026-01-01').where('date', '<=', '2026-12-31').execute();
    expect(holidays.filter((h) => h.country === 'RU')).toHaveLength(14);
    expect(holidays.filter((h) => h.country === 'BG')).toHaveLength(10);
    // A whole demo is built: generous under a loaded CI machine.
  }, 120_000);
});
