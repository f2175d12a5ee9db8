import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { addDemoData } from '../../cli/demo.js';
import { seedDemoDeals } from './index.js';

describe.each(engines())('demo data on %s', (engine) => {
  let v: TestVoronka;
  beforeAll(async () => {
    v = await startTestApp(engine);
  });
  afterAll(() => v.destroy());

  it('makes companies, a catalog and deals over the stages once; a won demo deal makes its company a client', async () => {
    const db = v.ctx.database.db;
    const summary = await addDemoData(db, 40);
    expect(summary).toMatch(/40 companies with contacts, a catalog of 18 products and services, 40 deals/);
    expect(await seedDemoDeals(db, 10)).toBe(0);
    const deals = await db.selectFrom('deals').innerJoin('stages', 'stages.id', 'deals.stage_id').select(['deals.company_id', 'deals.amount', 'stages.kind', 'stages.id']).execute();
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
  });
});
