import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestVoronka } from '../../../test/engines.js';

describe('HTTP app', () => {
  let v: TestVoronka;
  beforeAll(async () => {
    v = await startTestApp('sqlite');
  });
  afterAll(() => v.destroy());

  it('answers every request with its request id: given by the caller or made up, also on errors', async () => {
    const given = await v.app.request('/api/health', { headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers.get('x-request-id')).toBe('trace-42');
    const made = await v.app.request('/api/v1/auth/me');
    expect(made.status).toBe(401);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const invalid = await v.app.request('/api/openapi.json', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(invalid.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(invalid.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
