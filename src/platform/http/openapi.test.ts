import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestVoronka } from '../../../test/engines.js';

describe('OpenAPI document', () => {
  let v: TestVoronka;
  beforeAll(async () => {
    v = await startTestApp('sqlite');
  });
  afterAll(() => v.destroy());

  it('lists every module route under /api/v1 with its security and schemas', async () => {
    const res = await v.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/v1/auth/me'].get.security).toEqual([{ cookieAuth: [] }, { bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
  });

  it('serves a browsable reference page', async () => {
    const res = await v.app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/api/openapi.json');
  });
});
