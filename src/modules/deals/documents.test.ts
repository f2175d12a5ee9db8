import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { TestClient } from '../../../test/client.js';
import { fieldIssues, makeCompany, makeDeal } from '../../../test/deals.js';

const year = new Date().getUTCFullYear();

describe.each(engines())('deal documents on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let deal: any;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    const companyId = await makeCompany(admin, 'Docs client');
    deal = await makeDeal(admin, {
      companyId,
      lines: [
        { name: 'Консультация', quantity: 2, unitPrice: 15000, vatRate: 22 },
        { name: 'Отчёт', quantity: 1, unitPrice: 12200, vatRate: 22, vatIncluded: true, discountPercent: 10 },
      ],
    });
  });
  afterAll(() => v.destroy());

  it('creates a numbered draft proposal with a copy of the deal lines', async () => {
    const res = await admin.post(`/deals/${deal.id}/documents`, { kind: 'proposal', validUntil: `${year}-12-31`, note: 'Цены действительны 30 дней' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'proposal', number: `КП-${year}-0001`, status: 'draft', currency: 'RUB', version: 1, validUntil: `${year}-12-31` });
    expect(res.body.lines.map((l: any) => [l.name, l.net, l.vat, l.gross])).toEqual(deal.lines.map((l: any) => [l.name, l.net, l.vat, l.gross]));
    expect(res.body.totals).toEqual(deal.totals);
    const order = await admin.post(`/deals/${deal.id}/documents`, { kind: 'order', lines: [{ name: 'Консультация', quantity: 1, unitPrice: 15000, vatRate: 22 }] });
    expect(order.body).toMatchObject({ number: `ЗК-${year}-0001`, totals: { net: 15000, vat: 3300, gross: 18300 } });
    const old = await admin.post(`/deals/${deal.id}/documents`, { kind: 'proposal', date: '2025-06-30' });
    expect(old.body.number).toBe('КП-2025-0001');
  });

  it('numbers concurrent creations consecutively without gaps or repeats', async () => {
    const before = (await admin.get(`/deals/${deal.id}/documents`)).body.items.filter((d: any) => d.kind === 'proposal' && d.date.startsWith(String(year))).length;
    const results = await Promise.all(Array.from({ length: 10 }, () => admin.post(`/deals/${deal.id}/documents`, { kind: 'proposal' })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const numbers = results.map((r) => r.body.number).sort();
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => `КП-${year}-${String(before + i + 1).padStart(4, '0')}`));
    const bad = await admin.post(`/deals/${deal.id}/documents`, { kind: 'proposal', lines: [{ name: 'x', quantity: -1, unitPrice: 1 }] });
    expect(fieldIssues(bad)).toEqual(['lines.0.quantity:validation.too_small']);
    const next = await admin.post(`/deals/${deal.id}/documents`, { kind: 'proposal' });
    expect(next.body.number).toBe(`КП-${year}-${String(before + 11).padStart(4, '0')}`);
  });

  it('edits drafts only and follows the status transitions', async () => {
    const doc = (await admin.post(`/deals/${deal.id}/documents`, { kind: 'order' })).body;
    const url = `/deals/${deal.id}/documents/${doc.id}`;
    const edited = await admin.patch(url, { version: 1, lines: [{ name: 'Только отчёт', quantity: 3, unitPrice: 1000, vatRate: 20 }], note: 'v2' });
    expect(edited.body).toMatchObject({ version: 2, note: 'v2', totals: { net: 3000, vat: 600, gross: 3600 } });
    const stale = await admin.patch(url, { version: 1, note: 'v3' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'deal_document.version_conflict', details: { current: { version: 2 } } });
    const skip = await admin.patch(url, { version: 2, status: 'accepted' });
    expect(fieldIssues(skip)).toEqual(['status:deal_document.status_transition']);
    const sent = await admin.patch(url, { version: 2, status: 'sent' });
    expect(sent.body.status).toBe('sent');
    const editSent = await admin.patch(url, { version: 3, note: 'late' });
    expect(editSent.status).toBe(409);
    expect(editSent.body.error.code).toBe('deal_document.not_draft');
    expect((await admin.delete(url)).body.error.code).toBe('deal_document.not_draft');
    const otherYear = await admin.patch(url, { version: 3, status: 'draft' });
    expect(fieldIssues(await admin.patch(url, { version: otherYear.body.version, date: '2020-01-01' }))).toEqual(['date:deal_document.year_change']);
    await admin.patch(url, { version: 4, status: 'sent' });
    const accepted = await admin.patch(url, { version: 5, status: 'accepted' });
    expect(accepted.body.status).toBe('accepted');
    expect(fieldIssues(await admin.patch(url, { version: 6, status: 'draft' }))).toEqual(['status:deal_document.status_transition']);
    const history = await v.ctx.database.db.selectFrom('audit_log').select(['field', 'new_value']).where('entity_id', '=', doc.id).where('field', '=', 'status').orderBy('id').execute();
    expect(history.map((h) => h.new_value)).toEqual(['draft', 'sent', 'draft', 'sent', 'accepted']);
    const draft = (await admin.post(`/deals/${deal.id}/documents`, { kind: 'order' })).body;
    expect((await admin.delete(`/deals/${deal.id}/documents/${draft.id}`)).status).toBe(204);
    expect((await admin.get(`/deals/${deal.id}/documents/${draft.id}`)).status).toBe(404);
  });

  it('hides the documents of deals outside the scope', async () => {
    const manager = (await userClient(v, 'sales_manager')).client;
    expect((await manager.get(`/deals/${deal.id}/documents`)).status).toBe(404);
    expect((await manager.post(`/deals/${deal.id}/documents`, { kind: 'proposal' })).status).toBe(404);
  });
});
