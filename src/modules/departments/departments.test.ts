import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import type { TestClient } from '../../../test/client.js';
import { userClient } from '../../../test/factories.js';

describe.each(engines())('departments on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
  });
  afterAll(() => v.destroy());

  const create = async (name: string, parentId?: string) => {
    const res = await admin.post('/departments', { name, ...(parentId && { parentId }) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('builds a tree and lists it flat with parents and user counts', async () => {
    const root = await create('Продажи');
    const child = await create('Москва', root);
    await userClient(v, 'sales_manager', child);
    await userClient(v, 'sales_manager', child);
    const list = (await admin.get('/departments')).body.items;
    expect(list.find((d: any) => d.id === root)).toMatchObject({ name: 'Продажи', parentId: null, userCount: 0 });
    expect(list.find((d: any) => d.id === child)).toMatchObject({ name: 'Москва', parentId: root, userCount: 2 });
  });

  it('renames and moves departments but refuses cycles', async () => {
    const a = await create('A');
    const b = await create('B', a);
    const c = await create('C', b);
    for (const parentId of [a, c]) {
      const res = await admin.patch(`/departments/${a}`, { parentId });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('department.cycle');
      expect(res.body.error.details.fields[0].field).toBe('parentId');
    }
    const moved = await admin.patch(`/departments/${c}`, { parentId: a, name: 'C2' });
    expect(moved.body).toMatchObject({ parentId: a, name: 'C2' });
    expect((await admin.patch(`/departments/${b}`, { parentId: null })).body.parentId).toBeNull();
    const history = (await admin.get(`/audit?entity=department&entityId=${c}`)).body.items;
    expect(history.find((r: any) => r.field === 'parentId' && r.action === 'update')).toMatchObject({ oldValue: b, newValue: a });
  });

  it('refuses to delete a department with users or sub-departments', async () => {
    const parent = await create('Parent');
    const child = await create('Child', parent);
    const withChild = await admin.delete(`/departments/${parent}`);
    expect(withChild.status).toBe(409);
    expect(withChild.body.error.code).toBe('department.not_empty');
    const { id: userId } = await userClient(v, 'operator', child);
    expect((await admin.delete(`/departments/${child}`)).body.error.code).toBe('department.not_empty');
    await admin.patch(`/users/${userId}`, { departmentId: null });
    expect((await admin.delete(`/departments/${child}`)).status).toBe(204);
    expect((await admin.delete(`/departments/${parent}`)).status).toBe(204);
    expect((await admin.get('/departments')).body.items.some((d: any) => d.id === parent)).toBe(false);
  });

  it('answers bad input naming the field and checks permissions', async () => {
    const bad = await admin.post('/departments', { name: ' ', parentId: 'nope', color: 'red' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.map((f: any) => f.field)).toEqual(expect.arrayContaining(['name', 'parentId', 'color']));
    const unknown = await admin.post('/departments', { name: 'X', parentId: '01890000-0000-7000-8000-000000000000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.fields[0]).toMatchObject({ field: 'parentId', code: 'department.parent_unknown' });
    expect((await admin.patch('/departments/01890000-0000-7000-8000-000000000000', { name: 'X' })).status).toBe(404);
    const { client } = await userClient(v, 'sales_manager');
    expect((await client.get('/departments')).status).toBe(200);
    expect((await client.post('/departments', { name: 'Mine' })).status).toBe(403);
  });

  it('moving a department changes department-scoped visibility at once', async () => {
    const top = await create('Top');
    const other = await create('Other');
    const head = await userClient(v, 'head_of_sales', top);
    const worker = await userClient(v, 'operator', other);
    expect((await v.ctx.principals.load(head.id))!.departmentUserIds).not.toContain(worker.id);
    await admin.patch(`/departments/${other}`, { parentId: top });
    expect((await v.ctx.principals.load(head.id))!.departmentUserIds).toContain(worker.id);
  });
});
