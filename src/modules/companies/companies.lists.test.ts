import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestVoronka } from '../../../test/engines.js';
import { userClient } from '../../../test/factories.js';
import type { Res, TestClient } from '../../../test/client.js';
import { normalizeCompanyName } from '../../shared/legal-forms.js';

interface Item {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

const namesOf = (res: Res) => (res.body.items as Item[]).map((c) => c.name).sort();
const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe.each(engines())('company list filters and search on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  let anna: string;
  let boris: string;
  const list = (params: Record<string, string>) => admin.get(`/companies?${qs({ limit: '500', ...params })}`);
  const names = async (params: Record<string, string>) => {
    const res = await list(params);
    expect(res.status).toBe(200);
    return namesOf(res);
  };

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    anna = (await userClient(v, 'sales_manager')).id;
    boris = (await userClient(v, 'sales_manager')).id;
    const fields = [
      { key: 'segment', label: 'Segment', type: 'select', options: ['A', 'B'] },
      { key: 'vip', label: 'VIP', type: 'checkbox' },
      { key: 'employees', label: 'Employees', type: 'number' },
      { key: 'regions', label: 'Regions', type: 'multiselect', options: ['north', 'south'] },
    ];
    for (const f of fields) expect((await admin.post('/custom-fields', { entity: 'company', ...f })).status).toBe(201);
    const companies = [
      {
        name: 'РОГА И КОПЫТА',
        legalForm: 'ООО',
        inn: '7707083893',
        status: 'current',
        ownerId: anna,
        tags: ['vip', 'moscow'],
        industry: 'Торговля',
        addresses: [{ kind: 'actual', city: 'Москва' }],
        phones: [{ raw: '+7 (495) 123-45-67' }],
        emails: [{ email: 'Info@Roga-Kopyta.ru' }],
        custom: { segment: 'A', vip: true, employees: 50, regions: ['north', 'south'] },
      },
      {
        name: 'Ромашка',
        legalForm: 'ЕООД',
        eik: '175074752',
        ownerId: boris,
        tags: ['moscow'],
        industry: 'IT',
        addresses: [{ kind: 'legal', city: 'Москва' }],
        phones: [{ raw: '+359 888 123 456' }],
        emails: [{ email: 'hello@romashka.bg' }],
        custom: { segment: 'B', vip: false, employees: 10, regions: ['south'] },
      },
      { name: 'Лютик', status: 'lost', industry: 'IT', addresses: [{ kind: 'actual', city: 'Санкт-Петербург' }] },
      { name: 'Берёзка', ownerId: boris, phones: [{ raw: '8 (812) 765-43-21' }] },
    ];
    for (const c of companies) expect((await admin.post('/companies', { ...c, confirmDuplicate: true })).status).toBe(201);
  });
  afterAll(() => v.destroy());

  it('filters by status, owner, tag, industry and city, alone and combined', async () => {
    expect(await names({})).toEqual(['Берёзка', 'Лютик', 'РОГА И КОПЫТА', 'Ромашка']);
    expect(await names({ status: 'current' })).toEqual(['РОГА И КОПЫТА']);
    expect(await names({ status: 'potential' })).toEqual(['Берёзка', 'Ромашка']);
    expect(await names({ status: 'lost' })).toEqual(['Лютик']);
    expect(await names({ ownerId: anna })).toEqual(['РОГА И КОПЫТА']);
    expect(await names({ ownerId: boris })).toEqual(['Берёзка', 'Ромашка']);
    expect(await names({ tag: 'moscow' })).toEqual(['РОГА И КОПЫТА', 'Ромашка']);
    expect(await names({ tag: 'vip' })).toEqual(['РОГА И КОПЫТА']);
    expect(await names({ tag: 'nothing' })).toEqual([]);
    expect(await names({ industry: 'IT' })).toEqual(['Лютик', 'Ромашка']);
    expect(await names({ city: 'Москва' })).toEqual(['РОГА И КОПЫТА', 'Ромашка']);
    expect(await names({ city: 'Санкт-Петербург' })).toEqual(['Лютик']);
    expect(await names({ industry: 'IT', city: 'Москва' })).toEqual(['Ромашка']);
    expect(await names({ tag: 'moscow', ownerId: boris, status: 'potential' })).toEqual(['Ромашка']);
    expect(await names({ tag: 'moscow', status: 'lost' })).toEqual([]);
  });

  it('filters by custom fields of every kind', async () => {
    expect(await names({ 'cf.segment': 'A' })).toEqual(['РОГА И КОПЫТА']);
    expect(await names({ 'cf.segment': 'B' })).toEqual(['Ромашка']);
    expect(await names({ 'cf.vip': 'true' })).toEqual(['РОГА И КОПЫТА']);
    expect(await names({ 'cf.vip': 'false' })).toEqual(['Ромашка']);
    expect(await names({ 'cf.employees': '10' })).toEqual(['Ромашка']);
    expect(await names({ 'cf.regions': 'south' })).toEqual(['РОГА И КОПЫТА', 'Ромашка']);
    expect(await names({ 'cf.regions': 'north' })).toEqual(['РОГА И КОПЫТА']);
    expect(await names({ 'cf.regions': 'south', 'cf.segment': 'B', industry: 'IT' })).toEqual(['Ромашка']);
    const bad = await list({ 'cf.employees': 'many' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields).toEqual([expect.objectContaining({ field: 'query.cf.employees', code: 'custom_field.filter_invalid' })]);
  });

  it('finds companies by name, Cyrillic case-insensitively and by word prefixes', async () => {
    for (const q of ['рога', 'РОГА', 'Рога и копыта', 'копыт', 'ООО рога']) expect(await names({ q })).toEqual(['РОГА И КОПЫТА']);
    expect(await names({ q: 'ромаш' })).toEqual(['Ромашка']);
    expect(await names({ q: 'березка' })).toEqual(['Берёзка']);
    expect(await names({ q: 'БЕРЁЗ' })).toEqual(['Берёзка']);
    expect(await names({ q: 'рога ромашка' })).toEqual([]);
    expect(await names({ q: 'несуществующая' })).toEqual([]);
  });

  it('finds companies by INN, EIK, e-mail and phones in any notation', async () => {
    expect(await names({ q: '7707083893' })).toEqual(['РОГА И КОПЫТА']);
    expect(await names({ q: '770708' })).toEqual(['РОГА И КОПЫТА']);
    expect(await names({ q: '175074752' })).toEqual(['Ромашка']);
    for (const q of ['info@roga-kopyta.ru', 'INFO@ROGA-KOPYTA.RU', 'roga-kopyta.ru', 'hello@romashka']) {
      expect(await names({ q }), q).toEqual([q.startsWith('hello') ? 'Ромашка' : 'РОГА И КОПЫТА']);
    }
    for (const q of ['+7 (495) 123-45-67', '84951234567', '8 495 123 45 67', '(495) 123-45-67', '+74951234567', '7 495 123']) {
      expect(await names({ q }), q).toEqual(['РОГА И КОПЫТА']);
    }
    for (const q of ['+359 888 123 456', '8 10 359 888 123 456', '359888']) expect(await names({ q }), q).toEqual(['Ромашка']);
    for (const q of ['8 (812) 765-43-21', '+7 812 765 4321']) expect(await names({ q }), q).toEqual(['Берёзка']);
    expect(await names({ q: '+7 (499) 000-00-00' })).toEqual([]);
  });

  it('finds phones in the national and international notations of the default country', async () => {
    const bg = await startTestApp(engine, { DEFAULT_COUNTRY: 'BG' });
    try {
      const client = (await userClient(bg, 'admin')).client;
      expect((await client.post('/companies', { name: 'Пловдив', phones: [{ raw: '032 123 456' }, { raw: '+7 495 123-45-67' }] })).status).toBe(201);
      const found = async (q: string) => namesOf(await client.get(`/companies?${qs({ q })}`));
      for (const q of ['032 123 456', '00359 32 123 456', '+359 32 123 456', '84951234567', '+7 (495) 123-45-67']) {
        expect(await found(q), q).toEqual(['Пловдив']);
      }
      expect(await found('032 999 999')).toEqual([]);
    } finally {
      await bg.destroy();
    }
  });

  it('combines search with filters', async () => {
    expect(await names({ q: 'москва' })).toEqual(['РОГА И КОПЫТА', 'Ромашка']);
    expect(await names({ q: 'москва', status: 'potential' })).toEqual(['Ромашка']);
    expect(await names({ q: 'москва', ownerId: anna })).toEqual(['РОГА И КОПЫТА']);
    expect(await names({ q: 'москва', 'cf.segment': 'B' })).toEqual(['Ромашка']);
    expect(await names({ q: 'рога', status: 'lost' })).toEqual([]);
    expect(await names({ q: '84951234567', tag: 'vip' })).toEqual(['РОГА И КОПЫТА']);
  });
});

