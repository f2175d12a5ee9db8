import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import type { TestClient } from '../../../test/client.js';
import { userClient } from '../../../test/factories.js';
import { systemRoles } from '../../platform/access/permissions.js';
import { ensureSystemRoles } from '../users/index.js';

describe.each(engines())('roles on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
  });
  afterAll(() => v.destroy());

  const roleId = async (key: string) => (await admin.get('/roles')).body.items.find((r: any) => r.key === key).id as string;

  it('lists the shipped roles and the permission catalog', async () => {
    const res = await admin.get('/roles');
    expect(res.status).toBe(200);
    const keys = res.body.items.map((r: any) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['admin', 'head_of_sales', 'sales_manager', 'marketer', 'operator']));
    const admins = res.body.items.find((r: any) => r.key === 'admin');
    expect(admins).toMatchObject({ isSystem: true, name: 'Administrator', userCount: 1 });
    expect(admins.permissions.company.delete).toBe('all');
    const catalog = await admin.get('/roles/catalog');
    expect(catalog.body.resources).toEqual(expect.arrayContaining(['company', 'user', 'role', 'audit']));
    expect(catalog.body.actions).toEqual(expect.arrayContaining(['read', 'create', 'update', 'delete']));
    expect(catalog.body.scopes).toEqual(['none', 'own', 'department', 'all']);
  });

  it('gives shipped roles the permissions of resources added by a newer version, keeping edited ones', async () => {
    const db = v.ctx.database.db;
    const row = await db.selectFrom('roles').select(['id', 'permissions']).where('key', '=', 'sales_manager').executeTakeFirstOrThrow();
    const { contact: _dropped, ...rest } = JSON.parse(row.permissions);
    const edited = { ...rest, company: { ...rest.company, read: 'department' } };
    await db.updateTable('roles').set({ permissions: JSON.stringify(edited) }).where('id', '=', row.id).execute();
    await ensureSystemRoles(db);
    const after = JSON.parse((await db.selectFrom('roles').select('permissions').where('id', '=', row.id).executeTakeFirstOrThrow()).permissions);
    expect(after.company.read).toBe('department');
    expect(after.contact).toEqual(systemRoles.find((r) => r.key === 'sales_manager')!.permissions.contact);
  });

  it('creates a role whose permission changes apply at once', async () => {
    const created = await admin.post('/roles', { key: 'auditor', name: 'Auditor', permissions: { audit: { read: 'all' } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'auditor', isSystem: false, userCount: 0, permissions: { audit: { read: 'all' } } });
    const { client } = await userClient(v, 'auditor');
    expect((await client.get('/users')).status).toBe(403);
    const patched = await admin.patch(`/roles/${created.body.id}`, { name: 'Auditors', permissions: { audit: { read: 'all' }, user: { read: 'all' } } });
    expect(patched.body).toMatchObject({ name: 'Auditors', userCount: 1 });
    expect((await client.get('/users')).status).toBe(200);
    const dup = await admin.post('/roles', { key: 'auditor', name: 'Again', permissions: {} });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('role.key_taken');
  });

  it('validates keys and permissions, naming the field', async () => {
    const res = await admin.post('/roles', { key: 'Bad Key', name: '', permissions: { spaceship: { read: 'all' }, company: { fly: 'all', read: 'everything' } } });
    expect(res.status).toBe(422);
    const fields = res.body.error.details.fields.map((f: any) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['key', 'name']));
    expect(fields.some((f: string) => f.startsWith('permissions'))).toBe(true);
    expect((await admin.patch(`/roles/${await roleId('operator')}`, { key: 'x' })).status).toBe(422);
  });

  it('keeps every permission of the administrator role', async () => {
    const id = await roleId('admin');
    const res = await admin.patch(`/roles/${id}`, { permissions: { company: { read: 'all' } } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('role.admin_locked');
    expect((await admin.patch(`/roles/${id}`, { name: 'Admins' })).status).toBe(200);
  });

  it('refuses to delete shipped roles and roles in use; deletes unused ones', async () => {
    const system = await admin.delete(`/roles/${await roleId('operator')}`);
    expect(system.status).toBe(409);
    expect(system.body.error.code).toBe('role.system');
    await admin.post('/roles', { key: 'temp_used', name: 'Used', permissions: {} });
    await userClient(v, 'temp_used');
    const used = await admin.delete(`/roles/${await roleId('temp_used')}`);
    expect(used.status).toBe(409);
    expect(used.body.error.code).toBe('role.in_use');
    const unused = await admin.post('/roles', { key: 'temp_unused', name: 'Unused', permissions: {} });
    expect((await admin.delete(`/roles/${unused.body.id}`)).status).toBe(204);
    expect((await admin.get('/roles')).body.items.some((r: any) => r.key === 'temp_unused')).toBe(false);
    const history = await admin.get(`/audit?entity=role&entityId=${unused.body.id}`);
    expect(history.body.items.map((r: any) => r.action)).toContain('delete');
  });

  it('does not let a role manager grant more than their own rights', async () => {
    await admin.post('/roles', {
      key: 'people_admin',
      name: 'People admin',
      permissions: { user: { read: 'all', create: 'all', update: 'all' }, role: { read: 'all', create: 'all', update: 'all' } },
    });
    const { client } = await userClient(v, 'people_admin');
    const role = await client.post('/roles', { key: 'cleaner', name: 'Cleaner', permissions: { company: { delete: 'all' } } });
    expect(role.status).toBe(403);
    expect(role.body.error.code).toBe('role.exceeds_own');
    const user = await client.post('/users', { email: 'boss@test.local', name: 'Boss', password: 'long enough', roleKey: 'admin' });
    expect(user.status).toBe(403);
    expect(user.body.error.code).toBe('user.role_exceeds_own');
    expect((await client.post('/roles', { key: 'reader', name: 'Reader', permissions: { user: { read: 'all' } } })).status).toBe(201);
  });

  it('forbids role changes to roles without the permission', async () => {
    const { client } = await userClient(v, 'head_of_sales');
    expect((await client.get('/roles')).status).toBe(200);
    expect((await client.post('/roles', { key: 'x_role', name: 'X', permissions: {} })).status).toBe(403);
  });
});
