import { expect } from 'vitest';
import type { TestClient } from '../../../test/client.js';
import type { ImportJob, Mapping } from './imports.schema.js';

/** Test helpers: upload a file, run an import and wait for it through the API. */

export async function upload(client: TestClient, bytes: Uint8Array | string, fileName = 'companies.csv') {
  const body = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return client.request('POST', '/imports/uploads', body, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) });
}

export async function waitFor(client: TestClient, id: string, done = (j: ImportJob) => ['done', 'failed', 'cancelled', 'undone'].includes(j.status)): Promise<ImportJob> {
  for (let i = 0; i < 1200; i++) {
    const res = await client.get<ImportJob>(`/imports/${id}`);
    expect(res.status).toBe(200);
    if (done(res.body)) return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

export interface RunOptions {
  entity?: string;
  mapping?: Mapping;
  key?: string | null;
  mode?: string;
  dryRun?: boolean;
}

/** Uploads, starts with the suggested mapping unless one is given, and waits for the end. */
export async function runImport(client: TestClient, bytes: Uint8Array | string, o: RunOptions = {}): Promise<ImportJob> {
  const up = await upload(client, bytes);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const entity = o.entity ?? 'company';
  const mapping = o.mapping ?? (await client.get(`/imports/uploads/${up.body.id}/suggest?entity=${entity}`)).body.mapping;
  const res = await client.post('/imports', { uploadId: up.body.id, entity, mapping, key: o.key ?? null, mode: o.mode ?? 'create', dryRun: o.dryRun ?? false });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return waitFor(client, res.body.id);
}
