import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { TestClient } from '../../../test/client.js';
import { userClient } from '../../../test/factories.js';
import { sha256 } from '../../platform/auth/tokens.js';

describe.each(engines())('API tokens on %s', (engine) => {
  let v: TestVoronka;
  beforeAll(async () => {
    v = await startTestApp(engine);
  });
  afterAll(() => v.destroy());

  const bearer = (token: string) => Object.assign(new TestClient(v), { token });

  it('creates a token shown once, stores only its hash, and authenticates with it without CSRF', async () => {
    const { client, email } = await userClient(v, 'operator');
    const created = await client.post('/auth/tokens', { name: '1C exchange' });
    expect(created.status).toBe(201);
    const { token, id } = created.body;
    expect(token).toMatch(/^vrk_[\w-]{40,}$/);
    expect(token.startsWith(created.body.prefix)).toBe(true);
    const row = await v.ctx.database.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const list = await client.get('/auth/tokens');
    expect(list.body.items).toEqual([expect.objectContaining({ id, name: '1C exchange', revokedAt: null })]);
    expect(JSON.stringify(list.body)).not.toContain(token);

    const api = bearer(token);
    expect((await api.get('/auth/me')).body.email).toBe(email);
    const patched = await api.patch('/auth/me', { theme: 'dark' });
    expect(patched.status).toBe(200);
    expect((await client.get('/auth/tokens')).body.items[0].lastUsedAt).not.toBeNull();
  });

  it('a revoked token gets 401 auth.token_invalid', async () => {
    const { client } = await userClient(v, 'operator');
    const { body } = await client.post('/auth/tokens', { name: 'temporary' });
    expect((await bearer(body.token).get('/auth/me')).status).toBe(200);
    expect((await client.delete(`/auth/tokens/${body.id}`)).status).toBe(204);
    const res = await bearer(body.token).get('/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('auth.token_invalid');
    expect((await client.get('/auth/tokens')).body.items[0].revokedAt).not.toBeNull();
    expect((await bearer('vrk_made_up').get('/auth/me')).body.error.code).toBe('auth.token_invalid');
  });

  it('tokens are personal: others cannot see or revoke them, and tokens cannot mint tokens', async () => {
    const owner = await userClient(v, 'operator');
    const other = await userClient(v, 'admin');
    const { body } = await owner.client.post('/auth/tokens', { name: 'mine' });
    expect((await other.client.get('/auth/tokens')).body.items).toEqual([]);
    expect((await other.client.delete(`/auth/tokens/${body.id}`)).status).toBe(404);
    const minted = await bearer(body.token).post('/auth/tokens', { name: 'child' });
    expect(minted.status).toBe(403);
    expect(minted.body.error.code).toBe('auth.session_required');
    expect((await bearer(body.token).get('/auth/me')).status).toBe(200);
  });

  it("a deactivated user's tokens stop working", async () => {
    const admin = (await userClient(v, 'admin')).client;
    const { client, id } = await userClient(v, 'operator');
    const { body } = await client.post('/auth/tokens', { name: 'robot' });
    await admin.patch(`/users/${id}`, { isActive: false });
    expect((await bearer(body.token).get('/auth/me')).body.error.code).toBe('auth.token_invalid');
  });

  it('validates the token name', async () => {
    const { client } = await userClient(v, 'operator');
    const res = await client.post('/auth/tokens', { name: '', scope: 'all' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((f: any) => f.field)).toEqual(expect.arrayContaining(['name', 'scope']));
    expect((await new TestClient(v).post('/auth/tokens', { name: 'x' })).status).toBe(401);
  });
});
