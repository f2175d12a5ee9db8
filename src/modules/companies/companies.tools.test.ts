import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import { insertCompany } from '../../../test/company-rows.js';
import type { TestClient } from '../../../test/client.js';
import { mergeCompanies } from './companies.merge.js';
import { CompaniesService } from './companies.service.js';

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** A minimal RFC 4180 reader: quoted cells may hold the delimiter, doubled quotes and line breaks. */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe.each(engines())('company duplicates on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let base: { id: string; name: string };
  let bg: { id: string; name: string };
  const countNamed = async (name: string) => (await v.ctx.database.db.selectFrom('companies').select('id').where('name', '=', name).execute()).length;

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    base = (
      await admin.post('/companies', {
        name: 'ООО «Альфа-Трейд»',
        legalForm: 'ООО',
        inn: '7707083893',
        kpp: '773601001',
        phones: [{ raw: '+7 495 111-22-33' }],
        emails: [{ email: 'sales@alfa-trade.ru' }],
      })
    ).body;
    bg = (await admin.post('/companies', { name: 'Софтуер', legalForm: 'ЕООД', eik: '175074752' })).body;
    expect(base.id && bg.id).toBeTruthy();
  });
  afterAll(() => v.destroy());

  it('answers 409 company.duplicate listing the match and its reason, and creates nothing', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: 'Совсем другое', inn: '7707083893' }, 'inn', base.id],
      [{ name: 'Филиал', inn: '7707 083 893', kpp: '773601001' }, 'inn', base.id],
      [{ name: 'Бета', phones: [{ raw: '8 (495) 111-22-33' }] }, 'phone', base.id],
      [{ name: 'Гамма', phones: [{ raw: '+7 916 000 00 00' }, { raw: '4951112233' }] }, 'phone', base.id],
      [{ name: 'Дельта', emails: [{ email: 'SALES@Alfa-Trade.ru' }] }, 'email', base.id],
      [{ name: 'Эпсилон', eik: '175 074 752' }, 'eik', bg.id],
      [{ name: 'Альфа Трейт' }, 'name', base.id],
      [{ name: 'АО "Альфа-Трейд"' }, 'name', base.id],
      [{ name: 'альфа трейд' }, 'name', base.id],
      [{ name: 'Софтуер ООД' }, 'name', bg.id],
    ];
    for (const [body, reason, id] of cases) {
      const res = await admin.post('/companies', body);
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.body.error.code).toBe('company.duplicate');
      expect(res.body.error.details.candidates, JSON.stringify(body)).toEqual([
        { id, name: id === base.id ? base.name : bg.name, inn: id === base.id ? '7707083893' : null, reason },
      ]);
      expect(await countNamed(body.name as string)).toBe(0);
    }
  });

  it('reports each company once under its strongest reason and lists several matches', async () => {
    const res = await admin.post('/companies', { name: 'Альфа-Трейд', inn: '7707083893', phones: [{ raw: '+74951112233' }], eik: '175074752' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.candidates.map((c: { id: string; reason: string }) => [c.id, c.reason])).toEqual([
      [base.id, 'inn'],
      [bg.id, 'eik'],
    ]);
  });

  it('creates unrelated companies and branches with another KPP without a warning', async () => {
    expect((await admin.post('/companies', { name: 'Омега' })).status).toBe(201);
    expect((await admin.post('/companies', { name: 'Альфа-Трейд, филиал в Казани', inn: '7707083893', kpp: '165545001' })).status).toBe(201);
    expect((await admin.post('/companies', { name: 'Alfa', phones: [{ raw: '+7 495 111-22-34' }] })).status).toBe(201);
  });

  it('creates a duplicate when confirmed, and both are found by GET /companies/duplicates', async () => {
    const res = await admin.post('/companies', { name: 'Альфа-Трейд', inn: '7707083893', confirmDuplicate: true });
    expect(res.status).toBe(201);
    const lookup = async (params: Record<string, string>) => {
      const r = await admin.get(`/companies/duplicates?${qs(params)}`);
      expect(r.status).toBe(200);
      return (r.body.candidates as { id: string; reason: string }[]).map((c) => `${c.id === base.id ? 'base' : c.id === bg.id ? 'bg' : c.id === res.body.id ? 'copy' : c.id}:${c.reason}`);
    };
    expect(await lookup({ inn: '7707083893', kpp: '773601001' })).toEqual(['base:inn', 'copy:inn']);
    expect(await lookup({ phone: '8 495 111 22 33' })).toEqual(['base:phone']);
    expect(await lookup({ email: 'Sales@Alfa-Trade.RU' })).toEqual(['base:email']);
    expect(await lookup({ eik: '175074752' })).toEqual(['bg:eik']);
    expect((await lookup({ name: 'ООО Альфа Трейд' })).sort()).toEqual(['base:name', 'copy:name']);
    expect(await lookup({ name: 'Совсем не похоже' })).toEqual([]);
    expect(await lookup({})).toEqual([]);
    const bad = await admin.get('/companies/duplicates?color=red');
    expect(bad.status).toBe(422);
  });
});

