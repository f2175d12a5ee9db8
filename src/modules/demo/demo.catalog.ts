import type { Db } from '../../platform/db/database.js';
import { systemActor } from '../../platform/audit/audit.js';
import { baseCurrency, createGroup, createPriceType, createProduct, createRate, listPriceTypes, listUnits, type ProductInput } from '../products/index.js';

/** A small demo catalog: bank services, software, equipment and services in groups, two bundles, an EUR price list. */

type Demo = Omit<ProductInput, 'prices' | 'components' | 'kind'> & {
  kind?: ProductInput['kind'];
  group: string;
  unit: string;
  /** rubles (major units) */
  rub?: number;
  /** euros (major units), export price list */
  eur?: number;
};

const groups = [
  ['bank', 'Банковские услуги', null],
  ['accounts', 'Счета и тарифы', 'bank'],
  ['remote', 'Дистанционное обслуживание', 'bank'],
  ['cards', 'Карты', 'bank'],
  ['software', 'Программное обеспечение', null],
  ['hardware', 'Оборудование', null],
  ['services', 'Услуги', null],
] as const;

const products: Record<string, Demo> = {
  account: { name: 'Расчётный счёт', sku: 'BANK-ACC', kind: 'service', group: 'accounts', unit: 'service', vatRate: null, rub: 1_500 },
  tariff: { name: 'Тариф «Бизнес»', sku: 'BANK-TRF-B', kind: 'service', group: 'accounts', unit: 'month', vatRate: null, rub: 1_990 },
  internetBank: { name: 'Интернет-банк', sku: 'BANK-IB', kind: 'service', group: 'remote', unit: 'month', vatRate: null, rub: 990 },
  app: { name: 'Мобильное приложение', sku: 'BANK-APP', kind: 'service', group: 'remote', unit: 'month', vatRate: null, rub: 290 },
  card: { name: 'Бизнес-карта', sku: 'BANK-CARD', group: 'cards', unit: 'pcs', vatRate: null, rub: 1_200, leadDaysReady: 3, leadDaysDelivery: 2 },
  payroll: { name: 'Зарплатный проект', sku: 'BANK-PAY', kind: 'service', group: 'cards', unit: 'service', vatRate: null, rub: 15_000 },
  crm: { name: 'CRM «Воронка», лицензия на пользователя', sku: 'SW-CRM-1', kind: 'service', group: 'software', unit: 'license', vatRate: null, rub: 12_000, eur: 130, maintenanceCost: 240_000, maintenancePeriod: 'year' },
  antivirus: { name: 'Антивирус для бизнеса', sku: 'SW-AV', kind: 'service', group: 'software', unit: 'license', vatRate: 22, rub: 2_500, eur: 28, purchaseCost: 160_000 },
  storage: { name: 'Облачное хранилище 1 ТБ', sku: 'SW-CLOUD-1T', kind: 'service', group: 'software', unit: 'month', vatRate: 22, rub: 700 },
  router: { name: 'Маршрутизатор Wi-Fi 6', sku: 'HW-RT-AX', group: 'hardware', unit: 'pcs', vatRate: 22, rub: 9_900, eur: 105, purchaseCost: 650_000, leadDaysReady: 2, leadDaysDelivery: 3 },
  phone: { name: 'IP-телефон', sku: 'HW-IPP-2', group: 'hardware', unit: 'pcs', vatRate: 22, rub: 5_400, eur: 58, purchaseCost: 360_000, leadDaysReady: 2, leadDaysDelivery: 3 },
  laptop: { name: 'Ноутбук 14″', sku: 'HW-NB-14', group: 'hardware', unit: 'pcs', vatRate: 22, rub: 89_000, eur: 950, purchaseCost: 7_200_000, leadDaysReady: 5, leadDaysDelivery: 7 },
  setup: { name: 'Монтаж и настройка', sku: 'SRV-SETUP', kind: 'service', group: 'services', unit: 'hour', vatRate: 22, rub: 2_500 },
  visit: { name: 'Выезд специалиста', sku: 'SRV-VISIT', kind: 'service', group: 'services', unit: 'service', vatRate: 22, rub: 1_500 },
  support: { name: 'Техническая поддержка', sku: 'SRV-SUP', kind: 'service', group: 'services', unit: 'month', vatRate: 22, rub: 4_900 },
  training: { name: 'Обучение персонала', sku: 'SRV-TRAIN', kind: 'service', group: 'services', unit: 'hour', vatRate: 22, rub: 3_000 },
};

/** Adds the demo catalog when there are no products yet; returns how many products were made (0 when skipped). */
export async function seedDemoCatalog(db: Db): Promise<number> {
  if (await db.selectFrom('products').select('id').limit(1).executeTakeFirst()) return 0;
  const actor = systemActor;
  const groupIds: Record<string, string> = {};
  for (const [key, name, parent] of groups) {
    groupIds[key] = (await createGroup(db, actor, { name, parentId: parent ? groupIds[parent] : null })).id;
  }
  const unitIds = Object.fromEntries((await listUnits(db)).map((u) => [u.key, u.id]));
  const types = await listPriceTypes(db);
  const retail = types.find((t) => t.isDefault)!;
  const base = await baseCurrency(db);
  const exportList = types.find((t) => t.key === 'export') ?? (await createPriceType(db, actor, { key: 'export', name: 'Export (EUR)', currency: 'EUR', sort: 10 }));
  if (base === 'RUB') await createRate(db, actor, { date: '2026-01-01', currency: 'EUR', rate: 91.5 });

  const ids: Record<string, string> = {};
  for (const [key, { group, unit, rub, eur, ...p }] of Object.entries(products)) {
    const prices = [
      ...(rub !== undefined ? [{ priceTypeId: retail.id, amount: rub * 100, currency: 'RUB' }] : []),
      ...(eur !== undefined ? [{ priceTypeId: exportList.id, amount: eur * 100, currency: 'EUR' }] : []),
    ];
    const made = await createProduct(db, actor, { kind: 'product', ...p, groupId: groupIds[group], unitId: unitIds[unit] ?? null, prices });
    ids[key] = made.id;
  }
  await createProduct(db, actor, {
    kind: 'bundle',
    name: 'Пакет «Бизнес-старт»',
    sku: 'BANK-PKG-START',
    description: 'Счёт, тариф, интернет-банк, карты и приложение со скидкой 10 %',
    groupId: groupIds.bank,
    unitId: unitIds.set ?? null,
    vatRate: null,
    bundlePriceMode: 'sum_coefficient',
    bundleCoefficient: 0.9,
    components: [
      { productId: ids.account!, quantity: 1 },
      { productId: ids.tariff!, quantity: 12 },
      { productId: ids.internetBank!, quantity: 12 },
      { productId: ids.card!, quantity: 2 },
      { productId: ids.app!, quantity: 12 },
    ],
  });
  await createProduct(db, actor, {
    kind: 'bundle',
    name: 'Рабочее место «под ключ»',
    sku: 'KIT-DESK',
    groupId: groupIds.hardware,
    unitId: unitIds.set ?? null,
    vatRate: 22,
    bundlePriceMode: 'fixed',
    prices: [{ priceTypeId: retail.id, amount: 11_900_000, currency: 'RUB' }],
    components: [
      { productId: ids.laptop!, quantity: 1 },
      { productId: ids.phone!, quantity: 1 },
      { productId: ids.antivirus!, quantity: 1 },
      { productId: ids.setup!, quantity: 2.5 },
    ],
  });
  return Object.keys(products).length + 2;
}
