import { foldText } from '../../shared/text.js';
import type { ImportEntity, ImportField, Mapping } from './imports.schema.js';

/** Suggested mapping: file headers matched to fields by their names in English, Russian and Bulgarian. */

const common: Record<string, string[]> = {
  phones: ['phone', 'phones', 'telephone', 'tel', 'work phone', 'телефон', 'телефоны', 'тел', 'рабочий телефон', 'телефони', 'служебен телефон'],
  mobilePhones: ['mobile', 'mobile phone', 'cell', 'мобильный', 'мобильный телефон', 'сотовый', 'мобилен', 'мобилен телефон', 'gsm'],
  emails: ['email', 'e-mail', 'emails', 'mail', 'почта', 'электронная почта', 'эл почта', 'емейл', 'имейл', 'електронна поща', 'e-mail адрес'],
  owner: ['owner', 'owner name', 'ownername', 'manager', 'responsible', 'ответственный', 'менеджер', 'владелец', 'отговорник', 'мениджър', 'собственик'],
  tags: ['tags', 'tag', 'labels', 'теги', 'метки', 'тагове', 'етикети'],
  notes: ['notes', 'note', 'comment', 'comments', 'description', 'примечание', 'комментарий', 'заметки', 'бележки', 'коментар', 'забележка'],
  externalId: ['external id', 'id', 'code', 'код', 'внешний id', 'внешний код', 'идентификатор', 'външен id', 'външен код'],
};

