import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { makeCompany, makeDeal, makePipeline } from '../../../test/deals.js';

describe.each(engines())('deal contacts on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let companyId: string;
  let pipelineId: string;
  const contact = async (firstName: string) => (await admin.post('/contacts', { firstName, companies: [{ companyId }], confirmDuplicate: true })).body.id as string;
  const contactsOf = async (dealId: string) => (await admin.get(`/deals/${dealId}`)).body.contacts.map((c: { id: string }) => c.id);

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    pipelineId = (await makePipeline(admin)).id;
    companyId = await makeCompany(admin, 'ООО Контакт');
  });
  afterAll(() => v.destroy());

  it('a contact merge keeps the deals linked to the kept contact, once each', async () => {
    const kept = await contact('Пётр');
    const merged = await contact('Петр');
    const onlyMerged = await makeDeal(admin, { companyId, pipelineId, contactIds: [merged] });
    const both = await makeDeal(admin, { companyId, pipelineId, contactIds: [kept, merged] });
    const res = await admin.post(`/contacts/${kept}/merge`, { sourceId: merged });
    expect(res.status).toBe(200);
    expect(await contactsOf(onlyMerged.id)).toEqual([kept]);
    expect(await contactsOf(both.id)).toEqual([kept]);
  });

  it('deleting a contact unlinks it from its deals and keeps the deals', async () => {
    const gone = await contact('Удаляемый');
    const deal = await makeDeal(admin, { companyId, pipelineId, contactIds: [gone] });
    expect((await admin.delete(`/contacts/${gone}`)).status).toBe(204);
    expect(await contactsOf(deal.id)).toEqual([]);
  });
});
