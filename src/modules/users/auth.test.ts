import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { TestClient } from '../../../test/client.js';
import { PASSWORD, userClient } from '../../../test/factories.js';

describe.each(engines())('auth on %s', (engine) => {
  let v: TestVoronka;
  beforeAll(async () => {
    v = await startTestApp(engine, { LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => v.destroy());

  it('logs in, reads me, logs out', async () => {
    const { client, email } = await userClient(v, 'sales_manager');
    const me = await client.get('/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, role: 'sales_manager', locale: 'en' });
    expect(me.body.permissions.company.read).toBe('own');
    expect((await client.post('/auth/logout')).status).toBe(200);
    expect((await client.get('/auth/me')).status).toBe(401);
  });

  it('sets an HttpOnly session cookie', async () => {
    const { email } = await userClient(v, 'operator');
    const res = await new TestClient(v).post('/auth/login', { email, password: PASSWORD });
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
  });

  it('rejects wrong passwords and locks the account after repeated failures', async () => {
    const { email } = await userClient(v, 'operator');
    const c = new TestClient(v);
    for (let i = 0; i < 3; i++) {
      const r = await c.login(email, 'wrong password');
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('auth.invalid_credentials');
    }
    const locked = await c.login(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('auth.locked');
  });

  it('requires the CSRF header for cookie sessions', async () => {
    const { client } = await userClient(v, 'admin');
    const csrf = client.csrf;
    client.csrf = null;
    const res = await client.patch('/auth/me', { locale: 'ru' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('auth.csrf_failed');
    client.csrf = csrf;
    const ok = await client.patch('/auth/me', { locale: 'ru', theme: 'dark', accentColor: 'teal' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ locale: 'ru', theme: 'dark', accentColor: 'teal' });
  });

  it('answers bad input with 4xx naming the field', async () => {
    const c = new TestClient(v);
    const malformed = await c.request('POST', '/auth/login', '{"email": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('request.malformed_json');
    const wrong = await c.post('/auth/login', { email: 42, password: 'x', extra: 1 });
    expect(wrong.status).toBe(422);
    const fields = wrong.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'extra']));
    const big = await c.request('POST', '/auth/login', JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }), {
      'content-type': 'application/json',
    });
    expect(big.status).toBe(413);
    expect((await c.get('/nope')).status).toBe(404);
  });
});
