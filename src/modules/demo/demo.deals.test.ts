import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { addDemoData } from '../../cli/demo.js';
import { seedDemoDeals, seedDemoSalesHistory } from './index.js';

describe.each(engines())('demo data on %s', (engine) => {
  let v: TestVoronka;
  beforeAll(async () => {
    v = await startTestApp(engine);
  });
  afterAll(() => v.destroy());

  it('makes companies, a catalog, deals over the stages and a history of past sales once; a won demo deal makes its company a client', async () => {
    const db = v.ctx.database.db;
    const summary = await addDemoData(db, 40);
    const history = Number(/, (\d+) past sales/.exec(summary)?.[1]);
    expect(summary).toMatch(/40 companies with contacts, a catalog of 18 products and services, 40 deals, \d+ past sales/);
    expect(await seedDemoDeals(db, 10)).toBe(0);
    expect(await seedDemoSalesHistory(db, 10)).toBe(0);
    const monthStart = `${new Date().toISOString().slice(0, 7)}-01`;
    const past = await db.selectFrom('deals').select(['closed_at', 'created_at']).where('created_at', '<', monthStart).execute();
    expect(past).toHaveLength(history);
    expect(history).toBeGreaterThanOrEqual(20);
    expect(past.every((d) => d.closed_at! < monthStart && d.created_at < d.closed_at!)).toBe(true);
    const deals = await db
      .selectFrom('deals')
      .innerJoin('stages', 'stages.id', 'deals.stage_id')
      .select(['deals.company_id', 'deals.amount', 'stages.kind', 'stages.id'])
      .where('deals.created_at', '>=', monthStart)
      .execute();
    expect(deals).toHaveLength(40);
    expect(new Set(deals.map((d) => d.id)).size).toBeGreaterThan(2);
    expect(deals.filter((d) => d.kind === 'open').length).toBeGreaterThan(20);
    expect(deals.every((d) => Number(d.amount) > 0)).toBe(true);
    const won = deals.filter((d) => d.kind === 'won');
    for (const d of won) {
      const c = await db.selectFrom('companies').select('status').where('id', '=', d.company_id!).executeTakeFirstOrThrow();
      expect(c.status).toBe('current');
    }
    const lines = await db.selectFrom('deal_lines').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(lines.n)).toBeGreaterThanOrEqual(40);
    // A whole demo is built: generous under a loaded CI machine.
  }, 120_000);
});