describe.each(engines())('company merge on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
  });
  afterAll(() => v.destroy());

  const upload = (companyId: string, name: string) => {
    const f = new FormData();
    f.append('file', new File([name], name, { type: 'text/plain' }));
    return admin.post(`/attachments/company/${companyId}`, f);
  };

  it('keeps every linked item in the survivor, deletes the loser and writes the merge into history', async () => {
    const target = (
      await admin.post('/companies', {
        name: 'Слияние Цель',
        inn: '7736050003',
        phones: [{ raw: '+7 495 222-33-44' }],
        emails: [{ email: 'target@merge.ru' }],
        tags: ['a'],
        notes: 'target notes',
      })
    ).body;
    const source = (
      await admin.post('/companies', {
        name: 'Слияние Источник',
        industry: 'IT',
        phones: [{ raw: '8 (495) 222-33-44' }, { kind: 'mobile', raw: '+7 916 555 66 77' }],
        emails: [{ email: 'source@merge.ru' }, { email: 'target@merge.ru' }],
        tags: ['a', 'b'],
        addresses: [{ kind: 'actual', city: 'Тверь' }],
        notes: 'source notes',
        confirmDuplicate: true,
      })
    ).body;
    const shared = (await admin.post('/contacts', { firstName: 'Общий', companies: [{ companyId: target.id }, { companyId: source.id, isPrimary: true }] })).body;
    const onlySource = (await admin.post('/contacts', { firstName: 'Только', lastName: 'Источник', companies: [{ companyId: source.id }] })).body;
    expect((await upload(target.id, 'target.txt')).status).toBe(201);
    expect((await upload(source.id, 'source.txt')).status).toBe(201);

    const merged = await admin.post(`/companies/${target.id}/merge`, { sourceId: source.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      id: target.id,
      name: 'Слияние Цель',
      inn: '7736050003',
      industry: 'IT',
      city: 'Тверь',
      tags: ['a', 'b'],
      notes: 'target notes\n\nsource notes',
      version: target.version + 1,
    });
    expect(merged.body.phones.map((p: { e164: string }) => p.e164)).toEqual(['+74952223344', '+79165556677']);
    expect(merged.body.emails.map((e: { email: string }) => e.email)).toEqual(['target@merge.ru', 'source@merge.ru']);
    expect(merged.body.contacts.map((c: { id: string; isPrimary: boolean }) => [c.id, c.isPrimary])).toEqual([
      [shared.id, true],
      [onlySource.id, false],
    ]);
    expect((await admin.get(`/companies/${target.id}`)).body).toEqual(merged.body);

    const files = await admin.get(`/attachments/company/${target.id}`);
    expect(files.body.items.map((f: { fileName: string }) => f.fileName).sort()).toEqual(['source.txt', 'target.txt']);
    expect((await admin.get(`/companies/${source.id}`)).status).toBe(404);
    const db = v.ctx.database.db;
    for (const table of ['phones', 'emails', 'tags'] as const) {
      expect(await db.selectFrom(table).select('entity_id').where('entity', '=', 'company').where('entity_id', '=', source.id).execute()).toEqual([]);
    }
    expect(await db.selectFrom('company_contacts').select('contact_id').where('company_id', '=', source.id).execute()).toEqual([]);
    const linked = (await admin.get(`/contacts/${onlySource.id}`)).body.companies;
    expect(linked.map((c: { id: string }) => c.id)).toEqual([target.id]);

    const history = (await admin.get(`/companies/${target.id}/history?limit=100`)).body.items as { action: string; field: string; newValue: string }[];
    const mergeRows = history.filter((h) => h.action === 'merge');
    expect(mergeRows).toContainEqual(expect.objectContaining({ field: 'mergedFrom', newValue: JSON.stringify({ id: source.id, name: source.name }) }));
    expect(mergeRows.map((h) => h.field)).toEqual(expect.arrayContaining(['industry', 'phones', 'tags']));
    const loser = await db.selectFrom('audit_log').select(['action', 'field', 'new_value']).where('entity', '=', 'company').where('entity_id', '=', source.id).orderBy('id').execute();
    expect(loser.at(-1)).toEqual({ action: 'merge', field: 'mergedInto', new_value: JSON.stringify({ id: target.id, name: target.name }) });

    for (const q of ['источник', '+7 916 555 66 77', 'source@merge.ru']) {
      const found = await admin.get(`/companies?${qs({ q })}`);
      expect(found.body.items.map((c: { id: string }) => c.id), q).toEqual(q === 'источник' ? [] : [target.id]);
    }
  });

  it('refuses to merge a company into itself, a missing one, or with a stale record', async () => {
    const a = (await admin.post('/companies', { name: 'Одиночка' })).body;
    const self = await admin.post(`/companies/${a.id}/merge`, { sourceId: a.id });
    expect(self.status).toBe(422);
    expect(self.body.error.details.fields[0]).toMatchObject({ field: 'sourceId', code: 'company.merge_same' });
    const missing = await admin.post(`/companies/${a.id}/merge`, { sourceId: '0190f0f0-0000-7000-8000-000000000000' });
    expect(missing.status).toBe(404);
    const noBody = await admin.post(`/companies/${a.id}/merge`, {});
    expect(noBody.status).toBe(422);
    expect((await admin.get(`/companies/${a.id}`)).body.version).toBe(1);
  });
});

