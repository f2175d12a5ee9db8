import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { runImport, waitFor } from './imports.helpers.js';
import { csvLine } from './testdata.js';

const header = ['Артикул', 'Наименование', 'Группа', 'Ед. изм.', 'Цена', 'НДС'];
const file = (rows: string[][]) => [header, ...rows].map((r) => csvLine(r)).join('');

describe.each(engines())('imports of products (%s)', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
  });
  afterAll(() => v.destroy());

  it('creates products with groups from a path, units and the default price; upserts by SKU; undoes', async () => {
    const first = await runImport(
      admin,
      file([
        ['A-1', 'Ноутбук', 'Техника / Компьютеры', 'шт', '85 000,50', '22'],
        ['A-2', 'Мышь', 'Техника / Компьютеры / Периферия', 'шт', '990', '22'],
        ['A-3', 'Кабель', 'Техника', 'парсек', '10', '22'],
        ['A-4', 'Монитор', 'Техника', 'шт', 'дорого', '22'],
      ]),
      { entity: 'product', key: 'sku', mode: 'upsert' },
    );
    expect(first).toMatchObject({ status: 'done', created: 2, rowsErrors: 2 });
    const errors = (await admin.get(`/imports/${first.id}/errors`)).body.items.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]);
    expect(errors).toEqual([
      [4, 'Ед. изм.', 'import.unit_unknown'],
      [5, 'Цена', 'validation.invalid_type'],
    ]);
    const groups = (await admin.get('/product-groups')).body;
    const names = (Array.isArray(groups) ? groups : groups.items).map((g: { name: string }) => g.name).sort();
    expect(names).toEqual(['Компьютеры', 'Периферия', 'Техника']);
    const laptop = (await admin.get('/products?q=A-1')).body.items[0];
    expect(laptop).toMatchObject({ name: 'Ноутбук', sku: 'A-1', vatRate: 22 });
    expect(laptop.prices[0].amount).toBe(8_500_050);

    const again = await runImport(admin, file([['A-1', 'Ноутбук', 'Техника / Компьютеры', 'шт', '85 000,50', '22'], ['A-2', 'Мышь беспроводная', '', '', '', '']]), { entity: 'product', key: 'sku', mode: 'upsert' });
    expect(again).toMatchObject({ created: 0, unchanged: 1, updated: 1, rowsErrors: 0 });
    expect((await admin.get('/products?q=A-2')).body.items[0].name).toBe('Мышь беспроводная');

    await admin.post(`/imports/${again.id}/undo`);
    expect(await waitFor(admin, again.id)).toMatchObject({ status: 'undone', reverted: 1 });
    expect((await admin.get('/products?q=A-2')).body.items[0].name).toBe('Мышь');
    await admin.post(`/imports/${first.id}/undo`);
    expect(await waitFor(admin, first.id)).toMatchObject({ status: 'undone', reverted: 1, kept: 1 });
    expect((await admin.get('/products?q=A-1')).body.items).toHaveLength(0);
  });
});
