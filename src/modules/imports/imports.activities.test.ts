import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { setTimeZone } from '../../../test/activities.js';
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
    const user = await userClient(v, 'admin');
    admin = user.client;
    await setTimeZone(v, user.id, 'Europe/Moscow');
    companyId = (await admin.post('/companies', { name: 'ООО История', inn: innOf(8) })).body.id;
  });
  afterAll(() => v.destroy());

  it('logs past calls and meetings on the company timeline; undo deletes them', async () => {
    const job = await runImport(
      admin,
      file([
        ['Звонок', innOf(8), 'Первый звонок', '15.01.2026 10:30', 'Интересуются'],
        ['Встреча', innOf(8), 'Презентация', '2026-02-01', 'Договорились о КП'],
        ['Письмо', innOf(8), 'Отправили прайс', '2026-02-03T09:00:00Z', ''],
        ['Звонок', innOf(8), 'Без времени', '31.02.2026', ''],
        ['Телепатия', innOf(8), 'Странное', '2026-02-02', ''],
      ]),
      { entity: 'activity' },
    );
    expect(job).toMatchObject({ status: 'done', created: 3, rowsErrors: 2 });
    const errors = (await admin.get(`/imports/${job.id}/errors`)).body.items;
    expect(errors).toEqual([expect.objectContaining({ row: 5, column: 'Когда выполнено' }), expect.objectContaining({ row: 6, column: 'Тип' })]);
    const list = (await admin.get(`/activities?companyId=${companyId}`)).body.items;
    expect(list.map((a: { subject: string }) => a.subject).sort()).toEqual(['Отправили прайс', 'Первый звонок', 'Презентация']);
    // Times without an offset are the owner's wall clock (Moscow, UTC+3); a date alone is noon; an ISO time with Z is kept.
    const bySubject = (s: string) => list.find((a: { subject: string }) => a.subject === s);
    expect(bySubject('Первый звонок')).toMatchObject({ type: 'call', status: 'done', doneAt: '2026-01-15T07:30:00.000Z', result: 'Интересуются' });
    expect(bySubject('Презентация')).toMatchObject({ doneAt: '2026-02-01T09:00:00.000Z' });
    expect(bySubject('Отправили прайс')).toMatchObject({ type: 'letter', doneAt: '2026-02-03T09:00:00.000Z' });
    await admin.post(`/imports/${job.id}/undo`);
    expect(await waitFor(admin, job.id)).toMatchObject({ status: 'undone', reverted: 3 });
    expect((await admin.get(`/activities?companyId=${companyId}`)).body.items).toHaveLength(0);
  });
});