describe.each(engines())('company list sort and keyset pages on %s', (engine) => {
  let v: TestVoronka;
  let admin: TestClient;
  const all: Item[] = [];
  const TAG = 'paged';

  /** Every page of the list in the sort order, with the number of requests it took. */
  const walk = async (sort: string, params: Record<string, string> = {}) => {
    const seen: Item[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res: Res = await admin.get(`/companies?${qs({ tag: TAG, sort, limit: '10', ...params, ...(cursor && { cursor }) })}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      sizes.push(res.body.items.length);
      cursor = res.body.nextCursor;
    } while (cursor);
    return { ids: seen.map((c) => c.id), sizes };
  };

  const byKey = (key: (c: Item) => string, desc: boolean) => (a: Item, b: Item) => {
    const ka = key(a);
    const kb = key(b);
    const cmp = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return desc ? -cmp : cmp;
  };

  beforeAll(async () => {
    v = await startTestApp(engine);
    admin = (await userClient(v, 'admin')).client;
    const names = [
      ...Array.from({ length: 17 }, (_, i) => `Компания ${String(25 - i).padStart(2, '0')}`),
      'ООО «Ясень»',
      'Акация АО',
      'alpha',
      'Zeta',
      ...Array.from({ length: 4 }, () => 'Двойник'),
    ];
    for (const name of names) {
      const res = await admin.post('/companies', { name, tags: [TAG], confirmDuplicate: true });
      expect(res.status).toBe(201);
      all.push(res.body);
    }
    await admin.post('/companies', { name: 'Без тега', confirmDuplicate: true });
    for (const i of [20, 3, 11]) {
      const res = await admin.patch(`/companies/${all[i]!.id}`, { version: 1, notes: 'touched' });
      expect(res.status).toBe(200);
      all[i] = res.body;
    }
  });
  afterAll(() => v.destroy());

  it('walks 25 companies in pages of 10 in every sort order without skipping or repeating', async () => {
    const keys: Record<string, (c: Item) => string> = {
      name: (c) => normalizeCompanyName(c.name),
      createdAt: (c) => c.createdAt,
      updatedAt: (c) => c.updatedAt,
    };
    for (const [key, get] of Object.entries(keys)) {
      for (const desc of [false, true]) {
        const sort = `${desc ? '-' : ''}${key}`;
        const { ids, sizes } = await walk(sort);
        expect(sizes, sort).toEqual([10, 10, 5]);
        expect(new Set(ids).size, sort).toBe(25);
        expect(ids, sort).toEqual([...all].sort(byKey(get, desc)).map((c) => c.id));
      }
    }
  });

  it('sorts by name ignoring case and legal forms, and defaults to name', async () => {
    const res = await admin.get(`/companies?tag=${TAG}&limit=500`);
    const order = (res.body.items as Item[]).map((c) => c.name);
    expect(order.slice(0, 3)).toEqual(['alpha', 'Zeta', 'Акация АО']);
    expect(order.indexOf('Двойник')).toBe(3);
    expect(order.at(-1)).toBe('ООО «Ясень»');
    expect(res.body.nextCursor).toBeNull();
  });

  it('neither skips nor repeats when records are added or changed between pages', async () => {
    const first = await admin.get(`/companies?${qs({ tag: TAG, sort: 'name', limit: '10' })}`);
    const early = await admin.post('/companies', { name: 'Аааа', tags: [TAG], confirmDuplicate: true });
    expect(early.status).toBe(201);
    const rest: Item[] = [];
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page: Res = await admin.get(`/companies?${qs({ tag: TAG, sort: 'name', limit: '10', cursor })}`);
      rest.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    const ids = [...first.body.items, ...rest].map((c: Item) => c.id);
    expect(ids).toEqual([...all].sort(byKey((c) => normalizeCompanyName(c.name), false)).map((c) => c.id));
    expect(await walk('name').then((w) => w.ids.length)).toBe(26);
    expect((await admin.delete(`/companies/${early.body.id}`)).status).toBe(204);
  });

  it('pages search results and filtered lists with the same cursor rules', async () => {
    const { ids, sizes } = await walk('-createdAt', { q: 'компания' });
    expect(sizes).toEqual([10, 7]);
    const expected = all.filter((c) => c.name.startsWith('Компания')).sort(byKey((c) => c.createdAt, true));
    expect(ids).toEqual(expected.map((c) => c.id));
  });
});
