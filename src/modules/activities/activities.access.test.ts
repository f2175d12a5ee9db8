import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, makeActivity, makeContact } from '../../../test/activities.js';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues, makeCompany, makeDeal } from '../../../test/deals.js';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { makeDepartment, userClient } from '../../../test/factories.js';

type User = Awaited<ReturnType<typeof userClient>>;
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const subjects = (items: { subject: string }[]) => items.map((a) => a.subject);

describe.each(engines())('activity access and lists on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let anna: User;
  let boris: User;
  let head: User;
  let outsider: User;
  let westId: string;
  const mine: Record<string, { id: string; companyId: string }> = {};

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    const east = await makeDepartment(v, 'East');
    westId = await makeDepartment(v, 'West');
    const role = await admin.post('/roles', {
      key: 'dept_head',
      name: 'Department head',
      permissions: {
        activity: { read: 'department', create: 'department', update: 'department', delete: 'department' },
        company: { read: 'all' },
        contact: { read: 'all' },
        deal: { read: 'department' },
      },
    });
    expect(role.status).toBe(201);
    anna = await userClient(v, 'sales_manager', east);
    boris = await userClient(v, 'sales_manager', east);
    head = await userClient(v, 'dept_head', east);
    outsider = await userClient(v, 'sales_manager', westId);
    for (const [key, u] of [['anna', anna], ['boris', boris], ['outsider', outsider]] as const) {
      const companyId = await makeCompany(u.client, `Company of ${key}`);
      mine[key] = { id: (await makeActivity(u.client, { companyId, subject: `Call of ${key}` })).id, companyId };
    }
  });
  afterAll(() => v.destroy());

  const listed = async (u: TestClient, query = '') => subjects((await u.get(`/activities?sort=planned${query}`)).body.items).sort();

  it('a manager with scope own reads, lists and changes only their activities', async () => {
    const a = anna.client;
    expect(await listed(a)).toEqual(['Call of anna']);
    expect(await listed(a, `&ownerId=${boris.id}`)).toEqual([]);
    const theirs = mine.boris!.id;
    for (const res of [
      await a.get(`/activities/${theirs}`),
      await a.patch(`/activities/${theirs}`, { version: 1, subject: 'Mine' }),
      await a.delete(`/activities/${theirs}`),
      await a.post(`/activities/${theirs}/complete`, { nextStep: { none: true } }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('activity.not_found');
    }
    const forBoris = await a.post('/activities', { type: 'call', plannedDate: '2030-01-01', ownerId: boris.id });
    expect(forBoris.status).toBe(403);
    expect(fieldIssues(forBoris)).toEqual(['ownerId:activity.owner_forbidden']);
    const foreignCompany = await a.post('/activities', { type: 'call', plannedDate: '2030-01-01', companyId: mine.boris!.companyId });
    expect(fieldIssues(foreignCompany)).toEqual(['companyId:activity.company_unknown']);
    const handOver = await a.post(`/activities/${mine.anna!.id}/complete`, { nextStep: { type: 'call', plannedDate: '2030-01-01', ownerId: boris.id } });
    expect(fieldIssues(handOver)).toEqual(['nextStep.ownerId:activity.owner_forbidden']);
    expect((await a.get(`/companies/${mine.boris!.companyId}/timeline`)).status).toBe(404);
  });

  it('a head with scope department sees and changes the activities of their department only', async () => {
    const h = head.client;
    expect(await listed(h)).toEqual(['Call of anna', 'Call of boris']);
    expect(await listed(h, `&departmentId=${westId}`)).toEqual([]);
    const changed = await h.patch(`/activities/${mine.boris!.id}`, { version: 1, ownerId: anna.id });
    expect(changed.body.ownerId).toBe(anna.id);
    expect((await h.patch(`/activities/${mine.boris!.id}`, { version: 2, ownerId: outsider.id })).status).toBe(403);
    expect((await h.get(`/activities/${mine.outsider!.id}`)).status).toBe(404);
    expect(await listed(admin, `&departmentId=${westId}`)).toEqual(['Call of outsider']);
    const marketer = (await userClient(v, 'marketer')).client;
    expect(await listed(marketer)).toHaveLength(3);
    expect((await marketer.post('/activities', { type: 'call', plannedDate: '2030-01-01' })).status).toBe(403);
  });

  it('filters by company, deal, contact, types, status, dates, promises and overdue', async () => {
    const companyId = await makeCompany(admin, 'Filter Co');
    const contactId = await makeContact(admin, 'Фильтр');
    const deal = await makeDeal(admin, { title: 'Filter deal', companyId });
    const make = (subject: string, body: Record<string, unknown>) => makeActivity(admin, { companyId, subject, ...body });
    await make('yesterday', { plannedDate: dayOffset(-1) });
    await make('today untimed', { type: 'meeting', plannedDate: dayOffset(0), contactIds: [contactId] });
    await make('missed promise', { plannedDate: dayOffset(-2), plannedTime: '08:00', dealId: deal.id });
    await make('future promise', { type: 'email', plannedDate: dayOffset(3), plannedTime: '12:00' });
    await make('logged', { type: 'note', plannedDate: undefined, contactIds: [contactId] });
    const q = (query: string) => listed(admin, `&companyId=${companyId}${query}`);
    expect(await q('')).toHaveLength(5);
    expect(await q('&overdue=true')).toEqual(['missed promise', 'yesterday']);
    expect(await q('&overdue=false')).toEqual(['future promise', 'logged', 'today untimed']);
    expect(await q('&promises=true')).toEqual(['future promise', 'missed promise']);
    expect(await q('&promises=false&status=open')).toEqual(['today untimed', 'yesterday']);
    expect(await q('&type=meeting,email')).toEqual(['future promise', 'today untimed']);
    expect(await q('&status=done')).toEqual(['logged']);
    expect(await q(`&contactId=${contactId}`)).toEqual(['logged', 'today untimed']);
    expect(await q(`&dealId=${deal.id}`)).toEqual(['missed promise']);
    expect(await q(`&from=${dayOffset(-1)}&to=${dayOffset(0)}`)).toEqual(['logged', 'today untimed', 'yesterday']);
    const bad = await admin.get('/activities?type=visit&limit=501&sort=up');
    expect(fieldIssues(bad).map((f) => f.split(':')[0]).sort()).toEqual(['query.limit', 'query.sort', 'query.type.0']);
  });

  it('pages through every sort with keyset cursors, without losses or repeats', async () => {
    const companyId = await makeCompany(admin, 'Paging Co');
    for (let i = 0; i < 7; i++) {
      await makeActivity(admin, { companyId, subject: `p${i}`, plannedDate: dayOffset(i % 3), ...(i % 2 ? { plannedTime: `1${i}:00` } : {}) });
    }
    for (const i of [7, 8]) await makeActivity(admin, { companyId, subject: `p${i}`, plannedDate: undefined, done: true });
    for (const sort of ['planned', '-planned', 'doneAt', '-doneAt', '-createdAt']) {
      const whole = subjects((await admin.get(`/activities?companyId=${companyId}&sort=${sort}&limit=500`)).body.items);
      const paged = subjects(await allPages(admin, `/activities?companyId=${companyId}&sort=${sort}&limit=2`));
      expect(paged).toEqual(whole);
      expect(new Set(paged).size).toBe(9);
    }
    const planned = subjects((await admin.get(`/activities?companyId=${companyId}&sort=planned&status=open`)).body.items);
    // A day's untimed activities come before its promises.
    expect(planned).toEqual(['p0', 'p6', 'p3', 'p4', 'p1', 'p2', 'p5']);
  });
});
