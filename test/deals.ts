import type { TestClient } from './client.js';

/** Factories for pipeline and deal tests, through the API. */

export interface TestPipeline {
  id: string;
  /** stage ids by name: lead, offer, won, lost */
  stage: Record<'lead' | 'offer' | 'won' | 'lost', string>;
}

/** A pipeline: Lead 10 % (3 days), Offer 50 % (7 days), Won, Lost. Needs an administrator. */
export async function makePipeline(admin: TestClient, name = `Pipeline ${Math.random().toString(36).slice(2, 8)}`): Promise<TestPipeline> {
  const res = await admin.post('/pipelines', {
    name,
    stages: [
      { name: 'Lead', probability: 10, plannedDays: 3 },
      { name: 'Offer', probability: 50, plannedDays: 7 },
      { name: 'Won', probability: 100, kind: 'won' },
      { name: 'Lost', probability: 0, kind: 'lost' },
    ],
  });
  if (res.status !== 201) throw new Error(`pipeline: ${JSON.stringify(res.body)}`);
  const [lead, offer, won, lost] = res.body.stages.map((s: { id: string }) => s.id);
  return { id: res.body.id, stage: { lead, offer, won, lost } };
}

export async function makeCompany(client: TestClient, name = 'Test company', extra: Record<string, unknown> = {}): Promise<string> {
  const res = await client.post('/companies', { name, confirmDuplicate: true, ...extra });
  if (res.status !== 201) throw new Error(`company: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function makeDeal(client: TestClient, body: Record<string, unknown>): Promise<any> {
  const res = await client.post('/deals', { title: 'Deal', ...body });
  if (res.status !== 201) throw new Error(`deal: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function lostReasonId(client: TestClient): Promise<string> {
  return (await client.get('/lost-reasons?active=true')).body.items[0].id;
}

export const fieldIssues = (res: { body: any }): string[] =>
  res.body.error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
