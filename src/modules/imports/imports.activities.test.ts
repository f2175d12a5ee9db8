import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { runImport, waitFor } from './imports.helpers.js';
import { csvLine, innOf } from './testdata.js';

const header = ['Тип', 'ИНН', 'Тема', 'Когда выполнено', 'Результат'];
const file = (rows: string[][]) => [header, ...rows].map((r) => csvLine(r)).join('');

describe.each(engines())('imports of activities (%s)', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let companyId: string;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    companyId = (await admin.post('/companies', { name: 'ООО История', inn: innOf(8) })).body.id;
  });
  afterAll(() => v.destroy());

  it('logs past calls and meetings on the company timeline; undo deletes them', async () => {
    const job = await runImport(
      admin,
      file([
        ['Звонок', innOf(8), 'Первый звонок', '15.01.2026 10:30', 'Интересуются'],
        ['Встреча', innOf(8), 'Презентация', '2026-02-01', 'Договорились о КП'],
        ['Телепатия', innOf(8), 'Странное', '2026-02-02', ''],
      ]),
      { entity: 'activity' },
    );
    expect(job).toMatchObject({ status: 'done', created: 2, rowsErrors: 1 });
    const errors = (await admin.get(`/imports/${job.id}/errors`)).body.items;
    expect(errors).toEqual([expect.objectContaining({ row: 4, column: 'Тип' })]);
    const list = (await admin.get(`/activities?companyId=${companyId}`)).body.items;
    expect(list.map((a: { subject: string }) => a.subject).sort()).toEqual(['Первый звонок', 'Презентация']);
    const call = list.find((a: { type: string }) => a.type === 'call');
    expect(call).toMatchObject({ status: 'done', doneAt: '2026-01-15T10:30:00.000Z', result: 'Интересуются' });
    await admin.post(`/imports/${job.id}/undo`);
    expect(await waitFor(admin, job.id)).toMatchObject({ status: 'undone', reverted: 2 });
    expect((await admin.get(`/activities?companyId=${companyId}`)).body.items).toHaveLength(0);
  });
});
