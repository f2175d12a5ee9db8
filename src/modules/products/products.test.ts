import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';

const issues = (res: { body: any }) => res.body.error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
const UNKNOWN = '01890000-0000-7000-8000-000000000000';

describe.each(engines())('products on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let adminId: string;
  let retail: string;
  let pcs: string;
  const auditOf = (id: string) =>
    v.ctx.database.db.selectFrom('audit_log').select(['action', 'field', 'old_value', 'new_value', 'user_id']).where('entity', '=', 'product').where('entity_id', '=', id).orderBy('id').execute();
  const create = async (body: object) => {
    const res = await admin.post('/products', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    v = await startTestApp(engine);
    ({ client: admin, id: adminId } = await userClient(v, 'admin'));
    retail = (await admin.get('/price-types')).body.items.find((t: any) => t.key === 'retail').id;
    pcs = (await admin.get('/units')).body.items.find((u: any) => u.okei === '796').id;
  });
  afterAll(() => v.destroy());

  it('creates a product with every field and reads it back', async () => {
    const group = (await admin.post('/product-groups', { name: 'Оборудование' })).body;
    const p = await create({
      kind: 'product',
      name: 'Маршрутизатор «Ёж-1»',
      sku: 'RT-001',
      description: 'Wi-Fi 6',
      groupId: group.id,
      unitId: pcs,
      vatRate: 22,
      purchaseCost: 450_000,
      maintenanceCost: 50_000,
      maintenancePeriod: 'year',
      leadDaysReady: 3,
      leadDaysDelivery: 5,
      prices: [{ priceTypeId: retail, amount: 990_000 }],
    });
    expect(p).toMatchObject({
      kind: 'product',
      name: 'Маршрутизатор «Ёж-1»',
      sku: 'RT-001',
      groupId: group.id,
      unitId: pcs,
      vatRate: 22,
      purchaseCost: 450_000,
      maintenanceCost: 50_000,
      maintenancePeriod: 'year',
      costCurrency: 'RUB',
      leadDaysReady: 3,
      leadDaysDelivery: 5,
      isActive: true,
      bundlePriceMode: null,
      bundleCoefficient: null,
      prices: [{ priceTypeId: retail, amount: 990_000, currency: 'RUB' }],
      components: [],
      custom: {},
      version: 1,
      createdBy: adminId,
    });
    expect((await admin.get(`/products/${p.id}`)).body).toEqual(p);
    expect(await auditOf(p.id)).toEqual([{ action: 'create', field: null, old_value: null, new_value: null, user_id: adminId }]);
  });

  it('updates with the version, one audit row per changed field; a stale version gets 409 with the current record', async () => {
    const p = await create({ name: 'Консультация', kind: 'service', vatRate: 20, prices: [{ priceTypeId: retail, amount: 500_000 }] });
    const res = await admin.patch(`/products/${p.id}`, { version: 1, name: 'Консультация (час)', vatRate: null, prices: [{ priceTypeId: retail, amount: 600_000 }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Консультация (час)', vatRate: null, version: 2, prices: [{ amount: 600_000 }] });
    const rows = await auditOf(p.id);
    expect(rows.map((r) => `${r.action}:${r.field ?? ''}`)).toEqual(['create:', 'update:name', 'update:vatRate', 'update:prices']);
    expect(rows[2]).toMatchObject({ old_value: '20', new_value: null });
    const history = (await admin.get(`/products/${p.id}/history?limit=2`)).body;
    expect(history.items.map((r: any) => r.field)).toEqual(['prices', 'vatRate']);
    expect((await admin.get(`/products/${p.id}/history?cursor=${history.nextCursor}`)).body.items.map((r: any) => r.action)).toEqual(['update', 'create']);
    const stale = await admin.patch(`/products/${p.id}`, { version: 1, name: 'theirs' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('product.version_conflict');
    expect(stale.body.error.details.current).toMatchObject({ version: 2, name: 'Консультация (час)' });
    expect(issues(await admin.patch(`/products/${p.id}`, { name: 'no version' }))).toEqual(['version:validation.invalid_type']);
  });

  it('keeps SKUs unique (409 naming the field) and validates them', async () => {
    const a = await create({ name: 'A', sku: 'SKU-1' });
    const dup = await admin.post('/products', { name: 'B', sku: 'SKU-1' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'product.sku_taken', details: { productId: a.id } });
    expect(issues(dup)).toEqual(['sku:product.sku_taken']);
    const b = await create({ name: 'B', sku: '  ' });
    expect(b.sku).toBeNull();
    await create({ name: 'C' });
    expect((await admin.patch(`/products/${b.id}`, { version: 1, sku: 'SKU-1' })).status).toBe(409);
    expect((await admin.patch(`/products/${a.id}`, { version: 1, sku: 'SKU-1', name: 'A2' })).status).toBe(200);
    expect(issues(await admin.post('/products', { name: 'D', sku: 'x'.repeat(65) }))).toEqual(['sku:validation.too_big']);
  });

  it('answers bad input with 422 naming every field', async () => {
    const res = await admin.post('/products', {
      kind: 'gadget',
      name: ' ',
      vatRate: 22.005,
      purchaseCost: 1.5,
      leadDaysReady: -1,
      colour: 'red',
      prices: [{ priceTypeId: 'x', amount: -1 }],
    });
    expect(res.status).toBe(422);
    expect(issues(res)).toEqual(
      expect.arrayContaining([
        'kind:validation.invalid_value',
        'name:validation.too_small',
        'vatRate:product.vat_rate_invalid',
        'purchaseCost:validation.invalid_type',
        'leadDaysReady:validation.too_small',
        'colour:validation.unknown_field',
        'prices.0.priceTypeId:validation.invalid_format',
        'prices.0.amount:validation.too_small',
      ]),
    );
    const refs = await admin.post('/products', {
      name: 'Refs',
      groupId: UNKNOWN,
      unitId: UNKNOWN,
      maintenanceCost: 100,
      prices: [{ priceTypeId: UNKNOWN, amount: 1 }, { priceTypeId: retail, amount: 1 }, { priceTypeId: retail, amount: 2 }],
    });
    expect(issues(refs)).toEqual([
      'groupId:product.group_unknown',
      'unitId:product.unit_unknown',
      'prices.0.priceTypeId:product.price_type_unknown',
      'prices.2.priceTypeId:product.price_duplicate',
      'maintenancePeriod:product.maintenance_period_required',
    ]);
    expect(issues(await admin.post('/products', { name: 'X', bundleCoefficient: 0.9, components: [{ productId: UNKNOWN, quantity: 1 }] }))).toEqual([
      'components:product.components_not_bundle',
      'bundleCoefficient:product.bundle_only',
    ]);
  });

  it('validates attributes against the product custom fields', async () => {
    const field = await admin.post('/custom-fields', { entity: 'product', key: 'colour', label: 'Colour', type: 'select', options: ['red', 'green'], required: true });
    expect(field.status).toBe(201);
    expect(issues(await admin.post('/products', { name: 'No colour' }))).toEqual(['custom.colour:custom_field.required']);
    expect(issues(await admin.post('/products', { name: 'Blue', custom: { colour: 'blue', size: 1 } }))).toEqual([
      'custom.colour:custom_field.option',
      'custom.size:custom_field.unknown',
    ]);
    const p = await create({ name: 'Red one', custom: { colour: 'red' } });
    expect(p.custom).toEqual({ colour: 'red' });
    expect((await admin.delete(`/custom-fields/${field.body.id}`)).status).toBe(204);
    expect((await admin.get(`/products/${p.id}`)).body.custom).toEqual({});
  });

  it('deletes a product with its prices and audit; refuses while a bundle uses it', async () => {
    const part = await create({ name: 'Part', prices: [{ priceTypeId: retail, amount: 100 }] });
    const bundle = await create({ name: 'Kit', kind: 'bundle', components: [{ productId: part.id, quantity: 2 }] });
    const refused = await admin.delete(`/products/${part.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'product.in_use', details: { table: 'bundle_components', bundles: [bundle.id] } });
    expect((await admin.delete(`/products/${bundle.id}`)).status).toBe(204);
    expect((await admin.delete(`/products/${part.id}`)).status).toBe(204);
    expect((await admin.get(`/products/${part.id}`)).status).toBe(404);
    expect(await v.ctx.database.db.selectFrom('product_prices').selectAll().where('product_id', '=', part.id).execute()).toEqual([]);
    expect((await auditOf(part.id)).map((r) => r.action)).toEqual(['create', 'delete']);
  });

  it('lets sales managers read the catalog but not change it; heads of sales manage it', async () => {
    const p = await create({ name: 'Readable', prices: [{ priceTypeId: retail, amount: 1000 }] });
    const { client: seller } = await userClient(v, 'sales_manager');
    expect((await seller.get('/products')).status).toBe(200);
    expect((await seller.get(`/products/${p.id}`)).status).toBe(200);
    expect((await seller.get(`/products/${p.id}/price`)).body.unitPrice).toBe(1000);
    expect((await seller.get('/product-groups')).status).toBe(200);
    expect((await seller.post('/products', { name: 'Mine' })).status).toBe(403);
    expect((await seller.patch(`/products/${p.id}`, { version: 1, name: 'Mine' })).status).toBe(403);
    expect((await seller.delete(`/products/${p.id}`)).status).toBe(403);
    expect((await seller.post('/product-groups', { name: 'Mine' })).status).toBe(403);
    expect((await seller.post('/exchange-rates', { date: '2026-01-01', currency: 'EUR', rate: 90 })).status).toBe(403);
    const { client: head } = await userClient(v, 'head_of_sales');
    const made = await head.post('/products', { name: 'By head' });
    expect(made.status).toBe(201);
    expect((await head.delete(`/products/${made.body.id}`)).status).toBe(204);
    const { client: marketer } = await userClient(v, 'marketer');
    expect((await marketer.get('/products')).status).toBe(200);
  });
});
