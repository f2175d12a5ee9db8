import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';

const issues = (res: { body: any }) => res.body.error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);

describe.each(engines())('catalog reference data on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  const auditOf = (entity: string, id: string) =>
    v.ctx.database.db.selectFrom('audit_log').select(['action', 'field', 'old_value', 'new_value']).where('entity', '=', entity).where('entity_id', '=', id).orderBy('id').execute();
  const group = async (name: string, parentId?: string) => {
    const res = await admin.post('/product-groups', { name, ...(parentId && { parentId }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
  });
  afterAll(() => v.destroy());

  it('builds a group tree: unique names among siblings, no cycles, only empty groups are deleted', async () => {
    const root = await group('Банковские услуги');
    const child = await group('Счета', root);
    const leaf = await group('Валютные', child);
    expect(await group('Счета')).toBeTruthy();
    const taken = await admin.post('/product-groups', { name: 'Счета', parentId: root });
    expect(taken.status).toBe(409);
    expect(issues(taken)).toEqual(['name:product_group.name_taken']);
    for (const parentId of [root, leaf]) {
      const res = await admin.patch(`/product-groups/${root}`, { parentId });
      expect(res.status).toBe(422);
      expect(issues(res)).toEqual(['parentId:product_group.cycle']);
    }
    expect(issues(await admin.post('/product-groups', { name: 'X', parentId: '01890000-0000-7000-8000-000000000000' }))).toEqual(['parentId:product_group.parent_unknown']);
    const moved = await admin.patch(`/product-groups/${leaf}`, { parentId: root, name: 'Валюта', sort: 5 });
    expect(moved.body).toMatchObject({ parentId: root, name: 'Валюта', sort: 5, productCount: 0 });

    await admin.post('/products', { name: 'Счёт в юанях', groupId: leaf });
    const notEmpty = await admin.delete(`/product-groups/${leaf}`);
    expect(notEmpty.status).toBe(409);
    expect(notEmpty.body.error).toMatchObject({ code: 'product_group.not_empty', details: { childCount: 0, productCount: 1 } });
    expect((await admin.delete(`/product-groups/${root}`)).body.error.details).toMatchObject({ childCount: 2 });
    expect((await admin.delete(`/product-groups/${child}`)).status).toBe(204);
    const list = (await admin.get('/product-groups')).body.items;
    expect(list.find((g: any) => g.id === leaf)).toMatchObject({ productCount: 1, parentId: root });
    expect(list.some((g: any) => g.id === child)).toBe(false);
    expect((await auditOf('product_group', leaf)).map((r) => `${r.action}:${r.field}`)).toEqual(
      expect.arrayContaining(['create:name', 'create:parentId', 'update:name', 'update:parentId', 'update:sort']),
    );
    expect((await auditOf('product_group', child)).at(-1)?.action).toBe('delete');
  });

  it('ships OKEI units and lets admins manage them; a unit in use cannot be deleted', async () => {
    const units = (await admin.get('/units')).body.items;
    expect(units.find((u: any) => u.okei === '796')).toMatchObject({ key: 'pcs', names: { en: 'piece', ru: 'штука', bg: 'брой' }, shorts: { ru: 'шт' } });
    expect(units.map((u: any) => u.okei)).toEqual(expect.arrayContaining(['876', '356', '166', '006', '839', '362']));
    const made = await admin.post('/units', { key: 'ton', okei: '168', names: { ru: 'тонна', en: '' }, shorts: { ru: 'т' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ key: 'ton', okei: '168', names: { ru: 'тонна' }, productCount: 0 });
    expect((await admin.post('/units', { key: 'ton', names: { en: 'ton' }, shorts: { en: 't' } })).body.error.code).toBe('unit.key_taken');
    expect(issues(await admin.post('/units', { key: 'Bad Key', okei: '12', names: { en: '' }, shorts: {} }))).toEqual(
      expect.arrayContaining(['key:validation.invalid_format', 'okei:validation.invalid_format', 'names:unit.name_required', 'shorts:unit.name_required']),
    );
    const renamed = await admin.patch(`/units/${made.body.id}`, { names: { ru: 'тонна', en: 'tonne' } });
    expect(renamed.body.names).toEqual({ ru: 'тонна', en: 'tonne' });
    await admin.post('/products', { name: 'Уголь', unitId: made.body.id });
    const inUse = await admin.delete(`/units/${made.body.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toMatchObject({ code: 'unit.in_use', details: { productCount: 1 } });
    const spare = await admin.post('/units', { key: 'spare', names: { en: 'spare' }, shorts: { en: 'sp' } });
    expect((await admin.delete(`/units/${spare.body.id}`)).status).toBe(204);
    expect((await auditOf('unit', spare.body.id)).map((r) => r.action)).toContain('delete');
  });

  it('keeps exactly one default price type; deleting a price type deletes its prices', async () => {
    const [retail] = (await admin.get('/price-types')).body.items;
    expect(retail).toMatchObject({ key: 'retail', currency: 'RUB', isDefault: true });
    const wholesale = await admin.post('/price-types', { key: 'wholesale', name: 'Опт', currency: 'rub', isDefault: true });
    expect(wholesale.body).toMatchObject({ currency: 'RUB', isDefault: true });
    const types = (await admin.get('/price-types')).body.items;
    expect(types.filter((t: any) => t.isDefault).map((t: any) => t.key)).toEqual(['wholesale']);
    expect((await admin.patch(`/price-types/${wholesale.body.id}`, { isDefault: false })).body.error.code).toBe('price_type.default_required');
    expect((await admin.delete(`/price-types/${wholesale.body.id}`)).body.error.code).toBe('price_type.default_required');
    expect((await admin.patch(`/price-types/${retail.id}`, { isDefault: true })).body.isDefault).toBe(true);
    expect(issues(await admin.post('/price-types', { key: 'retail', name: 'R', currency: 'RUB' }))).toEqual(['key:price_type.key_taken']);
    expect(issues(await admin.post('/price-types', { key: 'x', name: 'X', currency: 'RUR' }))).toEqual(['currency:currency.invalid']);
    const p = (await admin.post('/products', { name: 'Opt', prices: [{ priceTypeId: retail.id, amount: 100 }, { priceTypeId: wholesale.body.id, amount: 80 }] })).body;
    expect((await admin.delete(`/price-types/${wholesale.body.id}`)).status).toBe(204);
    expect((await admin.get(`/products/${p.id}`)).body.prices).toEqual([{ priceTypeId: retail.id, amount: 100, currency: 'RUB' }]);
    expect(await auditOf('price_type', wholesale.body.id)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'delete', field: 'prices', old_value: '1' })]));
  });

  it('keeps dated exchange rates: one per currency and date, never for the base currency', async () => {
    const rate = async (date: string, currency: string, value: number) => (await admin.post('/exchange-rates', { date, currency, rate: value })).body;
    const jan = await rate('2026-01-01', 'EUR', 91.25);
    await rate('2026-02-01', 'EUR', 95.123456);
    await rate('2026-01-01', 'BGN', 46.6);
    expect(jan).toMatchObject({ date: '2026-01-01', currency: 'EUR', rate: 91.25 });
    const dup = await admin.post('/exchange-rates', { date: '2026-01-01', currency: 'EUR', rate: 1 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('exchange_rate.duplicate');
    expect(issues(await admin.post('/exchange-rates', { date: '2026-01-02', currency: 'RUB', rate: 1 }))).toEqual(['currency:exchange_rate.base_currency']);
    expect(issues(await admin.post('/exchange-rates', { date: '2026-02-30', currency: 'EUR', rate: 1.1234567 }))).toEqual(['date:validation.date', 'rate:exchange_rate.precision']);
    expect(issues(await admin.post('/exchange-rates', { date: '2026-03-01', currency: 'EUR', rate: 0 }))).toEqual(['rate:exchange_rate.rate_invalid']);

    const list = (await admin.get('/exchange-rates')).body;
    expect(list.baseCurrency).toBe('RUB');
    expect(list.items.map((r: any) => `${r.date} ${r.currency} ${r.rate}`)).toEqual(['2026-02-01 EUR 95.123456', expect.stringMatching(/^2026-01-01/), expect.stringMatching(/^2026-01-01/)]);
    const page1 = (await admin.get('/exchange-rates?currency=EUR&limit=1')).body;
    expect(page1.items).toHaveLength(1);
    const page2 = (await admin.get(`/exchange-rates?currency=EUR&limit=1&cursor=${page1.nextCursor}`)).body;
    expect(page2).toMatchObject({ items: [{ id: jan.id }], nextCursor: null });
    expect((await admin.get('/exchange-rates?from=2026-01-15&to=2026-12-31')).body.items).toHaveLength(1);

    const moved = await admin.patch(`/exchange-rates/${jan.id}`, { rate: 92 });
    expect(moved.body.rate).toBe(92);
    expect((await admin.patch(`/exchange-rates/${jan.id}`, { date: '2026-02-01' })).status).toBe(409);
    expect((await auditOf('exchange_rate', jan.id)).map((r) => `${r.action}:${r.field}:${r.new_value ?? ''}`)).toContain('update:rate:92');

    const locked = await admin.patch('/catalog/settings', { baseCurrency: 'EUR' });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('catalog.base_currency_locked');
    for (const r of (await admin.get('/exchange-rates')).body.items) expect((await admin.delete(`/exchange-rates/${r.id}`)).status).toBe(204);
    expect((await admin.patch('/catalog/settings', { baseCurrency: 'eur' })).body).toEqual({ baseCurrency: 'EUR' });
    expect((await admin.get('/catalog/settings')).body).toEqual({ baseCurrency: 'EUR' });
    const { client: head } = await userClient(v, 'head_of_sales');
    expect((await head.patch('/catalog/settings', { baseCurrency: 'RUB' })).status).toBe(403);
    expect((await head.post('/exchange-rates', { date: '2026-01-01', currency: 'RUB', rate: 0.0105 })).status).toBe(201);
  });
});
