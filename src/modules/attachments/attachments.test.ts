import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { insertCompany } from '../../../test/company-rows.js';
import type { TestClient } from '../../../test/client.js';

const LIMIT = 4096;

const form = (content: string | Uint8Array<ArrayBuffer>, name: string, type = 'application/octet-stream') => {
  const f = new FormData();
  f.append('file', new File([content], name, { type }));
  return f;
};

/** Every stored file under <dataDir>/files. */
const storedFiles = (dataDir: string): string[] => {
  const root = path.join(dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
};

describe.each(engines())('attachments on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let adminId: string;
  let contactId: string;
  beforeAll(async () => {
    v = await startTestApp(engine, { UPLOAD_LIMIT_BYTES: String(LIMIT) });
    ({ client: admin, id: adminId } = await userClient(v, 'admin'));
    contactId = (await admin.post('/contacts', { firstName: 'Файл' })).body.id;
  });
  afterAll(() => v.destroy());

  it('uploads, lists, downloads with the UTF-8 name and deletes, with audit rows', async () => {
    const name = 'Договор №1 «Ромашка» (2026).pdf';
    const up = await admin.post(`/attachments/contact/${contactId}`, form('%PDF-1.7 test', name, 'application/pdf'));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ entity: 'contact', entityId: contactId, fileName: name, mime: 'application/pdf', size: 13, createdBy: adminId });
    const year = new Date().getUTCFullYear();
    const file = path.join(v.config.dataDir, 'files', String(year), up.body.id);
    expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.7 test');

    const list = await admin.get(`/attachments/contact/${contactId}`);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([up.body.id]);

    const dl = await admin.get(`/attachments/${up.body.id}/download`);
    expect(dl.status).toBe(200);
    expect(dl.body).toBe('%PDF-1.7 test');
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    const disposition = dl.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(name);

    expect((await admin.delete(`/attachments/${up.body.id}`)).status).toBe(204);
    expect(fs.existsSync(file)).toBe(false);
    expect((await admin.get(`/attachments/${up.body.id}/download`)).status).toBe(404);
    const audit = await v.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'old_value', 'new_value'])
      .where('entity', '=', 'contact')
      .where('entity_id', '=', contactId)
      .where('field', '=', 'attachments')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'attach', old_value: null, new_value: name },
      { action: 'detach', old_value: name, new_value: null },
    ]);
  });

  it('answers 413 above the upload limit and 4xx for bad requests', async () => {
    const big = await admin.post(`/attachments/contact/${contactId}`, form(new Uint8Array(LIMIT + 1), 'big.bin'));
    expect(big.status).toBe(413);
    expect((await admin.get(`/attachments/contact/${contactId}`)).body.items).toEqual([]);
    const noFile = new FormData();
    noFile.append('other', 'x');
    const missing = await admin.post(`/attachments/contact/${contactId}`, noFile);
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.fields[0].field).toBe('file');
    expect((await admin.post(`/attachments/contact/${contactId}`, form('', 'empty.txt'))).status).toBe(422);
    const badEntity = await admin.post(`/attachments/deal/${contactId}`, form('x', 'a.txt'));
    expect(badEntity.status).toBe(422);
    expect(badEntity.body.error.details.fields[0].field).toBe('param.entity');
    expect((await admin.post('/attachments/contact/0190f0f0-0000-7000-8000-000000000000', form('x', 'a.txt'))).status).toBe(404);
    expect(storedFiles(v.config.dataDir)).toEqual([]);
  });

  it('attaches to companies and follows the parent record access', async () => {
    const anna = await userClient(v, 'sales_manager');
    const boris = await userClient(v, 'sales_manager');
    const borisCompany = await insertCompany(v, 'Boris OOD', boris.id);
    const up = await boris.client.post(`/attachments/company/${borisCompany}`, form('price list', 'цены.txt', 'text/plain'));
    expect(up.status).toBe(201);
    const a = anna.client;
    expect((await a.get(`/attachments/company/${borisCompany}`)).status).toBe(404);
    expect((await a.get(`/attachments/${up.body.id}/download`)).status).toBe(404);
    expect((await a.post(`/attachments/company/${borisCompany}`, form('x', 'x.txt'))).status).toBe(404);
    expect((await a.delete(`/attachments/${up.body.id}`)).status).toBe(404);

    const marketer = (await userClient(v, 'marketer')).client;
    expect((await marketer.get(`/attachments/company/${borisCompany}`)).body.items).toHaveLength(1);
    expect((await marketer.get(`/attachments/${up.body.id}/download`)).body).toBe('price list');
    expect((await marketer.post(`/attachments/company/${borisCompany}`, form('x', 'x.txt'))).status).toBe(403);
    expect((await marketer.delete(`/attachments/${up.body.id}`)).status).toBe(403);
    expect((await boris.client.delete(`/attachments/${up.body.id}`)).status).toBe(204);
  });

  it('removes the written file when the row cannot be stored, and files of deleted contacts', async () => {
    const db = v.ctx.database.db;
    if (engine === 'postgres') {
      await sql`CREATE FUNCTION fail_attachment() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`.execute(db);
      await sql`CREATE TRIGGER fail_attachment BEFORE INSERT ON attachments FOR EACH ROW EXECUTE FUNCTION fail_attachment()`.execute(db);
    } else {
      await sql`CREATE TRIGGER fail_attachment BEFORE INSERT ON attachments BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(db);
    }
    const failed = await admin.post(`/attachments/contact/${contactId}`, form('lost', 'lost.txt'));
    expect(failed.status).toBe(500);
    expect(storedFiles(v.config.dataDir)).toEqual([]);
    await sql`DROP TRIGGER fail_attachment${engine === 'postgres' ? sql` ON attachments` : sql``}`.execute(db);

    const other = (await admin.post('/contacts', { firstName: 'Временный' })).body.id;
    expect((await admin.post(`/attachments/contact/${other}`, form('kept until delete', 'a.txt'))).status).toBe(201);
    expect(storedFiles(v.config.dataDir)).toHaveLength(1);
    expect((await admin.delete(`/contacts/${other}`)).status).toBe(204);
    expect(storedFiles(v.config.dataDir)).toEqual([]);
    expect(await db.selectFrom('attachments').select('id').where('entity_id', '=', other).execute()).toEqual([]);
  });
});
