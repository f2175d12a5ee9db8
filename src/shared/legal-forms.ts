import { foldText } from './text.js';

/**
 * Legal forms of Russian and Bulgarian organisations (shared/reference/domain.md section 2).
 * `abbr` is the value stored on a company and shown before its name ("ООО «Ромашка»").
 */
export interface LegalForm {
  abbr: string;
  /** Bulgarian forms also have a Latin abbreviation (OOD, EOOD, ...) */
  latin: string | null;
  name: string;
  nameEn: string;
  country: 'RU' | 'BG';
  /** ОКОПФ code where confirmed */
  okopf: string | null;
  /** An individual in business: a 12-digit INN is allowed */
  individual: boolean;
}

const ru = (abbr: string, name: string, nameEn: string, okopf: string | null = null, individual = false): LegalForm => ({
  abbr,
  latin: null,
  name,
  nameEn,
  country: 'RU',
  okopf,
  individual,
});

const bg = (abbr: string, latin: string | null, name: string, nameEn: string, individual = false): LegalForm => ({
  abbr,
  latin,
  name,
  nameEn,
  country: 'BG',
  okopf: null,
  individual,
});

export const legalForms: readonly LegalForm[] = [
  ru('ООО', 'Общество с ограниченной ответственностью', 'Limited liability company', '12300'),
  ru('АО', 'Акционерное общество', 'Joint-stock company (non-public)', '12267'),
  ru('ПАО', 'Публичное акционерное общество', 'Public joint-stock company', '12247'),
  ru('ОАО', 'Открытое акционерное общество', 'Open joint-stock company (legacy)'),
  ru('ЗАО', 'Закрытое акционерное общество', 'Closed joint-stock company (legacy)'),
  ru('ИП', 'Индивидуальный предприниматель', 'Sole proprietor', '50102', true),
  ru('КФХ', 'Крестьянское (фермерское) хозяйство', 'Farm enterprise'),
  ru('ПК', 'Производственный кооператив', 'Production co-operative'),
  ru('ПТ', 'Полное товарищество', 'General partnership'),
  ru('ТнВ', 'Товарищество на вере', 'Limited partnership'),
  ru('ГУП', 'Государственное унитарное предприятие', 'State unitary enterprise'),
  ru('МУП', 'Муниципальное унитарное предприятие', 'Municipal unitary enterprise'),
  ru('ФГУП', 'Федеральное государственное унитарное предприятие', 'Federal state unitary enterprise'),
  ru('НКО', 'Некоммерческая организация', 'Non-profit organisation'),
  ru('АНО', 'Автономная некоммерческая организация', 'Autonomous non-profit organisation'),
  ru('Фонд', 'Фонд', 'Foundation'),
  ru('Ассоциация', 'Ассоциация (союз)', 'Association (union)'),
  ru('НП', 'Некоммерческое партнёрство', 'Non-profit partnership (legacy)'),
  ru('ГБУ', 'Государственное бюджетное учреждение', 'State budgetary institution'),
  ru('МБУ', 'Муниципальное бюджетное учреждение', 'Municipal budgetary institution'),
  ru('ФГБУ', 'Федеральное государственное бюджетное учреждение', 'Federal state budgetary institution'),
  ru('ГКУ', 'Государственное казённое учреждение', 'State treasury institution'),
  ru('ТСЖ', 'Товарищество собственников жилья', 'Homeowners association'),
  ru('ТСН', 'Товарищество собственников недвижимости', 'Property owners association'),
  bg('ЕТ', 'ET', 'Едноличен търговец', 'Sole trader', true),
  bg('СД', 'SD', 'Събирателно дружество', 'General partnership'),
  bg('КД', 'KD', 'Командитно дружество', 'Limited partnership'),
  bg('ООД', 'OOD', 'Дружество с ограничена отговорност', 'Limited liability company'),
  bg('ЕООД', 'EOOD', 'Еднолично дружество с ограничена отговорност', 'Single-member limited liability company'),
  bg('АД', 'AD', 'Акционерно дружество', 'Joint-stock company'),
  bg('ЕАД', 'EAD', 'Еднолично акционерно дружество', 'Single-shareholder joint-stock company'),
  bg('КДА', 'KDA', 'Командитно дружество с акции', 'Partnership limited by shares'),
  bg('Кооп.', null, 'Кооперация', 'Co-operative'),
  bg('Сдружение', null, 'Сдружение с нестопанска цел', 'Non-profit association'),
  bg('Фондация', null, 'Фондация', 'Foundation'),
  bg('Клон', null, 'Клон на чуждестранен търговец', 'Branch of a foreign trader'),
];

const byAbbr = new Map(legalForms.map((f) => [f.abbr, f]));

export function findLegalForm(abbr: string): LegalForm | undefined {
  return byAbbr.get(abbr);
}

export function isLegalForm(abbr: string): boolean {
  return byAbbr.has(abbr);
}

const words = (s: string): string[] => foldText(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Folded word sequences that name a legal form: abbreviations (Cyrillic and Latin) and full names. */
const formPhrases: string[][] = legalForms
  .flatMap((f) => [f.abbr, f.latin, f.name])
  .filter((s): s is string => !!s)
  .map(words)
  .sort((a, b) => b.length - a.length);

const startsWith = (ws: string[], phrase: string[]) => phrase.every((p, i) => ws[i] === p);
const endsWith = (ws: string[], phrase: string[]) => phrase.every((p, i) => ws[ws.length - phrase.length + i] === p);

/**
 * The name used to find duplicates and to sort: folded to lower case, quotes and punctuation removed,
 * legal forms stripped from either end ("ООО «Ромашка»", "Ромашка, ООО" and "ромашка" are equal).
 */
export function normalizeCompanyName(name: string): string {
  const all = words(name);
  let ws = all;
  let stripped = true;
  while (stripped && ws.length > 1) {
    stripped = false;
    for (const phrase of formPhrases) {
      if (phrase.length < ws.length && startsWith(ws, phrase)) ws = ws.slice(phrase.length);
      else if (phrase.length < ws.length && endsWith(ws, phrase)) ws = ws.slice(0, ws.length - phrase.length);
      else continue;
      stripped = true;
      break;
    }
  }
  return ws.join(' ') || foldText(name).trim();
}
