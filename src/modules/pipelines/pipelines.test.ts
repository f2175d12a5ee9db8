import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';

const issues = (res: { body: any }) => res.body.error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
const stages = [
  { name: 'Lead', probability: 10, plannedDays: 3 },
  { name: 'Offer', probability: 50, plannedDays: 7 },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
];

describe.each(engines())('pipelines and lost reasons on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let manager: TestClient;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    manager = (await userClient(v, 'sales_manager')).client;
  });
  afterAll(() => v.destroy());

  it('seeds two pipelines (the first is the default) and lost reasons in the language of the country', async () => {
    const res = await manager.get('/pipelines');
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: any) => [p.name, p.isDefault])).toEqual([
      ['Новые клиенты', true],
      ['Повторные продажи', false],
    ]);
    const first = res.body.items[0];
    expect(first.stages.map((s: any) => [s.name, s.probability, s.kind])).toEqual([
      ['Новый лид', 10, 'open'],
      ['Квалификация', 20, 'open'],
      ['Встреча', 40, 'open'],
      ['КП отправлено', 60, 'open'],
      ['Переговоры', 80, 'open'],
      ['Успешно', 100, 'won'],
      ['Проиграна', 0, 'lost'],
    ]);
    const reasons = await manager.get('/lost-reasons');
    expect(reasons.body.items.map((r: any) => r.name)).toEqual(['Цена', 'Выбрали конкурента', 'Нет бюджета', 'Нет ответа', 'Не наш клиент']);
  });

  it('lets only administrators edit pipelines', async () => {
    expect((await manager.post('/pipelines', { name: 'Mine', stages })).status).toBe(403);
    expect((await manager.post('/lost-reasons', { name: 'Mine' })).status).toBe(403);
  });

  it('creates a pipeline with ordered stages and names bad input', async () => {
    const bad = await admin.post('/pipelines', { name: '', stages: [{ name: 'A', probability: 120 }, { name: 'B', probability: 5, kind: 'maybe' }, { name: 'C', probability: 1, extra: 1 }] });
    expect(bad.status).toBe(422);
    expect(issues(bad)).toEqual(expect.arrayContaining(['name:validation.too_small', 'stages.0.probability:validation.too_big', 'stages.1.kind:validation.invalid_value', 'stages.2.extra:validation.unknown_field']));
    const incomplete = await admin.post('/pipelines', { name: 'Only open', stages: [stages[0], stages[1], stages[3]] });
    expect(incomplete.status).toBe(422);
    expect(issues(incomplete)).toEqual(['stages:pipeline.stages_incomplete']);
    const res = await admin.post('/pipelines', { name: 'Tenders', stages });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Tenders', isActive: true, isDefault: false });
    expect(res.body.stages.map((s: any) => [s.name, s.sort, s.plannedDays, s.kind])).toEqual([
      ['Lead', 0, 3, 'open'],
      ['Offer', 1, 7, 'open'],
      ['Won', 2, null, 'won'],
      ['Lost', 3, null, 'lost'],
    ]);
  });

  it('adds, edits, reorders and deletes stages, keeping an open, a won and a lost one', async () => {
    const p = (await admin.post('/pipelines', { name: 'Edit me', stages })).body;
    const added = await admin.post(`/pipelines/${p.id}/stages`, { name: 'Demo', probability: 30, plannedDays: 5, position: 1 });
    expect(added.status).toBe(201);
    expect(added.body.stages.map((s: any) => s.name)).toEqual(['Lead', 'Demo', 'Offer', 'Won', 'Lost']);
    const demo = added.body.stages[1];
    const edited = await admin.patch(`/pipelines/${p.id}/stages/${demo.id}`, { probability: 35, plannedDays: null, name: 'Demo call' });
    expect(edited.body.stages[1]).toMatchObject({ name: 'Demo call', probability: 35, plannedDays: null });
    const ids = edited.body.stages.map((s: any) => s.id);
    const order = [ids[2], ids[0], ids[1], ids[3], ids[4]];
    const reordered = await admin.put(`/pipelines/${p.id}/stages/order`, { stageIds: order });
    expect(reordered.body.stages.map((s: any) => s.name)).toEqual(['Offer', 'Lead', 'Demo call', 'Won', 'Lost']);
    const partial = await admin.put(`/pipelines/${p.id}/stages/order`, { stageIds: order.slice(1) });
    expect(issues(partial)).toEqual(['stageIds:pipeline.stage_order_mismatch']);
    const lastWon = await admin.delete(`/pipelines/${p.id}/stages/${ids[3]}`);
    expect(lastWon.status).toBe(409);
    expect(lastWon.body.error).toMatchObject({ code: 'pipeline.stages_incomplete', details: { missing: ['won'] } });
    const toWon = await admin.patch(`/pipelines/${p.id}/stages/${ids[4]}`, { kind: 'won' });
    expect(issues(toWon)).toEqual(['kind:pipeline.stages_incomplete']);
    const removed = await admin.delete(`/pipelines/${p.id}/stages/${demo.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.stages.map((s: any) => [s.name, s.sort])).toEqual([['Offer', 0], ['Lead', 1], ['Won', 2], ['Lost', 3]]);
    expect((await admin.patch(`/pipelines/${p.id}/stages/${demo.id}`, { name: 'again' })).status).toBe(404);
  });

  it('keeps exactly one active default pipeline and refuses deleting it', async () => {
    const all = (await admin.get('/pipelines')).body.items;
    const seeded = all[0];
    const other = (await admin.post('/pipelines', { name: 'New default', stages, isDefault: true })).body;
    expect(other.isDefault).toBe(true);
    const after = (await admin.get('/pipelines')).body.items;
    expect(after.filter((p: any) => p.isDefault).map((p: any) => p.id)).toEqual([other.id]);
    const off = await admin.patch(`/pipelines/${other.id}`, { isActive: false });
    expect(issues(off)).toEqual(['isActive:pipeline.default_inactive']);
    expect((await admin.delete(`/pipelines/${other.id}`)).body.error.code).toBe('pipeline.is_default');
    expect((await admin.patch(`/pipelines/${seeded.id}`, { isDefault: true })).body.isDefault).toBe(true);
    expect((await admin.delete(`/pipelines/${other.id}`)).status).toBe(204);
    expect((await admin.get(`/pipelines/${other.id}`)).status).toBe(404);
    const history = await v.ctx.database.db.selectFrom('audit_log').select(['action', 'field', 'new_value']).where('entity', '=', 'pipeline').where('entity_id', '=', other.id).orderBy('id').execute();
    expect(history.map((h) => h.action)).toEqual(['create', 'create', 'create', 'create', 'create', 'update', 'delete', 'delete', 'delete', 'delete', 'delete']);
    expect(history.find((h) => h.action === 'update')).toMatchObject({ field: 'isDefault', new_value: 'false' });
    const seededHistory = await v.ctx.database.db.selectFrom('audit_log').select(['field', 'new_value']).where('entity_id', '=', seeded.id).where('action', '=', 'update').orderBy('id').execute();
    expect(seededHistory).toEqual([{ field: 'isDefault', new_value: 'false' }, { field: 'isDefault', new_value: 'true' }]);
  });

  it('edits lost reasons and lists active ones', async () => {
    const created = await admin.post('/lost-reasons', { name: 'Timing' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Timing', isActive: true, sort: 5 });
    const off = await admin.patch(`/lost-reasons/${created.body.id}`, { isActive: false });
    expect(off.body.isActive).toBe(false);
    const active = (await manager.get('/lost-reasons?active=true')).body.items.map((r: any) => r.name);
    expect(active).not.toContain('Timing');
    expect((await admin.delete(`/lost-reasons/${created.body.id}`)).status).toBe(204);
    expect((await admin.patch(`/lost-reasons/${created.body.id}`, { name: 'x' })).status).toBe(404);
  });
});
