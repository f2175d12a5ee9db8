import { newId } from '../src/platform/ids.js';
import type { TestVoronka } from './engines.js';
import { makeDepartment, userClient } from './factories.js';
import { makePipeline } from './deals.js';

/**
 * The fixed data set of the report tests, written straight to the tables (fixed dates, currencies and stages).
 * Anna (department North) and Boris (South) are sales managers; 2026; base currency RUB, 1 EUR = 100 RUB.
 *
 * deal  owner stage  created     closed      amount       source     lines (product group: gross)
 * d1    anna  Lead   2026-01-10  -           100.00 RUB   web        -: 100.00
 * d2    anna  Won    2026-01-20  2026-02-05  300.00 RUB   web        G1: 200.00, G2: 100.00
 * d3    anna  Lost   2026-02-03  2026-02-20  200.00 RUB   phone      G1: 200.00
 * d4    anna  Won    2026-02-15  2026-03-01   10.00 EUR   referral
 * d5    boris Offer  2026-01-05  -           500.00 RUB   web
 * d6    boris Won    2026-02-10  2026-02-28  400.00 RUB   phone
 * d7    boris Lost   2026-03-01  2026-03-10   50.00 RUB   web
 * d8    boris Lost   2025-12-30  2026-01-15   70.00 RUB   web
 *
 * activities: anna call done 03-02, call open 03-03, meeting done 03-10, email done 02-27;
 *             boris call done 03-05, proposal open 03-20.
 * companies: c1 anna current, c2 anna potential, c3 boris lost.
 */
export async function seedReportData(v: TestVoronka) {
  const db = v.ctx.database.db;
  const north = await makeDepartment(v, 'North');
  const south = await makeDepartment(v, 'South');
  const admin = await userClient(v, 'admin');
  const head = await userClient(v, 'head_of_sales', north);
  const anna = await userClient(v, 'sales_manager', north);
  const boris = await userClient(v, 'sales_manager', south);
  await db.updateTable('users').set({ name: 'Anna' }).where('id', '=', anna.id).execute();
  await db.updateTable('users').set({ name: 'Boris' }).where('id', '=', boris.id).execute();
  const rate = await admin.client.post('/exchange-rates', { date: '2025-01-01', currency: 'EUR', rate: 100 });
  if (rate.status !== 201) throw new Error(`rate: ${JSON.stringify(rate.body)}`);
  const pipeline = await makePipeline(admin.client, 'Reports');
  const group = async (name: string) => (await admin.client.post('/product-groups', { name })).body.id as string;
  const g1 = await group('G1');
  const g2 = await group('G2');
  const product = async (name: string, groupId: string) => {
    const res = await admin.client.post('/products', { name, kind: 'product', groupId });
    if (res.status !== 201) throw new Error(`product: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const p1 = await product('P1', g1);
  const p2 = await product('P2', g2);

  const now = '2026-06-01T00:00:00.000Z';
  const companies: Record<string, string> = {};
  for (const [key, owner, status] of [['c1', anna.id, 'current'], ['c2', anna.id, 'potential'], ['c3', boris.id, 'lost']] as const) {
    const id = newId();
    companies[key] = id;
    await db.insertInto('companies').values({
      id, name: `Company ${key}`, name_normalized: `company ${key}`, legal_form: null, inn: null, kpp: null, ogrn: null, okpo: null, okved_main: null,
      okved_extra: '[]', eik: null, vat_number: null, industry: null, activity_type: null, status, status_changed_at: now, director_name: null,
      director_position: null, website: null, source: null, owner_id: owner, addresses: '[]', city: null, notes: null, custom: '{}',
      search_text: `company ${key}`, version: 1, created_by: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: now,
    }).execute();
  }
  const { stage } = pipeline;
  const deals = [
    ['d1', anna.id, stage.lead, '2026-01-10', null, 10000, 'RUB', 'web', 'c1'],
    ['d2', anna.id, stage.won, '2026-01-20', '2026-02-05', 30000, 'RUB', 'web', 'c1'],
    ['d3', anna.id, stage.lost, '2026-02-03', '2026-02-20', 20000, 'RUB', 'phone', 'c2'],
    ['d4', anna.id, stage.won, '2026-02-15', '2026-03-01', 1000, 'EUR', 'referral', 'c2'],
    ['d5', boris.id, stage.offer, '2026-01-05', null, 50000, 'RUB', 'web', 'c3'],
    ['d6', boris.id, stage.won, '2026-02-10', '2026-02-28', 40000, 'RUB', 'phone', 'c3'],
    ['d7', boris.id, stage.lost, '2026-03-01', '2026-03-10', 5000, 'RUB', 'web', 'c3'],
    ['d8', boris.id, stage.lost, '2025-12-30', '2026-01-15', 7000, 'RUB', 'web', 'c3'],
  ] as const;
  const dealIds: Record<string, string> = {};
  for (const [key, owner, stageId, created, closed, amount, currency, source, company] of deals) {
    const id = newId();
    dealIds[key] = id;
    await db.insertInto('deals').values({
      id, title: key, company_id: companies[company]!, pipeline_id: pipeline.id, stage_id: stageId, owner_id: owner, type: 'new',
      source_channel: source, source_campaign: null, amount, amount_mode: 'manual', currency, expected_close_date: null, probability: null,
      lost_reason_id: null, lost_comment: null, closed_at: closed ? `${closed}T12:00:00.000Z` : null, stage_entered_at: `${closed ?? created}T12:00:00.000Z`,
      field_versions: '{}', search_text: key, version: 1, created_by: owner, created_at: `${created}T09:30:00.000Z`, updated_at: now,
    }).execute();
  }
  const line = (deal: string, sort: number, productId: string | null, gross: number) => ({
    id: newId(), deal_id: dealIds[deal]!, sort, product_id: productId, name: `line ${deal}.${sort}`, quantity: 1000, unit_price: gross,
    discount_percent: null, discount_amount: null, vat_rate: null, vat_included: 0, net: gross, vat: 0, gross, is_bundle: 0, components: null,
  });
  await db.insertInto('deal_lines').values([line('d1', 0, null, 10000), line('d2', 0, p1, 20000), line('d2', 1, p2, 10000), line('d3', 0, p1, 20000)]).execute();

  const activities = [
    [anna.id, 'call', 'done', '2026-03-02'],
    [anna.id, 'call', 'open', '2026-03-03'],
    [anna.id, 'meeting', 'done', '2026-03-10'],
    [anna.id, 'email', 'done', '2026-02-27'],
    [boris.id, 'call', 'done', '2026-03-05'],
    [boris.id, 'proposal', 'open', '2026-03-20'],
  ] as const;
  for (const [owner, type, status, day] of activities) {
    await db.insertInto('activities').values({
      id: newId(), type, direction: null, status, company_id: null, deal_id: null, owner_id: owner, planned_date: day, planned_time: null,
      planned_at: null, planned_key: day, done_at: status === 'done' ? `${day}T10:00:00.000Z` : null, result: null, call_result: null,
      duration_sec: null, claim_status: null, subject: null, notes: null, next_step_declined: 0, next_step_reason: null, previous_id: null,
      timeline_at: `${day}T10:00:00.000Z`, search_text: '', version: 1, created_by: owner, created_at: `${day}T08:00:00.000Z`, updated_at: now,
    }).execute();
  }
  return { admin, head, anna, boris, north, south, pipeline, g1, g2, p1, p2, dealIds };
}
