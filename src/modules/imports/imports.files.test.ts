import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { runImport, upload, waitFor } from './imports.helpers.js';
import { companyHeader, companyRow, csvLine, innOf } from './testdata.js';

/** Windows-1251 bytes of text (TextEncoder writes only UTF-8). */
function cp1251(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : table.get(ch)!)));
}

const countByInn = async (v: TestVoronka, inns: string[]) =>
  Number((await v.ctx.database.db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).where('inn', 'in', inns).executeTakeFirstOrThrow()).n);

describe.each(engines())('import files (%s)', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
  });
  afterAll(() => v.destroy());

  it.each([
    ['utf-8 with BOM, ";"', (t: string) => new TextEncoder().encode(`\uFEFF${t}`), ';', 100],
    ['windows-1251, ";"', cp1251, ';', 200],
    ['utf-8, ","', (t: string) => new TextEncoder().encode(t), ',', 300],
    ['utf-8, tab', (t: string) => new TextEncoder().encode(t), '\t', 400],
    ['utf-8, "|"', (t: string) => new TextEncoder().encode(t), '|', 500],
  ])('reads %s with quoted fields and line breaks inside quotes', async (_name, encode, delimiter, base) => {
    const line = (cells: string[]) => `${cells.map((c) => (/["\r\n,;|\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter)}\r\n`;
    const rows = [0, 1, 2].map((i) => companyRow(base + i));
    rows[1]![7] = 'first line\r\nsecond; line, "quoted"';
    const job = await runImport(admin, encode([companyHeader, ...rows].map(line).join('')), { key: 'inn', mode: 'upsert' });
    expect(job).toMatchObject({ status: 'done', created: 3, rowsErrors: 0 });
    const c = (await admin.get(`/companies?q=${innOf(base + 1)}`)).body.items[0];
    expect(c.name).toBe(`ООО "Компания ${base + 1}"`);
    expect(c.notes).toBe('first line\r\nsecond; line, "quoted"');
  });

  it('refuses empty, binary and malformed files with a clear error', async () => {
    const empty = await upload(admin, '');
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('import.file_empty');
    const binary = await upload(admin, Uint8Array.from([0, 1, 2, 3, 0, 0, 7]), 'x.csv');
    expect(binary.body.error.code).toBe('import.file_unreadable');
    const xls = await upload(admin, Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'old.xls');
    expect(xls.body.error.code).toBe('import.xls_unsupported');
    const zip = await upload(admin, 'PK\x03\x04 broken', 'broken.xlsx');
    expect(zip.status).toBe(422);
    expect(zip.body.error.code).toBe('import.file_unreadable');
    const unclosed = await upload(admin, `${csvLine(companyHeader)}"ООО Ромашка;${innOf(1)}\r\n`);
    expect(unclosed.status).toBe(422);
    expect(unclosed.body.error).toMatchObject({ code: 'import.csv_unclosed_quote' });
    expect(unclosed.body.error.message).toContain('Row 2');
    const headerOnly = await upload(admin, csvLine(companyHeader));
    expect(headerOnly.status).toBe(201);
    const start = await admin.post('/imports', { uploadId: headerOnly.body.id, entity: 'company', mapping: [{ column: 'Наименование', field: 'name' }] });
    expect(start.status).toBe(422);
    expect(start.body.error.details.fields).toContainEqual(expect.objectContaining({ field: 'uploadId', code: 'import.no_rows' }));
  });

  it('checks the mapping, key and mode before starting', async () => {
    const up = await upload(admin, `${csvLine(companyHeader)}${csvLine(companyRow(1))}`);
    const bad = await admin.post('/imports', {
      uploadId: up.body.id,
      entity: 'company',
      mapping: [
        { column: 'Нет такой', field: 'name' },
        { column: 'ИНН', field: 'nonsense' },
        { column: 'КПП', field: 'inn' },
        { column: 'Город', field: 'inn' },
      ],
      key: 'sku',
      mode: 'upsert',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual([
      'mapping.0.column:import.column_unknown',
      'mapping.1.field:import.field_unknown',
      'mapping.3.field:import.field_twice',
      'key:import.key_unsupported',
      'mapping:import.required_unmapped',
    ]);
  });

  it('imports 10,000 rows and reports exactly the 100 bad ones', async () => {
    const bad = new Set(Array.from({ length: 100 }, (_, i) => i * 97 + 13));
    let text = csvLine(companyHeader);
    for (let i = 0; i < 10_000; i++) text += csvLine(companyRow(10_000 + i, bad.has(i)));
    const job = await runImport(admin, text, { key: 'inn', mode: 'upsert' });
    expect(job).toMatchObject({ status: 'done', rowsTotal: 10_000, rowsDone: 10_000, rowsErrors: 100, created: 9_900, checkpoint: 10_001 });
    const rows: number[] = [];
    let cursor = '';
    do {
      const page = await admin.get(`/imports/${job.id}/errors?limit=40${cursor ? `&cursor=${cursor}` : ''}`);
      rows.push(...page.body.items.map((e: { row: number; code: string }) => (expect(e.code).toBe('company.inn_invalid'), e.row)));
      cursor = page.body.nextCursor ?? '';
    } while (cursor);
    expect(rows).toEqual([...bad].map((i) => i + 2));
    expect(await countByInn(v, [innOf(10_000), innOf(19_999)])).toBe(2);
  });

  it('imports the first sheet of an .xlsx workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Компании');
    ws.addRow(['Наименование', 'ИНН', 'Телефон']);
    ws.addRow(['ООО "Эксель"', Number(innOf(900)), '+7 495 111-22-33']);
    ws.addRow(['ООО "Эксель 2"', innOf(901), null]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const up = await upload(admin, bytes, 'companies.xlsx');
    expect(up.body).toMatchObject({ format: 'xlsx', headers: ['Наименование', 'ИНН', 'Телефон'] });
    const job = await runImport(admin, bytes, { key: 'inn', mode: 'upsert' });
    expect(job).toMatchObject({ status: 'done', created: 2, rowsTotal: 2, rowsErrors: 0 });
    const c = (await admin.get(`/companies?q=${innOf(900)}`)).body.items[0];
    expect(c.phones[0].e164).toBe('+74951112233');
  });

  it('a cancelled import stops after a batch and keeps whole batches only', async () => {
    let text = csvLine(companyHeader);
    for (let i = 0; i < 20_000; i++) text += csvLine(companyRow(50_000 + i));
    const up = await upload(admin, text);
    const mapping = (await admin.get(`/imports/uploads/${up.body.id}/suggest?entity=company`)).body.mapping;
    const started = await admin.post('/imports', { uploadId: up.body.id, entity: 'company', mapping, key: 'inn', mode: 'upsert' });
    await waitFor(admin, started.body.id, (j) => j.rowsDone > 0);
    const cancel = await admin.post(`/imports/${started.body.id}/cancel`);
    expect(cancel.status).toBe(200);
    const job = await waitFor(admin, started.body.id);
    expect(job.status).toBe('cancelled');
    expect(job.rowsDone % 1000).toBe(0);
    expect(job.rowsDone).toBeLessThan(20_000);
    expect(job.created).toBe(job.rowsDone);
    const tagged = await v.ctx.database.db.selectFrom('import_rows').select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', job.id).executeTakeFirstOrThrow();
    expect(Number(tagged.n)).toBe(job.created);
    expect(job.checkpoint).toBe(job.rowsDone + 1);
  });
});

