import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { validateCustomValues } from './index.js';

const fieldsOf = (res: { body: any }) => res.body.error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);

describe.each(engines())('custom fields on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
  });
  afterAll(() => v.destroy());

  it('creates, lists by entity, updates and deletes a field, with audit rows', async () => {
    const created = await admin.post('/custom-fields', { entity: 'company', key: 'segment', label: 'Segment', type: 'select', options: ['A', 'B'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ entity: 'company', key: 'segment', type: 'select', options: ['A', 'B'], required: false, position: 0 });
    await admin.post('/custom-fields', { entity: 'contact', key: 'hobby', label: 'Hobby', type: 'text' });

    const list = await admin.get('/custom-fields?entity=company');
    expect(list.status).toBe(200);
    expect(list.body.items.map((f: { key: string }) => f.key)).toEqual(['segment']);

    const id = created.body.id;
    const upd = await admin.patch(`/custom-fields/${id}`, { label: 'Market segment', options: ['A', 'B', 'C'], required: true });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ label: 'Market segment', options: ['A', 'B', 'C'], required: true });

    const audit = await v.ctx.database.db.selectFrom('audit_log').select(['action', 'field']).where('entity_id', '=', id).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'create', field: null },
      { action: 'update', field: 'label' },
      { action: 'update', field: 'options' },
      { action: 'update', field: 'required' },
    ]);

    expect((await admin.delete(`/custom-fields/${id}`)).status).toBe(204);
    expect((await admin.get('/custom-fields?entity=company')).body.items).toEqual([]);
    expect((await admin.delete(`/custom-fields/${id}`)).status).toBe(404);
  });

  it('rejects a duplicate key per entity but allows it on another entity', async () => {
    expect((await admin.post('/custom-fields', { entity: 'company', key: 'region', label: 'Region', type: 'text' })).status).toBe(201);
    const dup = await admin.post('/custom-fields', { entity: 'company', key: 'region', label: 'Again', type: 'text' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('custom_field.key_taken');
    expect((await admin.post('/custom-fields', { entity: 'contact', key: 'region', label: 'Region', type: 'text' })).status).toBe(201);
  });

  it('answers bad definitions with 422 naming the field', async () => {
    const bad = await admin.post('/custom-fields', { entity: 'deal', key: 'Bad Key', label: '', type: 'color', extra: 1 });
    expect(bad.status).toBe(422);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['entity:validation.invalid_value', 'key:validation.invalid_format', 'label:validation.too_small', 'type:validation.invalid_value', 'extra:validation.unknown_field']));
    const noOptions = await admin.post('/custom-fields', { entity: 'company', key: 'tier', label: 'Tier', type: 'multiselect' });
    expect(fieldsOf(noOptions)).toEqual(['options:custom_field.options_required']);
    const stray = await admin.post('/custom-fields', { entity: 'company', key: 'size', label: 'Size', type: 'number', options: ['1'] });
    expect(fieldsOf(stray)).toEqual(['options:custom_field.options_not_allowed']);
    const dupOptions = await admin.post('/custom-fields', { entity: 'company', key: 'tier', label: 'Tier', type: 'select', options: ['x', 'x'] });
    expect(fieldsOf(dupOptions)).toEqual(['options:custom_field.options_duplicate']);
    expect((await admin.get('/custom-fields?entity=nope')).status).toBe(422);
    expect((await admin.patch('/custom-fields/not-an-id', { label: 'x' })).status).toBe(422);
    const created = await admin.post('/custom-fields', { entity: 'company', key: 'flag', label: 'Flag', type: 'checkbox' });
    const typeChange = await admin.patch(`/custom-fields/${created.body.id}`, { type: 'text' });
    expect(fieldsOf(typeChange)).toEqual(['type:validation.unknown_field']);
  });

  it('lets only roles with custom_field permissions change definitions', async () => {
    const { client: manager } = await userClient(v, 'sales_manager');
    expect((await manager.get('/custom-fields?entity=company')).status).toBe(200);
    const res = await manager.post('/custom-fields', { entity: 'company', key: 'secret', label: 'Secret', type: 'text' });
    expect(res.status).toBe(403);
  });

  it('validates values: types, options, required fields, unknown keys', async () => {
    const db = v.ctx.database.db;
    const defs = [
      { key: 'v_text', type: 'text' },
      { key: 'v_num', type: 'number' },
      { key: 'v_date', type: 'date' },
      { key: 'v_sel', type: 'select', options: ['a', 'b'] },
      { key: 'v_multi', type: 'multiselect', options: ['x', 'y', 'z'] },
      { key: 'v_check', type: 'checkbox' },
      { key: 'v_req', type: 'text', required: true },
    ];
    for (const d of defs) expect((await admin.post('/custom-fields', { entity: 'contact', label: d.key, ...d })).status).toBe(201);

    const ok = await validateCustomValues(db, 'contact', {
      v_text: 'hello', v_num: 12.5, v_date: '2026-02-28', v_sel: 'b', v_multi: ['x', 'z', 'x'], v_check: false, v_req: 'yes', region: '',
    });
    expect(ok).toEqual({ v_text: 'hello', v_num: 12.5, v_date: '2026-02-28', v_sel: 'b', v_multi: ['x', 'z'], v_check: false, v_req: 'yes' });

    const err = await validateCustomValues(db, 'contact', {
      v_text: 5, v_num: '12', v_date: '2026-02-30', v_sel: 'c', v_multi: ['x', 'w'], v_check: 'yes', nope: 1,
    }).catch((e) => e);
    expect(err.status).toBe(422);
    expect(err.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`).sort()).toEqual([
      'custom.nope:custom_field.unknown',
      'custom.v_check:custom_field.type',
      'custom.v_date:custom_field.type',
      'custom.v_multi:custom_field.option',
      'custom.v_num:custom_field.type',
      'custom.v_req:custom_field.required',
      'custom.v_sel:custom_field.option',
      'custom.v_text:custom_field.type',
    ]);
  });

  it('removes stored values when a field is deleted', async () => {
    const f = await admin.post('/custom-fields', { entity: 'company', key: 'gone', label: 'Gone', type: 'text' });
    const db = v.ctx.database.db;
    const now = new Date().toISOString();
    await db
      .insertInto('companies')
      .values({
        id: '00000000-0000-7000-8000-000000000001',
        name: 'X',
        name_normalized: 'x',
        legal_form: null,
        inn: null,
        kpp: null,
        ogrn: null,
        okpo: null,
        okved_main: null,
        okved_extra: '[]',
        eik: null,
        vat_number: null,
        industry: null,
        activity_type: null,
        status: 'potential',
        status_changed_at: now,
        director_name: null,
        director_position: null,
        website: null,
        source: null,
        owner_id: null,
        addresses: '[]',
        city: null,
        notes: null,
        custom: JSON.stringify({ gone: 'v', region: 'r' }),
        search_text: 'x',
        version: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    expect((await admin.delete(`/custom-fields/${f.body.id}`)).status).toBe(204);
    const row = await db.selectFrom('companies').select('custom').where('id', '=', '00000000-0000-7000-8000-000000000001').executeTakeFirstOrThrow();
    expect(JSON.parse(row.custom)).toEqual({ region: 'r' });
  });
});
