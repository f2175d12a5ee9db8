import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { runImport, waitFor } from './imports.helpers.js';
import { csvLine, innOf } from './testdata.js';

const header = ['Код', 'Сделка', 'ИНН', 'Этап', 'Сумма', 'Валюта', 'Дата закрытия'];
const file = (rows: string[][]) => [header, ...rows].map((r) => csvLine(r)).join('');

describe.each(engines())('imports of deals (%s)', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let stage: { id: string; name: string };

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    await admin.post('/companies', { name: 'ООО Сделочная', inn: innOf(5) });
    const pipelines = (await admin.get('/pipelines')).body;
    const list = Array.isArray(pipelines) ? pipelines : pipelines.items;
    const def = list.find((p: { isDefault: boolean }) => p.isDefault);
    stage = def.stages[1];
  });
  afterAll(() => v.destroy());

  it('creates deals for companies by INN in a stage by name, updates them by external id, undoes', async () => {
    const first = await runImport(
      admin,
      file([
        ['d-1', 'Поставка серверов', innOf(5), stage.name, '1 500 000', 'RUB', '31.12.2026'],
        ['d-2', 'Без компании', innOf(6), '', '', '', ''],
        ['d-3', 'Неизвестный этап', innOf(5), 'Нет такого', '', '', ''],
      ]),
      { entity: 'deal', key: 'externalId', mode: 'upsert' },
    );
    expect(first).toMatchObject({ status: 'done', created: 1, rowsErrors: 2 });
    const errors = (await admin.get(`/imports/${first.id}/errors`)).body.items.map((e: { row: number; code: string }) => [e.row, e.code]);
    expect(errors).toEqual([
      [3, 'import.company_not_found'],
      [4, 'import.stage_unknown'],
    ]);
    const deal = (await admin.get('/deals?q=серверов')).body.items[0];
    expect(deal).toMatchObject({ title: 'Поставка серверов', stageId: stage.id, amount: 150_000_000, currency: 'RUB', expectedCloseDate: '2026-12-31', companyName: 'ООО Сделочная' });

    const again = await runImport(admin, file([['d-1', 'Поставка серверов и СХД', innOf(5), '', '', '', '']]), { entity: 'deal', key: 'externalId', mode: 'upsert' });
    expect(again).toMatchObject({ created: 0, updated: 1, rowsErrors: 0 });
    expect((await admin.get(`/deals/${deal.id}`)).body.title).toBe('Поставка серверов и СХД');
    await admin.post(`/imports/${again.id}/undo`);
    expect(await waitFor(admin, again.id)).toMatchObject({ status: 'undone', reverted: 1 });
    expect((await admin.get(`/deals/${deal.id}`)).body.title).toBe('Поставка серверов');
  });
});
