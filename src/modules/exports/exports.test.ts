import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';

/** The raw bytes of a download (the test client would decode them as text). */
async function download(v: TestVoronka, client: TestClient, path: string) {
  const res = await v.app.request(`/api/v1${path}`, { headers: { cookie: client.cookie! } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function sheetRows(bytes: Uint8Array): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

const csvLines = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').trim().split('\r\n');

describe.each(engines())('list exports (%s)', (engine) => {
  let v: TestVoronka;
  let admin: Awaited<ReturnType<typeof userClient>>;
  let anna: Awaited<ReturnType<typeof userClient>>;
  let boris: Awaited<ReturnType<typeof userClient>>;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = await userClient(v, 'admin');
    anna = await userClient(v, 'sales_manager');
    boris = await userClient(v, 'sales_manager');
    for (const [name, owner] of [
      ['Экспорт Анны 1', anna.id],
      ['Экспорт Анны 2', anna.id],
      ['Экспорт Бориса', boris.id],
    ] as const) {
      const res = await admin.client.post('/companies', { name, ownerId: owner, tags: ['exp'], confirmDuplicate: true });
      expect(res.status).toBe(201);
      const deal = await admin.client.post('/deals', { title: `Сделка ${name}`, companyId: res.body.id, ownerId: owner });
      expect(deal.status, JSON.stringify(deal.body)).toBe(201);
    }
  });
  afterAll(() => v.destroy());

  it('exports the filtered companies as XLSX with the chosen columns in order', async () => {
    const res = await download(v, admin.client, '/companies/export?format=xlsx&tag=exp&sort=name&columns=name,ownerName,tags');
    expect(res.status).toBe(200);
    expect(res.type).toContain('spreadsheetml');
    expect(await sheetRows(res.bytes)).toEqual([
      ['name', 'ownerName', 'tags'],
      ['Экспорт Анны 1', expect.any(String), 'exp'],
      ['Экспорт Анны 2', expect.any(String), 'exp'],
      ['Экспорт Бориса', expect.any(String), 'exp'],
    ]);
    const unknown = await download(v, admin.client, '/companies/export?columns=name,nope');
    expect(unknown.status).toBe(422);
  });

  it('exports only what the export scope covers (companies, contacts, deals)', async () => {
    const companies = csvLines((await download(v, anna.client, '/companies/export?tag=exp&columns=name')).bytes);
    expect(companies).toEqual(['name', 'Экспорт Анны 1', 'Экспорт Анны 2']);
    const deals = csvLines((await download(v, anna.client, '/deals/export?columns=title,ownerName&sort=createdAt')).bytes);
    expect(deals.slice(1).map((l) => l.split(';')[0])).toEqual(['Сделка Экспорт Анны 1', 'Сделка Экспорт Анны 2']);
    const borisDeals = await sheetRows((await download(v, boris.client, '/deals/export?format=xlsx&columns=title')).bytes);
    expect(borisDeals).toEqual([['title'], ['Сделка Экспорт Бориса']]);
    const all = csvLines((await download(v, admin.client, '/deals/export?columns=title,stage,amount,currency&sort=createdAt')).bytes);
    expect(all).toHaveLength(4);
    expect(all[1]).toMatch(/^Сделка Экспорт Анны 1;[^;]+;0;[A-Z]{3}$/);
    await admin.client.post('/contacts', { firstName: 'Контакт', lastName: 'Анны', ownerId: anna.id, tags: ['exp'] });
    await admin.client.post('/contacts', { firstName: 'Контакт', lastName: 'Бориса', ownerId: boris.id, tags: ['exp'] });
    const contacts = await sheetRows((await download(v, anna.client, '/contacts/export?format=xlsx&tag=exp&columns=fullName')).bytes);
    expect(contacts).toEqual([['fullName'], ['Анны Контакт']]);
  });

  it('refuses roles without the export permission', async () => {
    const operator = await userClient(v, 'operator');
    expect((await download(v, operator.client, '/deals/export')).status).toBe(403);
    expect((await download(v, operator.client, '/companies/export?format=xlsx')).status).toBe(403);
  });

  it('streams a large export without a row limit', async () => {
    const db = v.ctx.database.db;
    const now = new Date().toISOString();
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      id: `0190${String(i).padStart(4, '0')}-0000-7000-8000-000000000000`,
      name: `Массовая ${i}`,
      name_normalized: `массовая ${String(i).padStart(5, '0')}`,
      status: 'potential',
      status_changed_at: now,
      owner_id: anna.id,
      okved_extra: '[]',
      addresses: '[]',
      custom: '{}',
      search_text: 'массовая',
      version: 1,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('companies').values(rows.slice(i, i + 500)).execute();
    const csv = csvLines((await download(v, anna.client, '/companies/export?q=массовая&columns=name')).bytes);
    expect(csv).toHaveLength(3001);
    const xlsx = await sheetRows((await download(v, anna.client, '/companies/export?q=массовая&columns=name&format=xlsx')).bytes);
    expect(xlsx).toHaveLength(3001);
    expect(xlsx[3000]).toEqual(['Массовая 2999']);
  });
});
