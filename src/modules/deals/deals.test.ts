import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues, lostReasonId, makeCompany, makeDeal, makePipeline, type TestPipeline } from '../../../test/deals.js';

describe.each(engines())('deals on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let pipeline: TestPipeline;
  let companyId: string;
  const auditOf = (id: string) =>
    v.ctx.database.db.selectFrom('audit_log').select(['action', 'field', 'old_value', 'new_value']).where('entity_id', '=', id).orderBy('id').execute();

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    pipeline = await makePipeline(admin);
    companyId = await makeCompany(admin, 'ООО Ромашка');
  });
  afterAll(() => v.destroy());

  it('computes line amounts with discounts and VAT on top, included, or none; the amount is the gross total', async () => {
    const deal = await makeDeal(admin, {
      title: 'Поставка',
      companyId,
      pipelineId: pipeline.id,
      lines: [
        { name: 'Лицензия', quantity: 3, unitPrice: 10000, discountPercent: 10, vatRate: 22 },
        { name: 'Внедрение', quantity: 1.5, unitPrice: 12200, discountAmount: 200, vatRate: 22, vatIncluded: true },
        { name: 'Обучение', quantity: 2, unitPrice: 5000, vatRate: null },
      ],
    });
    expect(deal.lines.map((l: any) => [l.net, l.vat, l.gross])).toEqual([
      [27000, 5940, 32940],
      [14836, 3264, 18100],
      [10000, 0, 10000],
    ]);
    expect(deal.lines[1]).toMatchObject({ quantity: 1.5, discountAmount: 200, discountPercent: null, vatRate: 22, vatIncluded: true, isBundle: false, productId: null });
    expect(deal.totals).toEqual({ net: 51836, vat: 9204, gross: 61040 });
    expect(deal).toMatchObject({ amount: 61040, amountMode: 'auto', currency: 'RUB', stageId: pipeline.stage.lead, status: 'open', probability: 10, probabilityManual: false, type: 'new', version: 1 });
    expect(deal.companyName).toBe('ООО Ромашка');

    const manual = await admin.patch(`/deals/${deal.id}`, { version: 1, amount: 50000 });
    expect(manual.body).toMatchObject({ amount: 50000, amountMode: 'manual', version: 2 });
    const relined = await admin.patch(`/deals/${deal.id}`, { version: 2, lines: [{ name: 'X', quantity: 1, unitPrice: 700, vatRate: 20 }] });
    expect(relined.body).toMatchObject({ amount: 50000, totals: { gross: 840 } });
    const auto = await admin.patch(`/deals/${deal.id}`, { version: 3, amountMode: 'auto' });
    expect(auto.body.amount).toBe(840);
    const both = await admin.patch(`/deals/${deal.id}`, { version: 4, amountMode: 'auto', amount: 5 });
    expect(fieldIssues(both)).toEqual(['amount:deal.amount_auto']);
  });

  it('prices product and bundle lines from the catalog', async () => {
    const priceTypeId = (await admin.get('/price-types')).body.items[0].id;
    const product = async (body: Record<string, unknown>) => {
      const res = await admin.post('/products', { vatRate: 22, ...body });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const account = await product({ name: 'Счёт', kind: 'service', prices: [{ priceTypeId, amount: 10000 }] });
    const card = await product({ name: 'Карта', prices: [{ priceTypeId, amount: 5000 }] });
    const bundle = await product({
      name: 'Пакет «Бизнес»',
      kind: 'bundle',
      bundlePriceMode: 'sum_coefficient',
      bundleCoefficient: 0.9,
      components: [{ productId: account, quantity: 1 }, { productId: card, quantity: 2 }],
    });
    const deal = await makeDeal(admin, { companyId, pipelineId: pipeline.id, lines: [{ productId: bundle, quantity: 2 }, { productId: card, quantity: 1, unitPrice: 4500, discountPercent: 5 }] });
    expect(deal.lines[0]).toMatchObject({ name: 'Пакет «Бизнес»', unitPrice: 18000, vatRate: 22, net: 36000, vat: 7920, gross: 43920, isBundle: true, productId: bundle });
    expect(deal.lines[0].components).toEqual([
      { productId: account, name: 'Счёт', quantity: 1 },
      { productId: card, name: 'Карта', quantity: 2 },
    ]);
    expect(deal.lines[1]).toMatchObject({ name: 'Карта', unitPrice: 4500, net: 4275, isBundle: false });
    expect(deal.amount).toBe(43920 + 4275 + 941);
    const missing = await admin.post('/deals', { title: 'x', companyId, lines: [{ productId: '00000000-0000-7000-8000-000000000000', quantity: 1 }] });
    expect(fieldIssues(missing)).toEqual(['lines.0.productId:deal.product_unknown']);
    const used = await admin.delete(`/products/${card}`);
    expect(used.status).toBe(409);
    expect(used.body.error.code).toBe('product.in_use');
  });

  it('names every bad field', async () => {
    const res = await admin.post('/deals', {
      title: '',
      companyId: 'nope',
      currency: 'rubles',
      probability: 101,
      expectedCloseDate: '2026-13-01',
      lines: [{ quantity: 0.0001, unitPrice: -1, discountPercent: 12.345, vatRate: 22 }, { name: 'ok', quantity: 1, bogus: 1 }],
      extra: true,
    });
    expect(res.status).toBe(422);
    expect(fieldIssues(res)).toEqual(
      expect.arrayContaining([
        'title:validation.too_small',
        'companyId:validation.invalid_format',
        'currency:validation.invalid_format',
        'probability:validation.too_big',
        'expectedCloseDate:validation.invalid_format',
        'lines.0.quantity:deal.quantity_precision',
        'lines.0.unitPrice:validation.too_small',
        'lines.0.discountPercent:deal.discount_precision',
        'lines.1.bogus:validation.unknown_field',
        'extra:validation.unknown_field',
      ]),
    );
    const noPrice = await admin.post('/deals', { title: 'x', companyId, lines: [{ quantity: 1 }, { name: 'Big discount', quantity: 1, unitPrice: 100, discountAmount: 101 }] });
    expect(fieldIssues(noPrice)).toEqual(['lines.0.name:validation.required', 'lines.0.unitPrice:validation.required', 'lines.1.discountAmount:line.discount_too_large']);
    const unknown = await admin.post('/deals', { title: 'x', companyId: '00000000-0000-7000-8000-000000000000', currency: 'XXQ' });
    expect(fieldIssues(unknown)).toEqual(['companyId:deal.company_unknown']);
    const currency = await admin.post('/deals', { title: 'x', companyId, currency: 'XXQ' });
    expect(fieldIssues(currency)).toEqual(['currency:deal.currency_unknown']);
    const stage = await admin.post('/deals', { title: 'x', companyId, pipelineId: pipeline.id, stageId: (await makePipeline(admin)).stage.lead });
    expect(fieldIssues(stage)).toEqual(['stageId:deal.stage_mismatch']);
  });

  it('answers a stale save with 409, the current deal and the fields changed since', async () => {
    const deal = await makeDeal(admin, { companyId, pipelineId: pipeline.id, amount: 1000 });
    const first = await admin.patch(`/deals/${deal.id}`, { version: 1, title: 'Renamed', amount: 2000 });
    expect(first.status).toBe(200);
    const second = await admin.patch(`/deals/${deal.id}`, { version: 1, expectedCloseDate: '2026-12-31' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('deal.version_conflict');
    expect(second.body.error.details.changedFields).toEqual(['amount', 'title']);
    expect(second.body.error.details.current).toMatchObject({ title: 'Renamed', amount: 2000, version: 2, expectedCloseDate: null });
    const moved = await admin.post(`/deals/${deal.id}/stage`, { version: 2, stageId: pipeline.stage.offer });
    const stale = await admin.post(`/deals/${deal.id}/stage`, { version: 2, stageId: pipeline.stage.won });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.changedFields).toEqual(['stageId']);
    const later = await admin.patch(`/deals/${deal.id}`, { version: 1, type: 'repeat' });
    expect(later.body.error.details.changedFields).toEqual(['amount', 'stageId', 'title']);
    expect(moved.body.version).toBe(3);
    const races = await Promise.all([1, 2, 3].map((i) => admin.patch(`/deals/${deal.id}`, { version: 3, title: `Race ${i}` })));
    expect(races.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('needs a reason to lose a deal, sets and clears the close date, and makes the company current on its first win', async () => {
    const client = await makeCompany(admin, 'Потенциальный клиент');
    const deal = await makeDeal(admin, { companyId: client, pipelineId: pipeline.id, amount: 500, probability: 70 });
    expect(deal).toMatchObject({ probability: 70, probabilityManual: true });
    const noReason = await admin.post(`/deals/${deal.id}/stage`, { version: 1, stageId: pipeline.stage.lost });
    expect(noReason.status).toBe(422);
    expect(fieldIssues(noReason)).toEqual(['lostReasonId:deal.lost_reason_required']);
    const reason = await lostReasonId(admin);
    const lost = await admin.post(`/deals/${deal.id}/stage`, { version: 1, stageId: pipeline.stage.lost, lostReasonId: reason, lostComment: 'Дорого' });
    expect(lost.body).toMatchObject({ status: 'lost', lostReasonId: reason, lostReasonName: 'Цена', lostComment: 'Дорого', probability: 0, probabilityManual: false });
    expect(lost.body.closedAt).toEqual(expect.any(String));
    expect((await admin.get(`/companies/${client}`)).body.status).toBe('potential');
    const reopened = await admin.post(`/deals/${deal.id}/stage`, { version: 2, stageId: pipeline.stage.offer });
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null, lostReasonId: null, lostComment: null, probability: 50 });
    const reasonOnOpen = await admin.patch(`/deals/${deal.id}`, { version: 3, lostReasonId: reason });
    expect(fieldIssues(reasonOnOpen)).toEqual(['lostReasonId:deal.not_lost']);
    const won = await admin.post(`/deals/${deal.id}/stage`, { version: 3, stageId: pipeline.stage.won });
    expect(won.body).toMatchObject({ status: 'won', probability: 100 });
    const company = (await admin.get(`/companies/${client}`)).body;
    expect(company.status).toBe('current');
    const companyHistory = await auditOf(client);
    expect(companyHistory.filter((h) => h.field === 'status')).toEqual([{ action: 'update', field: 'status', old_value: 'potential', new_value: 'current' }]);
    const dealHistory = (await admin.get(`/deals/${deal.id}/history?limit=500`)).body.items;
    expect(dealHistory.filter((h: any) => h.field === 'stageId').map((h: any) => h.newValue)).toEqual([pipeline.stage.won, pipeline.stage.offer, pipeline.stage.lost]);
    expect(dealHistory.at(-1)).toMatchObject({ action: 'create', field: null });
    const page = await admin.get(`/deals/${deal.id}/history?limit=2`);
    const rest = await admin.get(`/deals/${deal.id}/history?limit=500&cursor=${page.body.nextCursor}`);
    expect([...page.body.items, ...rest.body.items].map((h: any) => h.id)).toEqual(dealHistory.map((h: any) => h.id));
  });

  it('keeps deals with their company: deletion refused, merge moves them', async () => {
    const a = await makeCompany(admin, 'Merge target');
    const b = await makeCompany(admin, 'Merge source');
    const deal = await makeDeal(admin, { companyId: b, pipelineId: pipeline.id });
    const del = await admin.delete(`/companies/${b}`);
    expect(del.status).toBe(409);
    expect(del.body.error).toMatchObject({ code: 'company.in_use', details: { table: 'deals' } });
    expect((await admin.post(`/companies/${a}/merge`, { sourceId: b })).status).toBe(200);
    expect((await admin.get(`/deals/${deal.id}`)).body.companyId).toBe(a);
  });

  it('deletes a deal with its lines and history, and audits create, update and delete', async () => {
    const deal = await makeDeal(admin, { companyId, pipelineId: pipeline.id, lines: [{ name: 'L', quantity: 1, unitPrice: 1 }] });
    await admin.patch(`/deals/${deal.id}`, { version: 1, sourceChannel: 'Выставка' });
    expect((await admin.delete(`/deals/${deal.id}`)).status).toBe(204);
    expect((await admin.get(`/deals/${deal.id}`)).status).toBe(404);
    const db = v.ctx.database.db;
    expect(await db.selectFrom('deal_lines').select('id').where('deal_id', '=', deal.id).execute()).toEqual([]);
    const actions = (await auditOf(deal.id)).map((h) => `${h.action}:${h.field ?? ''}`);
    expect(actions[0]).toBe('create:');
    expect(actions).toContain('update:sourceChannel');
    expect(actions).toContain('delete:title');
  });
});
