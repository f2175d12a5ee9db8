import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { runImport, upload, waitFor } from './imports.helpers.js';
import { companyHeader, companyRow, csvLine, innOf } from './testdata.js';

const csv = (rows: string[][], delimiter = ';') => [companyHeader, ...rows].map((r) => csvLine(r, delimiter)).join('');

describe.each(engines())('imports of companies (%s)', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
  });
  afterAll(() => v.destroy());

  it('uploads a file and previews it with the detected shape and a suggested mapping', async () => {
    const res = await upload(admin, csv([companyRow(1), companyRow(2)]));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', headers: companyHeader });
    expect(res.body.rows[0]).toEqual(companyRow(1));
    const s = await admin.get(`/imports/uploads/${res.body.id}/suggest?entity=company`);
    expect(s.body.mapping).toEqual([
      { column: 'Наименование', field: 'name' },
      { column: 'ИНН', field: 'inn' },
      { column: 'КПП', field: 'kpp' },
      { column: 'Телефон', field: 'phones' },
      { column: 'E-mail', field: 'emails' },
      { column: 'Город', field: 'city' },
      { column: 'Теги', field: 'tags' },
      { column: 'Примечание', field: 'notes' },
    ]);
  });

  it('imports companies like the API creates them (normalised phones, search, tags, audit)', async () => {
    const job = await runImport(admin, csv([companyRow(10), companyRow(11)]), { key: 'inn', mode: 'upsert' });
    expect(job).toMatchObject({ status: 'done', rowsTotal: 2, rowsDone: 2, rowsErrors: 0, created: 2, updated: 0, checkpoint: 3 });
    const list = await admin.get(`/companies?q=${innOf(10)}`);
    expect(list.body.items).toHaveLength(1);
    const c = list.body.items[0];
    expect(c).toMatchObject({ name: 'ООО "Компания 10"', inn: innOf(10), city: 'Казань', tags: ['import', 'vip'].filter((t) => t !== 'vip' || 10 % 3 === 0) });
    expect(c.phones[0].e164).toMatch(/^\+7495\d{7}$/);
    expect(c.emails).toEqual([{ kind: 'work', email: 'info10@example.com' }]);
    const history = await admin.get(`/companies/${c.id}/history`);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual(['create']);
  });

  it('reports bad rows with row number, column and code, and imports the rest', async () => {
    const rows = [companyRow(20), companyRow(21, true), ['', innOf(22)], companyRow(23)];
    rows[3]![3] = 'not a phone';
    const job = await runImport(admin, csv(rows), { key: 'inn', mode: 'upsert' });
    expect(job).toMatchObject({ status: 'done', rowsDone: 4, rowsErrors: 3, created: 1 });
    const errors = await admin.get(`/imports/${job.id}/errors`);
    expect(errors.body.items.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, 'ИНН', 'company.inn_invalid'],
      [4, 'Наименование', 'validation.required'],
      [5, 'Телефон', 'company.phone_invalid'],
    ]);
    const file = await admin.get(`/imports/${job.id}/errors.csv`);
    expect(file.headers.get('content-type')).toContain('text/csv');
    expect(String(file.body).split('\r\n')[1]).toBe('3;ИНН;inn;company.inn_invalid;has a wrong check digit');
  });

  it('upserts idempotently: the same file twice creates nothing the second time', async () => {
    const file = csv([30, 31, 32].map((n) => companyRow(n)));
    const first = await runImport(admin, file, { key: 'inn', mode: 'upsert' });
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const second = await runImport(admin, file, { key: 'inn', mode: 'upsert' });
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 3, rowsErrors: 0 });
    const count = await v.ctx.database.db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).where('inn', 'in', [innOf(30), innOf(31), innOf(32)]).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });

  it('dry run validates without writing', async () => {
    const job = await runImport(admin, csv([companyRow(40), companyRow(41, true)]), { key: 'inn', mode: 'upsert', dryRun: true });
    expect(job).toMatchObject({ status: 'done', dryRun: true, created: 1, rowsErrors: 1 });
    const list = await admin.get(`/companies?q=${innOf(40)}`);
    expect(list.body.items).toHaveLength(0);
  });

  it('undo deletes created companies and restores updated ones', async () => {
    const base = await runImport(admin, csv([companyRow(50)]), { key: 'inn', mode: 'create' });
    expect(base.created).toBe(1);
    const changed = companyRow(50);
    changed[7] = 'new notes';
    const job = await runImport(admin, csv([changed, companyRow(51)]), { key: 'inn', mode: 'upsert' });
    expect(job).toMatchObject({ created: 1, updated: 1 });
    const undo = await admin.post(`/imports/${job.id}/undo`);
    expect(undo.status).toBe(202);
    const undone = await waitFor(admin, job.id);
    expect(undone).toMatchObject({ status: 'undone', reverted: 2, kept: 0 });
    expect((await admin.get(`/companies?q=${innOf(51)}`)).body.items).toHaveLength(0);
    const restored = (await admin.get(`/companies?q=${innOf(50)}`)).body.items[0];
    expect(restored.notes).toBe(companyRow(50)[7]);
  });
});
