import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { priceOf } from '../products/index.js';
import { seedDemoCatalog } from './index.js';

describe.each(engines())('demo catalog on %s', (engine) => {
  let v: TestVoronka;
  beforeAll(async () => {
    v = await startTestApp(engine);
  });
  afterAll(() => v.destroy());

  it('fills an empty catalog once, with priced bundles', async () => {
    const db = v.ctx.database.db;
    expect(await seedDemoCatalog(db)).toBe(18);
    expect(await seedDemoCatalog(db)).toBe(0);
    const { n } = await db.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(18);
    const pkg = await db.selectFrom('products').select('id').where('sku', '=', 'BANK-PKG-START').executeTakeFirstOrThrow();
    // (1 500 + 12 x 1 990 + 12 x 990 + 2 x 1 200 + 12 x 290) x 0.9 = 43 140 x 0.9 = 38 826.00
    expect(await priceOf(db, pkg.id)).toMatchObject({ unitPrice: 3_882_600, currency: 'RUB' });
    const desk = await db.selectFrom('products').select('id').where('sku', '=', 'KIT-DESK').executeTakeFirstOrThrow();
    expect(await priceOf(db, desk.id, { currency: 'EUR', date: '2026-03-01' })).toMatchObject({ unitPrice: 130_055, currency: 'EUR' });
  });
});