const byEntity: Record<ImportEntity, Record<string, string[]>> = {
  company: {
    name: ['name', 'company', 'company name', 'organization', 'наименование', 'название', 'организация', 'компания', 'контрагент', 'клиент', 'име', 'фирма', 'наименование на фирмата'],
    legalForm: ['legal form', 'опф', 'организационно-правовая форма', 'правна форма'],
    inn: ['inn', 'инн', 'tax id', 'taxpayer id', 'инн организации'],
    kpp: ['kpp', 'кпп'],
    ogrn: ['ogrn', 'огрн', 'огрнип'],
    okpo: ['okpo', 'окпо'],
    okvedMain: ['okved', 'оквэд', 'основной оквэд'],
    eik: ['eik', 'еик', 'булстат', 'bulstat', 'uic', 'еик/булстат'],
    vatNumber: ['vat', 'vat number', 'ддс номер', 'ин по ддс', 'номер по ддс', 'vat id'],
    industry: ['industry', 'отрасль', 'индустрия', 'отрасъл', 'бранш'],
    activityType: ['activity', 'activity type', 'вид деятельности', 'дейност', 'вид дейност'],
    status: ['status', 'статус'],
    directorName: ['director', 'ceo', 'head', 'руководитель', 'директор', 'генеральный директор', 'управител'],
    directorPosition: ['director position', 'должность руководителя', 'длъжност на управителя'],
    legalAddress: ['legal address', 'юридический адрес', 'юр адрес', 'адрес на регистрация', 'седалище'],
    actualAddress: ['address', 'actual address', 'адрес', 'фактический адрес', 'почтовый адрес фактический', 'адрес за кореспонденция', 'фактически адрес'],
    postalAddress: ['postal address', 'почтовый адрес', 'пощенски адрес'],
    city: ['city', 'town', 'город', 'населенный пункт', 'град', 'населено място'],
    postalCode: ['zip', 'postal code', 'postcode', 'индекс', 'почтовый индекс', 'пощенски код'],
    country: ['country', 'страна', 'държава'],
    website: ['website', 'site', 'web', 'url', 'сайт', 'уебсайт', 'интернет сайт'],
    source: ['source', 'lead source', 'источник', 'източник'],
    ...common,
  },
  contact: {
    fullName: ['full name', 'name', 'contact', 'фио', 'ф и о', 'контакт', 'контактное лицо', 'имена', 'лице за контакт'],
    firstName: ['first name', 'given name', 'имя', 'име', 'собствено име'],
    lastName: ['last name', 'surname', 'family name', 'фамилия'],
    middleName: ['middle name', 'patronymic', 'отчество', 'презиме'],
    position: ['position', 'title', 'job title', 'должность', 'длъжност'],
    birthday: ['birthday', 'birth date', 'date of birth', 'день рождения', 'дата рождения', 'рожден ден', 'дата на раждане'],
    companyInn: ['company inn', 'инн', 'инн компании', 'inn'],
    companyEik: ['company eik', 'еик', 'булстат', 'eik'],
    companyName: ['company', 'organization', 'компания', 'организация', 'фирма', 'наименование'],
    companyExternalId: ['company id', 'company external id', 'код компании', 'код на фирма'],
    ...common,
  },
  product: {
    name: ['name', 'product', 'title', 'наименование', 'название', 'товар', 'продукт', 'услуга', 'име', 'стока'],
    sku: ['sku', 'article', 'артикул', 'код товара', 'код', 'артикулен номер', 'code'],
    kind: ['kind', 'type', 'тип', 'вид'],
    group: ['group', 'category', 'группа', 'категория', 'група'],
    unit: ['unit', 'uom', 'единица', 'ед изм', 'единица измерения', 'мярка', 'мерна единица'],
    price: ['price', 'цена', 'цена продажи', 'продажна цена'],
    currency: ['currency', 'валюта', 'валута'],
    vatRate: ['vat', 'vat rate', 'ндс', 'ставка ндс', 'ддс', 'ставка ддс'],
    purchaseCost: ['cost', 'purchase cost', 'себестоимость', 'закупочная цена', 'себестойност', 'доставна цена'],
    description: ['description', 'описание'],
    isActive: ['active', 'активен', 'активный'],
  },
  deal: {
    title: ['title', 'deal', 'name', 'сделка', 'название', 'наименование', 'сделка', 'име'],
    companyInn: ['company inn', 'инн', 'inn'],
    companyEik: ['company eik', 'еик', 'eik'],
    companyName: ['company', 'client', 'компания', 'клиент', 'контрагент', 'фирма'],
    pipeline: ['pipeline', 'воронка', 'фуния'],
    stage: ['stage', 'этап', 'стадия', 'етап'],
    amount: ['amount', 'sum', 'value', 'сумма', 'бюджет', 'сума', 'стойност'],
    currency: ['currency', 'валюта', 'валута'],
    expectedCloseDate: ['close date', 'expected close date', 'дата закрытия', 'дата на приключване'],
    probability: ['probability', 'вероятность', 'вероятност'],
    type: ['type', 'deal type', 'тип сделки', 'вид сделка'],
    sourceChannel: ['source', 'channel', 'источник', 'канал', 'източник'],
    owner: common.owner!,
    externalId: common.externalId!,
  },
  activity: {
    type: ['type', 'kind', 'тип', 'вид', 'вид дела'],
    direction: ['direction', 'направление', 'посока'],
    companyInn: ['company inn', 'инн', 'inn'],
    companyEik: ['company eik', 'еик', 'eik'],
    companyName: ['company', 'client', 'компания', 'клиент', 'контрагент', 'фирма'],
    plannedDate: ['date', 'planned date', 'дата', 'дата по плану', 'планирана дата'],
    plannedTime: ['time', 'время', 'час'],
    doneAt: ['done at', 'completed', 'когда выполнено', 'дата выполнения', 'кога е изпълнено'],
    subject: ['subject', 'тема'],
    result: ['result', 'результат', 'резултат'],
    durationSec: ['duration', 'длительность', 'продължителност'],
    notes: common.notes!,
    owner: common.owner!,
  },
};

const norm = (s: string) => foldText(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Header -> field, each field at most once unless it takes several columns; unknown headers stay unmapped. */
export function suggestMapping(entity: ImportEntity, headers: string[], fields: ImportField[]): Mapping {
  const known = new Map(fields.map((f) => [f.key, f]));
  const words = new Map<string, string>();
  for (const [field, names] of Object.entries(byEntity[entity])) {
    if (!known.has(field)) continue;
    for (const n of [field, ...names]) if (!words.has(norm(n))) words.set(norm(n), field);
  }
  for (const f of fields) if (f.label && !words.has(norm(f.label))) words.set(norm(f.label), f.key);
  const used = new Set<string>();
  const out: Mapping = [];
  for (const h of headers) {
    const field = words.get(norm(h.replace(/\s*\(\d+\)$/, '')));
    if (!field || (used.has(field) && !known.get(field)!.multiple)) continue;
    used.add(field);
    out.push({ column: h, field });
  }
  return out;
}
