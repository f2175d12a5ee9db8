import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { convertAmount, lineAmounts, priceOf, registerProductReference, splitBundleLine } from './index.js';

const issues = (res: { body: any }) => res.body.error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);

describe.each(engines())('bundles and prices on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let retail: string;
  let eurList: string;
  const ids: Record<string, string> = {};
  const create = async (body: object) => {
    const res = await admin.post('/products', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    // a table of another module holding product ids (registered once per process, so created for every engine)
    await v.ctx.database.db.schema.createTable('test_lines').addColumn('product_id', 'text').execute();
    retail = (await admin.get('/price-types')).body.items[0].id;
    eurList = (await admin.post('/price-types', { key: 'export', name: 'Export', currency: 'EUR' })).body.id;
    for (const [date, rate] of [['2026-01-01', 90], ['2026-02-01', 100.5]] as const) {
      expect((await admin.post('/exchange-rates', { date, currency: 'EUR', rate })).status).toBe(201);
    }
    const price = (amount: number, currency?: string) => [{ priceTypeId: retail, amount, ...(currency && { currency }) }];
    ids.account = (await create({ name: 'Расчётный счёт', kind: 'service', vatRate: null, prices: price(100_000) })).id;
    ids.tariff = (await create({ name: 'Тариф «Бизнес»', kind: 'service', prices: price(33_333) })).id;
    ids.bank = (await create({ name: 'Интернет-банк', kind: 'service', prices: price(9_999) })).id;
    ids.card = (await create({ name: 'Карта', prices: [...price(1_000, 'EUR'), { priceTypeId: eurList, amount: 900 }] })).id;
    ids.app = (await create({ name: 'Приложение', kind: 'service' })).id;
  });
  afterAll(() => v.destroy());

  it('prices a bundle as sum of components x quantities x coefficient, exactly to the minor unit', async () => {
    const b = await create({
      name: 'Пакет «Старт»',
      kind: 'bundle',
      vatRate: 22,
      bundleCoefficient: 0.9,
      components: [
        { productId: ids.account, quantity: 1 },
        { productId: ids.tariff, quantity: 2 },
        { productId: ids.bank, quantity: 0.5 },
      ],
    });
    expect(b).toMatchObject({ bundlePriceMode: 'sum_coefficient', bundleCoefficient: 0.9, prices: [] });
    expect(b.components.map((c: any) => [c.name, c.quantity])).toEqual([['Расчётный счёт', 1], ['Тариф «Бизнес»', 2], ['Интернет-банк', 0.5]]);
    // (100 000 + 2 x 33 333 + 0.5 x 9 999) x 0.9 = 171 665.5 x 0.9 = 154 498.95 -> 154 499
    const res = await admin.get(`/products/${b.id}/price`);
    expect(res.body).toEqual({
      productId: b.id,
      name: 'Пакет «Старт»',
      kind: 'bundle',
      priceTypeId: retail,
      unitPrice: 154_499,
      currency: 'RUB',
      vatRate: 22,
      unitId: null,
      components: [
        { productId: ids.account, name: 'Расчётный счёт', quantity: 1, unitPrice: 100_000 },
        { productId: ids.tariff, name: 'Тариф «Бизнес»', quantity: 2, unitPrice: 33_333 },
        { productId: ids.bank, name: 'Интернет-банк', quantity: 0.5, unitPrice: 9_999 },
      ],
    });
    const raised = await admin.patch(`/products/${b.id}`, { version: 1, bundleCoefficient: 1.15 });
    expect(raised.status).toBe(200);
    expect((await admin.get(`/products/${b.id}/price`)).body.unitPrice).toBe(197_415);
    const split = await splitBundleLine(v.ctx.database.db, b.id, 154_499);
    expect(split.map((p) => p.amount)).toEqual([90_000, 59_999, 4_500]);
  });

  it('converts component prices in other currencies by the rate of the date', async () => {
    const b = await create({ name: 'Card kit', kind: 'bundle', components: [{ productId: ids.account, quantity: 1 }, { productId: ids.card, quantity: 2 }] });
    // 1 000.00 RUB + 2 x 10.00 EUR; 90 RUB/EUR in January, 100.5 from February
    expect((await admin.get(`/products/${b.id}/price?date=2026-01-15`)).body.unitPrice).toBe(100_000 + 180_000);
    expect((await admin.get(`/products/${b.id}/price?date=2026-02-01`)).body.unitPrice).toBe(100_000 + 201_000);
    const inEur = await admin.get(`/products/${b.id}/price?date=2026-01-15&currency=EUR`);
    expect(inEur.body).toMatchObject({ unitPrice: 1111 + 2000, currency: 'EUR' });
    const early = await admin.get(`/products/${b.id}/price?date=2025-12-31`);
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'exchange_rate.missing', details: { currency: 'EUR', date: '2025-12-31' } });
    const card = await admin.get(`/products/${ids.card}/price?priceType=export&currency=RUB&date=2026-03-01`);
    expect(card.body).toMatchObject({ unitPrice: 90_450, currency: 'RUB', priceTypeId: eurList });
    expect(await convertAmount(v.ctx.database.db, 10_050, 'RUB', 'EUR', '2026-02-10')).toBe(100);
    expect(await convertAmount(v.ctx.database.db, 777, 'USD', 'USD')).toBe(777);
  });

  it('prices fixed bundles by their own prices and still lists components', async () => {
    const b = await create({
      name: 'Fixed kit',
      kind: 'bundle',
      bundlePriceMode: 'fixed',
      bundleCoefficient: 2,
      prices: [{ priceTypeId: retail, amount: 150_000 }],
      components: [{ productId: ids.account, quantity: 1 }, { productId: ids.app, quantity: 3 }],
    });
    expect(b).toMatchObject({ bundlePriceMode: 'fixed', bundleCoefficient: null });
    const p = await priceOf(v.ctx.database.db, b.id);
    expect(p).toMatchObject({ unitPrice: 150_000, currency: 'RUB' });
    expect(p.components).toEqual([
      { productId: ids.account, name: 'Расчётный счёт', quantity: 1, unitPrice: 100_000 },
      { productId: ids.app, name: 'Приложение', quantity: 3, unitPrice: null },
    ]);
    expect((await splitBundleLine(v.ctx.database.db, b.id, 300_000, { lineQuantity: 2 })).map((s) => [s.quantity, s.amount])).toEqual([
      [2, 300_000],
      [6, 0],
    ]);
    expect(issues(await admin.post('/products', { name: 'Sum with prices', kind: 'bundle', prices: [{ priceTypeId: retail, amount: 1 }], components: [{ productId: ids.app, quantity: 1 }] }))).toEqual([
      'prices:product.bundle_prices_computed',
    ]);
  });

  it('refuses bundles inside bundles, self-references, repeats, unknown components and bad quantities', async () => {
    const inner = await create({ name: 'Inner', kind: 'bundle', components: [{ productId: ids.account, quantity: 1 }] });
    const bad = await admin.post('/products', {
      name: 'Nested',
      kind: 'bundle',
      components: [
        { productId: inner.id, quantity: 1 },
        { productId: ids.account, quantity: 1 },
        { productId: ids.account, quantity: 2 },
        { productId: '01890000-0000-7000-8000-000000000000', quantity: 1 },
      ],
    });
    expect(issues(bad)).toEqual([
      'components.0.productId:product.component_is_bundle',
      'components.2.productId:product.component_duplicate',
      'components.3.productId:product.component_unknown',
    ]);
    const self = await admin.patch(`/products/${inner.id}`, { version: 1, components: [{ productId: inner.id, quantity: 1 }] });
    expect(issues(self)).toEqual(['components.0.productId:product.component_self']);
    const qty = await admin.post('/products', { name: 'Q', kind: 'bundle', components: [{ productId: ids.account, quantity: 1 }, { productId: ids.tariff, quantity: 0 }, { productId: ids.bank, quantity: 1.2345 }] });
    expect(issues(qty)).toEqual(['components.1.quantity:product.quantity_invalid', 'components.2.quantity:product.quantity_precision']);
    expect(issues(await admin.post('/products', { name: 'Empty', kind: 'bundle' }))).toEqual(['components:product.bundle_empty']);
    // a component cannot become a bundle (that would nest bundles)
    const account = (await admin.get(`/products/${ids.account}`)).body;
    const turn = await admin.patch(`/products/${ids.account}`, { version: account.version, kind: 'bundle', prices: [], components: [{ productId: ids.bank, quantity: 1 }] });
    expect(issues(turn)).toEqual(['kind:product.used_as_component']);
    // leaving "bundle" drops the components
    const flat = await admin.patch(`/products/${inner.id}`, { version: 1, kind: 'service', prices: [{ priceTypeId: retail, amount: 5 }] });
    expect(flat.body).toMatchObject({ kind: 'service', components: [], bundlePriceMode: null, bundleCoefficient: null });
  });

  it('previews the price of a bundle being edited', async () => {
    const res = await admin.post('/products/bundle-price', {
      components: [{ productId: ids.account, quantity: 1 }, { productId: ids.app, quantity: 1 }, { productId: ids.tariff, quantity: 3 }],
      bundleCoefficient: 0.95,
    });
    expect(res.status).toBe(200);
    // (100 000 + 0 + 99 999) x 0.95 = 189 999.05 -> 189 999
    expect(res.body).toMatchObject({ unitPrice: 189_999, currency: 'RUB', missingPrices: [ids.app] });
    const nested = await admin.post('/products/bundle-price', { components: [{ productId: ids.account, quantity: 1 }, { productId: (await create({ name: 'B2', kind: 'bundle', components: [{ productId: ids.bank, quantity: 1 }] })).id, quantity: 1 }] });
    expect(issues(nested)).toEqual(['components.1.productId:product.component_is_bundle']);
  });

  it('refuses to price inactive products and products without a price', async () => {
    const off = await create({ name: 'Old', isActive: false, prices: [{ priceTypeId: retail, amount: 10 }] });
    const inactive = await admin.get(`/products/${off.id}/price`);
    expect(inactive.status).toBe(422);
    expect(inactive.body.error.code).toBe('product.inactive');
    const noPrice = await admin.get(`/products/${ids.app}/price`);
    expect(noPrice.body.error).toMatchObject({ code: 'product.price_missing', details: { productId: ids.app, priceTypeId: retail } });
    const b = await create({ name: 'With app', kind: 'bundle', components: [{ productId: ids.app, quantity: 1 }] });
    expect((await admin.get(`/products/${b.id}/price`)).body.error).toMatchObject({ code: 'product.price_missing', details: { productId: ids.app } });
    expect((await admin.get(`/products/${ids.account}/price?priceType=nope`)).body.error.details.fields[0]).toMatchObject({ field: 'priceType', code: 'product.price_type_unknown' });
    expect((await admin.get('/products/01890000-0000-7000-8000-000000000000/price')).status).toBe(404);
  });

  it('computes deal line amounts and refuses deleting products that registered tables use', async () => {
    expect(lineAmounts({ quantity: 2, unitPrice: 61_000, discountPercent: 10, vatRate: 22, vatIncluded: true })).toEqual({ amount: 122_000, discount: 12_200, net: 90_000, vat: 19_800, gross: 109_800 });
    expect(() => lineAmounts({ quantity: 0, unitPrice: 1, vatRate: null, vatIncluded: false }, 'lines.1.')).toThrow(/lines\.1\.quantity/);
    const db = v.ctx.database.db;
    registerProductReference('test_lines', 'product_id');
    const p = await create({ name: 'Sold' });
    await db.insertInto('test_lines' as never).values({ product_id: p.id } as never).execute();
    const res = await admin.delete(`/products/${p.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'product.in_use', details: { table: 'test_lines' } });
  });
});