describe.each(engines())('import access (%s)', (engine) => {
  let v: TestVoronka;

  beforeAll(async () => {
    v = await startTestApp(engine);
  });
  afterAll(() => v.destroy());

  it('a sales manager imports as owner, may not give records to others nor update theirs; others do not see the job', async () => {
    const admin = await userClient(v, 'admin');
    const manager = await userClient(v, 'sales_manager');
    const other = await userClient(v, 'sales_manager');
    await runImport(admin.client, `${csvLine([...companyHeader, 'Ответственный'])}${csvLine([...companyRow(1), admin.email])}`, { key: 'inn', mode: 'upsert' });
    const file = `${csvLine([...companyHeader, 'Ответственный'])}${csvLine([...companyRow(1), ''])}${csvLine([...companyRow(2), admin.email])}${csvLine([...companyRow(3), ''])}`;
    const job = await runImport(manager.client, file, { key: 'inn', mode: 'upsert' });
    expect(job).toMatchObject({ created: 1, rowsErrors: 2 });
    const errors = (await manager.client.get(`/imports/${job.id}/errors`)).body.items.map((e: { row: number; code: string }) => [e.row, e.code]);
    expect(errors).toEqual([
      [2, 'import.record_forbidden'],
      [3, 'import.owner_forbidden'],
    ]);
    const mine = (await manager.client.get(`/companies?q=${innOf(3)}`)).body.items[0];
    expect(mine.ownerId).toBe(manager.id);
    expect((await other.client.get(`/imports/${job.id}`)).status).toBe(404);
    expect((await admin.client.get(`/imports/${job.id}`)).status).toBe(200);
    const marketer = await userClient(v, 'marketer');
    const up = await upload(marketer.client, file);
    const update = await marketer.client.post('/imports', { uploadId: up.body.id, entity: 'company', mapping: [{ column: 'Наименование', field: 'name' }, { column: 'ИНН', field: 'inn' }], key: 'inn', mode: 'update' });
    expect(update.status).toBe(403);
  });
});
