import { demoCompany, rng } from '../src/modules/demo/index.js';
import { measure, type Session, type Stats } from './lib.js';

const cities = ['Москва', 'Санкт-Петербург', 'Казань', 'София', 'Варна'];
const words = ['Ромашка', 'Вектор', 'Гранит', 'Меридиан', 'Балкан', 'Витоша', 'Сибирь', 'Квант'];

/** Latency of the directory's hot paths through the HTTP API, sequential requests. */
export async function companiesScenarios(s: Session, size: number, n: number): Promise<Record<string, Stats>> {
  const r = rng(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: Record<string, Stats> = {};

  out['list first page (50)'] = await measure(n, 20, async () => (await s.timed('GET', '/companies?limit=50'))[0]);

  let cursor: string | null = null;
  out['list next pages (50, cursor)'] = await measure(n, 20, async () => {
    const [ms, body] = await s.timed<{ nextCursor: string | null }>('GET', `/companies?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    cursor = body.nextCursor;
    return ms;
  });

  out['filtered list (status+city, by name)'] = await measure(n, 20, async () =>
    (await s.timed('GET', `/companies?limit=50&status=current&city=${encodeURIComponent(pick(cities))}&sort=name`))[0],
  );

  out['search name word + number'] = await measure(n, 20, async () => {
    const q = `${pick(words)} ${1 + Math.floor(r() * size)}`;
    return (await s.timed('GET', `/companies?limit=50&q=${encodeURIComponent(q)}`))[0];
  });

  out['search common word prefix, ~4 % of rows (info)'] = await measure(n, 20, async () =>
    (await s.timed('GET', `/companies?limit=50&q=${encodeURIComponent(pick(words).slice(0, 4).toLowerCase())}`))[0],
  );

  const [, sample] = await s.timed<{ items: { inn: string | null; phones: { e164: string }[] }[] }>('GET', '/companies?limit=200&sort=-createdAt');
  const inns = sample.items.map((c) => c.inn).filter((x): x is string => !!x);
  const phones = sample.items.flatMap((c) => c.phones.map((p) => p.e164));
  out['search by INN'] = await measure(n, 20, async () => (await s.timed('GET', `/companies?limit=50&q=${pick(inns)}`))[0]);
  out['search by phone (8 (495) ...)'] = await measure(n, 20, async () => {
    const p = pick(phones.filter((x) => x.startsWith('+7')));
    return (await s.timed('GET', `/companies?limit=50&q=${encodeURIComponent(`8 (${p.slice(2, 5)}) ${p.slice(5)}`)}`))[0];
  });

  let k = size + 1_000_000;
  out['create company'] = await measure(n, 20, async () => {
    const c = demoCompany(r, k++);
    const [ms] = await s.timed('POST', '/companies', {
      name: c.name,
      legalForm: c.legalForm,
      inn: c.inn,
      eik: c.eik,
      status: 'potential',
      phones: [{ kind: 'work', raw: c.phone }],
      emails: [{ kind: 'work', email: c.email }],
      addresses: [{ kind: 'actual', country: c.country, city: c.city }],
      confirmDuplicate: true,
    });
    return ms;
  });
  return out;
}