describe.each(engines())('concurrent company changes on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let adminId: string;
  beforeAll(async () => {
    v = await startTestApp(engine);
    ({ client: admin, id: adminId } = await userClient(v, 'admin'));
  });
  afterAll(() => v.destroy());

  it('answers the loser of two simultaneous edits with 409 and the current record', async () => {
    for (let round = 0; round < 5; round++) {
      const c = (await admin.post('/companies', { name: `Гонка ${round}`, confirmDuplicate: true })).body;
      const results = await Promise.all(['first', 'second'].map((notes) => admin.patch(`/companies/${c.id}`, { version: 1, notes })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!.body;
      const loser = results.find((r) => r.status === 409)!.body;
      expect(loser.error.details.current).toMatchObject({ id: c.id, version: 2, notes: winner.notes });
      expect((await admin.get(`/companies/${c.id}`)).body).toMatchObject({ version: 2, notes: winner.notes });
    }
  });

  it('refuses a merge when the source changed after it was read, losing nothing', async () => {
    const target = (await admin.post('/companies', { name: 'Цель гонки' })).body;
    const source = (await admin.post('/companies', { name: 'Источник гонки', phones: [{ raw: '+7 495 444-55-66' }] })).body;
    const svc = new CompaniesService(v.ctx.database.db, v.config);
    const racing = Object.create(svc) as CompaniesService;
    racing.load = async (p, id, action) => {
      const read = await svc.load(p, id, action);
      if (id === source.id) {
        const edit = await admin.patch(`/companies/${id}`, { version: read.version, phones: [{ raw: '+7 495 444-55-66' }, { raw: '+7 495 444-55-67' }] });
        expect(edit.status).toBe(200);
      }
      return read;
    };
    const principal = { ...(await v.ctx.principals.load(adminId))!, viaToken: false };
    const merge = mergeCompanies(racing, principal, { userId: adminId, requestId: null }, target.id, source.id);
    await expect(merge).rejects.toMatchObject({ code: 'company.version_conflict', status: 409 });
    const kept = await admin.get(`/companies/${source.id}`);
    expect(kept.body.phones.map((x: { e164: string }) => x.e164)).toEqual(['+74954445566', '+74954445567']);
    expect((await admin.get(`/companies/${target.id}`)).body.version).toBe(1);
    const retry = await admin.post(`/companies/${target.id}/merge`, { sourceId: source.id });
    expect(retry.body.phones.map((x: { e164: string }) => x.e164)).toEqual(['+74954445566', '+74954445567']);
  });
});

describe.each(engines())('company CSV export on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let adminCookie: string;

  /** The export as bytes (the test client's text() would drop the BOM). */
  const exportRaw = async (params: Record<string, string>) => {
    const res = await v.app.request(`/api/v1/companies/export?${qs(params)}`, { headers: { cookie: adminCookie } });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  const exportRows = async (params: Record<string, string>, delimiter = ';') => {
    const res = await exportRaw(params);
    expect(res.status).toBe(200);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(res.bytes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1), delimiter);
    return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]]))) as Record<string, string>[] };
  };

  const tricky = {
    name: 'Рога, Копыта; и "Партнёры"',
    notes: 'строка 1\r\nстрока 2\nконец; "цитата", всё',
    status: 'current',
    phones: [{ raw: '+7 495 333-44-55 доб. 12' }, { raw: '+359 888 123 456' }],
    emails: [{ email: 'csv@roga.ru' }],
    tags: ['csv', 'экспорт'],
    addresses: [{ kind: 'legal', postalCode: '101000', city: 'Москва', line: 'ул. Тверская, д. 1' }],
    custom: { segment: 'A' },
  };

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    adminCookie = admin.cookie!;
    expect((await admin.post('/custom-fields', { entity: 'company', key: 'segment', label: 'Segment', type: 'select', options: ['A', 'B'] })).status).toBe(201);
    for (const body of [tricky, { name: '=HYPERLINK("http://evil")', tags: ['csv'], status: 'lost' }, { name: 'Ёжик', tags: ['csv'], status: 'lost', custom: { segment: 'B' } }, { name: 'Вне выгрузки' }]) {
      expect((await admin.post('/companies', { ...body, confirmDuplicate: true })).status).toBe(201);
    }
  });
  afterAll(() => v.destroy());

  it('writes UTF-8 with a BOM, a header and one row per company, escaping delimiters, quotes and line breaks', async () => {
    const raw = await exportRaw({ tag: 'csv' });
    expect(raw.status).toBe(200);
    expect([...raw.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(raw.headers.get('content-disposition')).toMatch(/^attachment; filename="companies-\d{4}-\d{2}-\d{2}\.csv"$/);

    const { header, rows } = await exportRows({ tag: 'csv', sort: '-name' });
    expect(header.slice(0, 3)).toEqual(['id', 'name', 'legalForm']);
    expect(header).toEqual(expect.arrayContaining(['inn', 'eik', 'status', 'phones', 'emails', 'city', 'legalAddress', 'ownerName', 'tags', 'notes', 'cf.segment']));
    expect(header.slice(-2)).toEqual(['createdAt', 'updatedAt']);
    expect(rows.map((r) => r.name)).toEqual(['Рога, Копыта; и "Партнёры"', 'Ёжик', `'=HYPERLINK("http://evil")`]);
    const row = rows[0]!;
    expect(row).toMatchObject({
      notes: tricky.notes,
      status: 'current',
      phones: "'+74953334455 ext. 12, +359888123456",
      emails: 'csv@roga.ru',
      city: 'Москва',
      legalAddress: '101000, Москва, ул. Тверская, д. 1',
      tags: 'csv, экспорт',
      'cf.segment': 'A',
    });
    expect(rows.every((r) => Object.keys(r).length === header.length)).toBe(true);
    const text = new TextDecoder().decode(raw.bytes);
    expect(text).toContain('"Рога, Копыта; и ""Партнёры"""');
  });

  it('uses the comma delimiter on request, quoting cells that hold commas', async () => {
    const semicolon = await exportRows({ tag: 'csv', sort: 'name' });
    const comma = await exportRows({ tag: 'csv', sort: 'name', delimiter: ',' }, ',');
    expect(comma.header).toEqual(semicolon.header);
    expect(comma.rows).toEqual(semicolon.rows);
    expect((await exportRaw({ delimiter: '|' })).status).toBe(422);
    expect((await exportRaw({ format: 'pdf' })).status).toBe(422);
  });

  it('exports only what the filters, search and custom-field filters select', async () => {
    const names = async (params: Record<string, string>) => (await exportRows(params)).rows.map((r) => r.name).sort();
    expect(await names({ tag: 'csv', status: 'lost' })).toEqual([`'=HYPERLINK("http://evil")`, 'Ёжик']);
    expect(await names({ 'cf.segment': 'B' })).toEqual(['Ёжик']);
    expect(await names({ q: 'ежик' })).toEqual(['Ёжик']);
    expect(await names({ q: '84953334455' })).toEqual([tricky.name]);
    expect(await names({ city: 'Москва', tag: 'csv' })).toEqual([tricky.name]);
    expect(await names({ tag: 'nothing' })).toEqual([]);
    expect((await names({})).length).toBe(4);
    expect((await exportRaw({ 'cf.unknown': 'x' })).status).toBe(422);
  });

  it('streams every row of a list longer than one page', async () => {
    const owner = await userClient(v, 'sales_manager');
    for (let i = 0; i < 520; i++) await insertCompany(v, `Массовая ${String(i).padStart(3, '0')}`, owner.id);
    const { rows } = await exportRows({ ownerId: owner.id, sort: 'name' });
    expect(rows).toHaveLength(520);
    expect(new Set(rows.map((r) => r.id)).size).toBe(520);
    expect(rows[0]!.name).toBe('Массовая 000');
    expect(rows.at(-1)!.name).toBe('Массовая 519');
  });
});
