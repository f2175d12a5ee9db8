import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { runImport, waitFor } from './imports.helpers.js';
import { csvLine, innOf } from './testdata.js';

const header = ['ФИО', 'Должность', 'Телефон', 'Email', 'ИНН', 'Код'];
const file = (rows: string[][]) => [header, ...rows].map((r) => csvLine(r)).join('');

describe.each(engines())('imports of contacts (%s)', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let companyId: string;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    companyId = (await admin.post('/companies', { name: 'ООО Контактная', inn: innOf(1) })).body.id;
  });
  afterAll(() => v.destroy());

  it('creates contacts linked to their company by INN, splits full names, reports unknown companies', async () => {
    const job = await runImport(
      admin,
      file([
        ['Иванов Иван Иванович', 'Директор', '+7 495 123-45-67', 'ivanov@example.com', innOf(1), 'c-1'],
        ['Петрова Анна', '', '8 (916) 000-11-22', 'petrova@example.com', '', 'c-2'],
        ['Сидоров', '', '', 'sidorov@example.com', innOf(99), 'c-3'],
      ]),
      { entity: 'contact', key: 'email', mode: 'upsert' },
    );
    expect(job).toMatchObject({ status: 'done', created: 2, rowsErrors: 1 });
    const errors = (await admin.get(`/imports/${job.id}/errors`)).body.items;
    expect(errors).toEqual([expect.objectContaining({ row: 4, column: 'ИНН', code: 'import.company_not_found' })]);
    const ivanov = (await admin.get('/contacts?q=ivanov@example.com')).body.items[0];
    expect(ivanov).toMatchObject({ lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович', fullName: 'Иванов Иван Иванович', position: 'Директор' });
    expect(ivanov.phones[0].e164).toBe('+74951234567');
    expect(ivanov.companies).toEqual([expect.objectContaining({ id: companyId, name: 'ООО Контактная' })]);
    const petrova = (await admin.get('/contacts?q=89160001122')).body.items[0];
    expect(petrova).toMatchObject({ lastName: 'Петрова', firstName: 'Анна' });
  });

  it('upserts by external id idempotently; undo restores an updated contact and keeps one changed since', async () => {
    const rows = [['Козлов Пётр', 'Менеджер', '', 'kozlov@example.com', innOf(1), 'ext-7']];
    const first = await runImport(admin, file(rows), { entity: 'contact', key: 'externalId', mode: 'upsert' });
    expect(first.created).toBe(1);
    const again = await runImport(admin, file(rows), { entity: 'contact', key: 'externalId', mode: 'upsert' });
    expect(again).toMatchObject({ created: 0, unchanged: 1 });
    const changed = await runImport(admin, file([['Козлов Пётр', 'Директор', '+7 495 765-43-21', '', '', 'ext-7']]), { entity: 'contact', key: 'externalId', mode: 'update' });
    expect(changed).toMatchObject({ updated: 1 });
    let kozlov = (await admin.get('/contacts?q=kozlov@example.com')).body.items[0];
    expect(kozlov.position).toBe('Директор');
    expect(kozlov.phones).toHaveLength(1);
    await admin.post(`/imports/${changed.id}/undo`);
    expect(await waitFor(admin, changed.id)).toMatchObject({ status: 'undone', reverted: 1 });
    kozlov = (await admin.get('/contacts?q=kozlov@example.com')).body.items[0];
    expect(kozlov.position).toBe('Менеджер');
    expect(kozlov.phones).toHaveLength(0);
    // The contact changed after the first import (the update and its undo): undoing the first keeps it.
    await admin.post(`/imports/${first.id}/undo`);
    expect(await waitFor(admin, first.id)).toMatchObject({ status: 'undone', reverted: 0, kept: 1 });
    expect((await admin.get('/contacts?q=kozlov@example.com')).body.items).toHaveLength(1);
  });
});
