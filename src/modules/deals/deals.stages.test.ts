import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { makeDepartment, userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues, lostReasonId, makeCompany, makeDeal, makePipeline, type TestPipeline } from '../../../test/deals.js';

const DAY = 86_400;
type User = { client: TestClient; id: string };

describe.each(engines())('deal stages on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let p: TestPipeline;
  let companyId: string;

  beforeAll(async () => {
    // Sessions outlive the weeks the clock is moved forward.
    v = await startTestApp(engine, { SESSION_TTL_HOURS: String(24 * 365) });
    admin = (await userClient(v, 'admin')).client;
    p = await makePipeline(admin);
    companyId = await makeCompany(admin, 'Stage client');
  });
  afterAll(() => v.destroy());
  afterEach(() => vi.useRealTimers());

  it('records the time spent per stage and flags a stay longer than the planned days', async () => {
    const t0 = Date.now() + 60_000;
    vi.useFakeTimers({ toFake: ['Date'], now: t0 });
    const deal = await makeDeal(admin, { companyId, pipelineId: p.id });
    vi.setSystemTime(t0 + DAY * 1000);
    await admin.post(`/deals/${deal.id}/stage`, { version: 1, stageId: p.stage.offer });
    vi.setSystemTime(t0 + 9 * DAY * 1000);
    const inOffer = await admin.get(`/deals/${deal.id}/stages`);
    expect(inOffer.body.stages).toEqual([
      { stageId: p.stage.lead, name: 'Lead', kind: 'open', seconds: DAY, plannedDays: 3, overdue: false, current: false },
      { stageId: p.stage.offer, name: 'Offer', kind: 'open', seconds: 8 * DAY, plannedDays: 7, overdue: true, current: true },
    ]);
    expect((await admin.get(`/deals/${deal.id}`)).body.overdue).toBe(true);
    await admin.post(`/deals/${deal.id}/stage`, { version: 2, stageId: p.stage.lead });
    vi.setSystemTime(t0 + 11 * DAY * 1000);
    expect((await admin.get(`/deals?${new URLSearchParams({ pipelineId: p.id })}`)).body.items.find((d: { id: string }) => d.id === deal.id).overdue).toBe(false);
    vi.setSystemTime(t0 + 13 * DAY * 1000);
    await admin.post(`/deals/${deal.id}/stage`, { version: 3, stageId: p.stage.won });
    vi.setSystemTime(t0 + 20 * DAY * 1000);
    const done = await admin.get(`/deals/${deal.id}/stages`);
    expect(done.body.stages.map((s: any) => [s.name, s.seconds, s.overdue, s.current])).toEqual([
      ['Lead', 5 * DAY, true, false],
      ['Offer', 8 * DAY, true, false],
      ['Won', 7 * DAY, false, true],
    ]);
    expect(done.body.history.map((h: any) => [h.fromStageId, h.toStageId, h.secondsInFromStage])).toEqual([
      [null, p.stage.lead, null],
      [p.stage.lead, p.stage.offer, DAY],
      [p.stage.offer, p.stage.lead, 8 * DAY],
      [p.stage.lead, p.stage.won, 4 * DAY],
    ]);
    expect(done.body.history[1].userName).toMatch(/^admin/);
    const card = (await admin.get(`/deals/${deal.id}`)).body;
    expect(card).toMatchObject({ overdue: false, closedAt: new Date(t0 + 13 * DAY * 1000).toISOString() });
  });

  it('refuses deleting a stage with deals, moves them all, then deletes it', async () => {
    const own = await makePipeline(admin);
    for (const title of ['One', 'Two', 'Three']) await makeDeal(admin, { title, companyId, pipelineId: own.id, stageId: own.stage.offer, amount: 100 });
    const refused = await admin.delete(`/pipelines/${own.id}/stages/${own.stage.offer}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'stage.has_deals', details: { count: 3 } });
    const noReason = await admin.post(`/pipelines/${own.id}/stages/${own.stage.offer}/move-deals`, { toStageId: own.stage.lost });
    expect(fieldIssues(noReason)).toEqual(['lostReasonId:deal.lost_reason_required']);
    const elsewhere = await admin.post(`/pipelines/${own.id}/stages/${own.stage.offer}/move-deals`, { toStageId: p.stage.lead });
    expect(fieldIssues(elsewhere)).toEqual(['toStageId:deal.stage_mismatch']);
    const manager = await userClient(v, 'sales_manager');
    expect((await manager.client.post(`/pipelines/${own.id}/stages/${own.stage.offer}/move-deals`, { toStageId: own.stage.lead })).status).toBe(403);
    const moved = await admin.post(`/pipelines/${own.id}/stages/${own.stage.offer}/move-deals`, { toStageId: own.stage.lead });
    expect(moved.body).toEqual({ moved: 3 });
    const board = (await admin.get(`/pipelines/${own.id}/board`)).body;
    expect(board.columns.map((c: any) => c.totals.count)).toEqual([3, 0, 0, 0]);
    expect((await admin.delete(`/pipelines/${own.id}/stages/${own.stage.offer}`)).status).toBe(200);
    expect((await admin.delete(`/pipelines/${own.id}`)).body.error).toMatchObject({ code: 'pipeline.has_deals', details: { count: 3 } });
    const reason = await lostReasonId(admin);
    const used = await admin.post(`/pipelines/${own.id}/stages/${own.stage.lead}/move-deals`, { toStageId: own.stage.lost, lostReasonId: reason });
    expect(used.body.moved).toBe(3);
    expect((await admin.delete(`/lost-reasons/${reason}`)).body.error).toMatchObject({ code: 'lost_reason.in_use', details: { count: 3 } });
    const history = (await admin.get(`/deals/${board.columns[0].items[0].id}/stages`)).body.stages;
    expect(history.map((s: any) => s.name)).toEqual(['Offer', 'Lead', 'Lost']);
  });
});

describe.each(engines())('deal access by scope on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let p: TestPipeline;
  let anna: User;
  let boris: User;
  let head: User;
  let outsider: User;
  const deals: Record<string, { id: string; version: number }> = {};

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    p = await makePipeline(admin);
    const east = await makeDepartment(v, 'East');
    const west = await makeDepartment(v, 'West');
    const role = await admin.post('/roles', {
      key: 'dept_head',
      name: 'Department head',
      permissions: { deal: { read: 'department', create: 'department', update: 'department' }, company: { read: 'all' }, pipeline: { read: 'all' } },
    });
    expect(role.status).toBe(201);
    anna = await userClient(v, 'sales_manager', east);
    boris = await userClient(v, 'sales_manager', east);
    head = await userClient(v, 'dept_head', east);
    outsider = await userClient(v, 'sales_manager', west);
    for (const [key, u] of [['anna', anna], ['boris', boris], ['outsider', outsider]] as const) {
      const companyId = await makeCompany(u.client, `Company of ${key}`);
      deals[key] = await makeDeal(u.client, { title: `Secret ${key}`, companyId, pipelineId: p.id, amount: 1000 });
    }
  });
  afterAll(() => v.destroy());

  const visible = async (u: TestClient, query = '') => ((await u.get(`/deals?pipelineId=${p.id}${query}`)).body.items as { title: string }[]).map((d) => d.title).sort();
  const boardTitles = async (u: TestClient, query = '') => {
    const b = (await u.get(`/pipelines/${p.id}/board?${query}`)).body;
    return { titles: b.columns[0].items.map((d: { title: string }) => d.title).sort(), count: b.columns[0].totals.count, sum: b.columns[0].totals.sum };
  };

  it('a manager with scope own sees, searches and moves only their deals', async () => {
    const a = anna.client;
    expect(await visible(a)).toEqual(['Secret anna']);
    expect(await visible(a, '&q=secret')).toEqual(['Secret anna']);
    expect(await visible(a, `&ownerId=${boris.id}`)).toEqual([]);
    expect(await boardTitles(a)).toEqual({ titles: ['Secret anna'], count: 1, sum: 1000 });
    expect(await boardTitles(a, 'q=boris')).toEqual({ titles: [], count: 0, sum: 0 });
    const theirs = deals.boris!;
    for (const res of [
      await a.get(`/deals/${theirs.id}`),
      await a.get(`/deals/${theirs.id}/stages`),
      await a.get(`/deals/${theirs.id}/history`),
      await a.post(`/deals/${theirs.id}/stage`, { version: 1, stageId: p.stage.offer }),
      await a.patch(`/deals/${theirs.id}`, { version: 1, title: 'Mine' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('deal.not_found');
    }
    expect((await a.post(`/deals/${deals.anna!.id}/stage`, { version: 1, stageId: p.stage.offer })).status).toBe(200);
    const giveAway = await a.patch(`/deals/${deals.anna!.id}`, { version: 2, ownerId: boris.id });
    expect(giveAway.status).toBe(403);
    expect(fieldIssues(giveAway)).toEqual(['ownerId:deal.owner_forbidden']);
    const companyOfBoris = (await admin.get(`/deals/${theirs.id}`)).body.companyId;
    const foreignCompany = await a.post('/deals', { title: 'x', companyId: companyOfBoris });
    expect(fieldIssues(foreignCompany)).toEqual(['companyId:deal.company_unknown']);
  });

  it('a head with scope department works with the deals of their department only', async () => {
    const h = head.client;
    expect(await visible(h)).toEqual(['Secret anna', 'Secret boris']);
    expect((await boardTitles(h)).count + (await h.get(`/pipelines/${p.id}/board`)).body.columns[1].totals.count).toBe(2);
    const moved = await h.post(`/deals/${deals.boris!.id}/stage`, { version: 1, stageId: p.stage.won });
    expect(moved.status).toBe(200);
    expect((await h.post(`/deals/${deals.outsider!.id}/stage`, { version: 1, stageId: p.stage.won })).status).toBe(404);
    expect(await visible(h, `&departmentId=${(await v.ctx.database.db.selectFrom('users').select('department_id').where('id', '=', outsider.id).executeTakeFirstOrThrow()).department_id}`)).toEqual([]);
    const reassigned = await h.patch(`/deals/${deals.anna!.id}`, { version: 2, ownerId: boris.id });
    expect(reassigned.body.ownerId).toBe(boris.id);
    expect((await h.patch(`/deals/${deals.anna!.id}`, { version: 3, ownerId: outsider.id })).status).toBe(403);
  });

  it('an administrator sees everything; a marketer reads but may not move', async () => {
    expect(await visible(admin)).toEqual(['Secret anna', 'Secret boris', 'Secret outsider']);
    const marketer = (await userClient(v, 'marketer')).client;
    expect(await visible(marketer)).toHaveLength(3);
    const res = await marketer.post(`/deals/${deals.outsider!.id}/stage`, { version: 1, stageId: p.stage.offer });
    expect(res.status).toBe(403);
    expect((await marketer.post('/deals', { title: 'x', companyId: (await admin.get(`/deals/${deals.outsider!.id}`)).body.companyId })).status).toBe(403);
    expect((await outsider.client.get(`/deals/${deals.outsider!.id}`)).body.version).toBe(1);
  });
});
