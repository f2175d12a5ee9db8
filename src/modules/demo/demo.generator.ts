import { validateEik, validateInn, validateOgrn } from '../../shared/taxids.js';

/** Small deterministic PRNG (mulberry32): the same seed gives the same demo data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const digits = (r: Rand, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

/** A random body completed by trying check digits until the validator accepts it. */
function withCheck(r: Rand, body: () => string, checkDigits: number, valid: (s: string) => boolean): string {
  for (;;) {
    const b = body();
    for (let i = 0; i < 10 ** checkDigits; i++) {
      const candidate = b + String(i).padStart(checkDigits, '0');
      if (valid(candidate)) return candidate;
    }
  }
}

export const randomInn10 = (r: Rand) => withCheck(r, () => pick(r, ['77', '78', '50', '66', '54', '16', '23']) + digits(r, 7), 1, (s) => !validateInn(s));
export const randomOgrn = (r: Rand) => withCheck(r, () => `1${digits(r, 11)}`, 1, (s) => !validateOgrn(s));
export const randomEik = (r: Rand) => withCheck(r, () => `${1 + Math.floor(r() * 9)}${digits(r, 7)}`, 1, (s) => !validateEik(s));

const ruWords = ['Ромашка', 'Вектор', 'Гранит', 'Север', 'Альфа', 'Сибирь', 'Логистика', 'Техноком', 'Стройинвест', 'Меридиан', 'Прогресс', 'Энергия', 'Волга', 'Орбита', 'Ёлка', 'Квант', 'Форум', 'Агро', 'Металл', 'Сфера'];
const ruSuffix = ['', ' Плюс', ' Групп', ' Трейд', ' Сервис', ' Снаб', '-М', ' Холдинг'];
const bgWords = ['Балкан', 'Витоша', 'Родопи', 'Дунав', 'Тракия', 'Мусала', 'Пирин', 'Странджа', 'Черно море', 'Марица'];
const industries = ['Manufacturing', 'Retail', 'IT', 'Construction', 'Logistics', 'Agriculture', 'Finance', 'Healthcare', 'Energy', 'Education'];
const ruCities = ['Москва', 'Санкт-Петербург', 'Новосибирск', 'Екатеринбург', 'Казань', 'Нижний Новгород', 'Самара', 'Краснодар'];
const bgCities = ['София', 'Пловдив', 'Варна', 'Бургас', 'Русе', 'Стара Загора'];
const firstNames = ['Иван', 'Анна', 'Сергей', 'Мария', 'Алексей', 'Елена', 'Дмитрий', 'Ольга', 'Пётр', 'Наталья'];
const lastNames = ['Иванов', 'Петрова', 'Смирнов', 'Кузнецова', 'Попов', 'Соколова', 'Лебедев', 'Новикова', 'Морозов', 'Волкова'];
const bgFirst = ['Георги', 'Мария', 'Димитър', 'Елена', 'Николай', 'Иванка'];
const bgLast = ['Петров', 'Георгиева', 'Димитров', 'Николова', 'Стоянов', 'Иванова'];
const positions = ['Генеральный директор', 'Коммерческий директор', 'Главный бухгалтер', 'Менеджер по закупкам', 'Руководитель IT'];
const statuses = ['potential', 'potential', 'potential', 'current', 'current', 'lost'] as const;
const tagsPool = ['VIP', 'тендер', 'опт', 'партнёр', 'выставка-2026', 'холодный'];

export interface DemoCompany {
  name: string;
  legalForm: string;
  country: 'RU' | 'BG';
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  eik: string | null;
  vatNumber: string | null;
  industry: string;
  status: (typeof statuses)[number];
  city: string;
  phone: string;
  email: string;
  website: string;
  tags: string[];
  directorName: string;
  contacts: DemoContact[];
}

export interface DemoContact {
  firstName: string;
  lastName: string;
  position: string;
  phone: string;
  email: string;
}

const translit = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-zа-яё0-9]/g, '')
    .replace(/[а-яё]/g, (c) => 'abvgdeezziiklmnoprstufhccss_y_eua'['абвгдеёжзийклмнопрстуфхцчшщъыьэюя'.indexOf(c)] ?? '')
    .replace(/_/g, '');

/** One demo company (80% Russian, 20% Bulgarian) with 1-3 contact persons. `n` makes names unique. */
export function demoCompany(r: Rand, n: number): DemoCompany {
  const bg = r() < 0.2;
  const base = bg ? pick(r, bgWords) : pick(r, ruWords) + pick(r, ruSuffix);
  const name = `${base} ${n}`;
  const slug = `${translit(base)}${n}`;
  const eik = bg ? randomEik(r) : null;
  const contacts = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => {
    const firstName = bg ? pick(r, bgFirst) : pick(r, firstNames);
    const lastName = bg ? pick(r, bgLast) : pick(r, lastNames);
    return {
      firstName,
      lastName,
      position: pick(r, positions),
      phone: bg ? `+3598${7 + Math.floor(r() * 3)}${digits(r, 7)}` : `+79${digits(r, 9)}`,
      email: `${translit(firstName)}.${translit(lastName)}${i}@${slug}.${bg ? 'bg' : 'ru'}`,
    };
  });
  return {
    name,
    legalForm: bg ? pick(r, ['ЕООД', 'ООД', 'АД', 'ЕТ']) : pick(r, ['ООО', 'ООО', 'ООО', 'АО', 'ПАО']),
    country: bg ? 'BG' : 'RU',
    inn: bg ? null : randomInn10(r),
    kpp: bg ? null : `${digits(r, 4)}01001`,
    ogrn: bg ? null : randomOgrn(r),
    eik,
    vatNumber: eik ? `BG${eik}` : null,
    industry: pick(r, industries),
    status: pick(r, statuses),
    city: bg ? pick(r, bgCities) : pick(r, ruCities),
    phone: bg ? `+3592${digits(r, 7)}` : `+7495${digits(r, 7)}`,
    email: `info@${slug}.${bg ? 'bg' : 'ru'}`,
    website: `https://${slug}.${bg ? 'bg' : 'ru'}`,
    tags: r() < 0.3 ? [pick(r, tagsPool)] : [],
    directorName: `${pick(r, bg ? bgLast : lastNames)} ${pick(r, bg ? bgFirst : firstNames)}`,
    contacts,
  };
}
