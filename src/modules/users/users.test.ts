import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { TestClient } from '../../../test/client.js';
import { makeDepartment, PASSWORD, userClient } from '../../../test/factories.js';

const fields = (res: { body: any }) => res.body.error.details.fields.map((f: { field: string }) => f.field);

describe.each(engines())('users admin on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
  });
  afterAll(() => v.destroy());

  it('creates, reads and lists users with filters and keyset pages', async () => {
    const dept = await makeDepartment(v, 'Отдел продаж');
    const created = await admin.post('/users', {
      email: 'Ivan.Petrov@Example.com',
      name: 'Иван Петров',
      password: 'long enough',
      roleKey: 'sales_manager',
      departmentId: dept,
      locale: 'ru',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'ivan.petrov@example.com',
      name: 'Иван Петров',
      role: 'sales_manager',
      roleName: 'Sales manager',
      departmentId: dept,
      departmentName: 'Отдел продаж',
      locale: 'ru',
      theme: 'light',
      accentColor: 'blue',
      timeZone: 'UTC',
      isActive: true,
    });
    expect((await admin.get(`/users/${created.body.id}`)).body).toEqual(created.body);

    const byText = await admin.get(`/users?q=${encodeURIComponent('иван')}`);
    expect(byText.body.items.map((u: any) => u.id)).toEqual([created.body.id]);
    const byDept = await admin.get(`/users?departmentId=${dept}&roleKey=sales_manager&active=true`);
    expect(byDept.body.items.map((u: any) => u.id)).toEqual([created.body.id]);
    expect((await admin.get(`/users?departmentId=${dept}&active=false`)).body.items).toEqual([]);

    for (let i = 0; i < 4; i++) await userClient(v, 'operator');
    const all = (await admin.get('/users?limit=500&sort=-email')).body.items.map((u: any) => u.email);
    expect(all).toEqual([...all].sort().reverse());
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await admin.get(`/users?limit=2&sort=-email${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items.map((u: any) => u.email));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it('lets a sales manager list users for owner pickers but not create them', async () => {
    const { client } = await userClient(v, 'sales_manager');
    expect((await client.get('/users')).status).toBe(200);
    const res = await client.post('/users', { email: 'x@test.local', name: 'X', password: 'long enough', roleKey: 'operator' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('access.forbidden');
    const { id } = await userClient(v, 'operator');
    expect((await client.patch(`/users/${id}`, { isActive: false })).status).toBe(403);
  });

  it('answers bad input with 422 naming the field', async () => {
    const bad = await admin.post('/users', { email: 'not-an-email', name: '', password: 'short', roleKey: 'admin', extra: true });
    expect(bad.status).toBe(422);
    expect(fields(bad)).toEqual(expect.arrayContaining(['email', 'name', 'password', 'extra']));
    const role = await admin.post('/users', { email: 'r@test.local', name: 'R', password: 'long enough', roleKey: 'nobody' });
    expect(role.status).toBe(422);
    expect(role.body.error.details.fields[0]).toMatchObject({ field: 'roleKey', code: 'user.role_unknown' });
    const dept = await admin.post('/users', { email: 'd@test.local', name: 'D', password: 'long enough', roleKey: 'operator', departmentId: '01890000-0000-7000-8000-000000000000' });
    expect(dept.status).toBe(422);
    expect(fields(dept)).toEqual(['departmentId']);
    const { email } = await userClient(v, 'operator');
    const dup = await admin.post('/users', { email: email.toUpperCase(), name: 'Dup', password: 'long enough', roleKey: 'operator' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('user.email_taken');
    expect((await admin.get('/users/not-an-id')).status).toBe(422);
    expect((await admin.get('/users/01890000-0000-7000-8000-000000000000')).status).toBe(404);
    expect(fields(await admin.get('/users?limit=501&active=maybe'))).toEqual(expect.arrayContaining(['query.limit', 'query.active']));
    expect(fields(await admin.patch(`/users/${(await userClient(v, 'operator')).id}`, { email: 'new@test.local' }))).toEqual(['email']);
  });

  it('deactivating a user ends their sessions and blocks login; reactivation restores it', async () => {
    const { client, id, email } = await userClient(v, 'operator');
    const res = await admin.patch(`/users/${id}`, { isActive: false });
    expect(res.status).toBe(200);
    expect(res.body.isActive).toBe(false);
    expect((await client.get('/auth/me')).status).toBe(401);
    expect((await new TestClient(v).login(email, PASSWORD)).status).toBe(401);
    expect((await admin.patch(`/users/${id}`, { isActive: true })).body.isActive).toBe(true);
    expect((await new TestClient(v).login(email, PASSWORD)).status).toBe(200);
  });

  it('applies a role change at once', async () => {
    const { client, id } = await userClient(v, 'operator');
    const attempt = () => client.post('/users', { email: `n${Date.now()}@test.local`, name: 'N', password: 'long enough', roleKey: 'operator' });
    expect((await attempt()).status).toBe(403);
    const res = await admin.patch(`/users/${id}`, { roleKey: 'admin', name: 'Promoted' });
    expect(res.body).toMatchObject({ role: 'admin', roleName: 'Administrator', name: 'Promoted' });
    expect((await attempt()).status).toBe(201);
  });

  it('refuses self-deactivation and demoting the last active administrator', async () => {
    const me = await userClient(v, 'admin');
    const self = await me.client.patch(`/users/${me.id}`, { isActive: false });
    expect(self.status).toBe(422);
    expect(self.body.error.details.fields[0]).toMatchObject({ field: 'isActive', code: 'user.cannot_deactivate_self' });
    const db = v.ctx.database.db;
    const adminRole = await db.selectFrom('roles').select('id').where('key', '=', 'admin').executeTakeFirstOrThrow();
    await db.updateTable('users').set({ is_active: 0 }).where('role_id', '=', adminRole.id).where('id', '!=', me.id).execute();
    const demote = await me.client.patch(`/users/${me.id}`, { roleKey: 'operator' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('user.last_admin');
    await db.updateTable('users').set({ is_active: 1 }).where('role_id', '=', adminRole.id).execute();
    v.ctx.principals.invalidate();
  });

  it('resets a password: old sessions end, the new password works, audit records it', async () => {
    const { client, id, email } = await userClient(v, 'operator');
    const res = await admin.post(`/users/${id}/password`, { password: 'brand new password' });
    expect(res.status).toBe(200);
    expect((await client.get('/auth/me')).status).toBe(401);
    expect((await new TestClient(v).login(email, PASSWORD)).status).toBe(401);
    expect((await new TestClient(v).login(email, 'brand new password')).status).toBe(200);
    expect(fields(await admin.post(`/users/${id}/password`, { password: 'short' }))).toEqual(['password']);
    const history = await admin.get(`/audit?entity=user&entityId=${id}`);
    expect(history.body.items[0]).toMatchObject({ action: 'password_reset', entityId: id });
    expect(JSON.stringify(history.body)).not.toContain('brand new password');
  });

  it('writes who changed which field into the audit log', async () => {
    const who = await userClient(v, 'admin');
    const { id } = await userClient(v, 'operator');
    await who.client.patch(`/users/${id}`, { name: 'Renamed', locale: 'bg' });
    const rows = (await admin.get(`/audit?entity=user&entityId=${id}`)).body.items;
    const update = rows.filter((r: any) => r.action === 'update');
    expect(update.map((r: any) => r.field).sort()).toEqual(['locale', 'name']);
    expect(update.find((r: any) => r.field === 'locale')).toMatchObject({ oldValue: 'en', newValue: 'bg', userId: who.id });
    expect(rows.some((r: any) => r.action === 'create')).toBe(true);
  });
});
