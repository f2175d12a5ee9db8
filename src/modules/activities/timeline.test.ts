import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, makeActivity, makeContact } from '../../../test/activities.js';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues, makeCompany, makeDeal, makePipeline, type TestPipeline } from '../../../test/deals.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';

const pause = () => new Promise((r) => setTimeout(r, 5));

describe.each(engines())('company timeline and record merges on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let pipeline: TestPipeline;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    pipeline = await makePipeline(admin);
  });
  afterAll(() => v.destroy());

  it('shows activities, stage changes, documents and field changes newest first, filtered by kind, in keyset pages', async () => {
    const companyId = await makeCompany(admin, 'Timeline Co');
    await pause();
    const call = await makeActivity(admin, { companyId, plannedDate: undefined, done: true, subject: 'First call' });
    await pause();
    const deal = await makeDeal(admin, { title: 'Big deal', companyId, pipelineId: pipeline.id, amount: 1000 });
    await pause();
    expect((await admin.post(`/deals/${deal.id}/stage`, { version: 1, stageId: pipeline.stage.offer })).status).toBe(200);
    await pause();
    const doc = await admin.post(`/deals/${deal.id}/documents`, { kind: 'proposal' });
    expect(doc.status).toBe(201);
    await pause();
    expect((await admin.patch(`/companies/${companyId}`, { version: 1, website: 'https://timeline.example' })).status).toBe(200);
    await pause();
    const planned = await makeActivity(admin, { companyId, type: 'meeting', subject: 'Demo' });

    const res = await admin.get(`/companies/${companyId}/timeline`);
    expect(res.status).toBe(200);
    const summary = res.body.items.map((i: any) =>
      i.kind === 'activity' ? `activity ${i.activity.subject}`
      : i.kind === 'stage_change' ? `stage ${i.stageChange.fromStageName ?? '-'} > ${i.stageChange.toStageName}`
      : i.kind === 'document' ? `document ${i.document.kind} ${i.document.dealTitle}`
      : `field ${i.fieldChange.action} ${i.fieldChange.field ?? ''}`.trim(),
    );
    expect(summary).toEqual([
      'activity Demo',
      'field update website',
      'document proposal Big deal',
      'stage Lead > Offer',
      'stage - > Lead',
      'activity First call',
      'field create',
    ]);
    const ats = res.body.items.map((i: { at: string }) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(res.body.items[0]).toMatchObject({ key: `activity:${planned.id}`, activity: { id: planned.id, status: 'open' } });
    expect(res.body.items[5].activity.id).toBe(call.id);
    expect(res.body.items[2].document).toMatchObject({ id: doc.body.id, dealId: deal.id, number: doc.body.number, status: 'draft', currency: 'RUB' });
    expect(res.body.items[1].fieldChange).toMatchObject({ oldValue: null, newValue: 'https://timeline.example' });

    const kinds = await admin.get(`/companies/${companyId}/timeline?types=stage_change,document`);
    expect(kinds.body.items.map((i: { kind: string }) => i.kind)).toEqual(['document', 'stage_change', 'stage_change']);
    const meetings = await admin.get(`/companies/${companyId}/timeline?types=activity&activityTypes=meeting`);
    expect(meetings.body.items.map((i: { key: string }) => i.key)).toEqual([`activity:${planned.id}`]);

    const paged = await allPages(admin, `/companies/${companyId}/timeline?limit=2`, 'before');
    expect(paged.map((i: { key: string }) => i.key)).toEqual(res.body.items.map((i: { key: string }) => i.key));
    expect(fieldIssues(await admin.get(`/companies/${companyId}/timeline?before=nonsense`))).toEqual(['before:validation.cursor_invalid']);
  });

  it('pages items written in one moment (several fields of one update) without losses or repeats', async () => {
    const companyId = await makeCompany(admin, 'Burst Co');
    const patch = await admin.patch(`/companies/${companyId}`, { version: 1, website: 'https://burst.example', industry: 'IT', notes: 'n', source: 'web' });
    expect(patch.status).toBe(200);
    const whole = (await admin.get(`/companies/${companyId}/timeline`)).body.items.map((i: { key: string }) => i.key);
    expect(whole.length).toBeGreaterThanOrEqual(5);
    for (const limit of [1, 2, 3]) {
      expect((await allPages(admin, `/companies/${companyId}/timeline?limit=${limit}`, 'before')).map((i: { key: string }) => i.key)).toEqual(whole);
    }
  });

  it('shows only what the reader may read: another manager activities and deals stay hidden', async () => {
    const anna = await userClient(v, 'sales_manager');
    const boris = await userClient(v, 'sales_manager');
    const companyId = await makeCompany(anna.client, 'Shared Co');
    await makeActivity(anna.client, { companyId, subject: 'Anna call' });
    await makeActivity(admin, { companyId, subject: 'Boris call', ownerId: boris.id });
    await makeDeal(admin, { title: 'Boris deal', companyId, ownerId: boris.id, pipelineId: pipeline.id });
    const seen = (await anna.client.get(`/companies/${companyId}/timeline`)).body.items;
    expect(seen.filter((i: { kind: string }) => i.kind === 'activity').map((i: any) => i.activity.subject)).toEqual(['Anna call']);
    expect(seen.filter((i: { kind: string }) => i.kind === 'stage_change')).toEqual([]);
    expect((await boris.client.get(`/companies/${companyId}/timeline`)).status).toBe(404);
    const all = (await admin.get(`/companies/${companyId}/timeline?types=activity,stage_change`)).body.items;
    expect(all).toHaveLength(3);
  });

  it('activities follow company and contact merges, and do not block their deletion', async () => {
    const keep = await makeCompany(admin, 'Keep Co');
    const gone = await makeCompany(admin, 'Gone Co');
    const keptContact = await makeContact(admin, 'Пётр');
    const goneContact = await makeContact(admin, 'Пётр', { lastName: 'Дубль' });
    const a = await makeActivity(admin, { companyId: gone, contactIds: [goneContact] });
    const both = await makeActivity(admin, { companyId: gone, contactIds: [keptContact, goneContact] });
    expect((await admin.post(`/companies/${keep}/merge`, { sourceId: gone })).status).toBe(200);
    expect((await admin.post(`/contacts/${keptContact}/merge`, { sourceId: goneContact })).status).toBe(200);
    expect((await admin.get(`/activities/${a.id}`)).body).toMatchObject({ companyId: keep, companyName: 'Keep Co', contacts: [{ id: keptContact }] });
    expect((await admin.get(`/activities/${both.id}`)).body.contacts.map((c: { id: string }) => c.id)).toEqual([keptContact]);
    expect((await admin.get(`/activities?companyId=${keep}`)).body.items).toHaveLength(2);

    expect((await admin.delete(`/contacts/${keptContact}`)).status).toBe(204);
    expect((await admin.delete(`/companies/${keep}`)).status).toBe(204);
    expect((await admin.get(`/activities/${a.id}`)).body).toMatchObject({ companyId: null, contacts: [], version: 1 });

    const companyId = await makeCompany(admin, 'Deal gone Co');
    const deal = await makeDeal(admin, { title: 'Short deal', companyId, pipelineId: pipeline.id });
    const onDeal = await makeActivity(admin, { companyId, dealId: deal.id });
    expect((await admin.delete(`/deals/${deal.id}`)).status).toBe(204);
    expect((await admin.get(`/activities/${onDeal.id}`)).body).toMatchObject({ companyId, dealId: null });
  });
});
