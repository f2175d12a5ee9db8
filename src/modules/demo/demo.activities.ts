import type { Insertable } from 'kysely';
import { systemActor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import { buildSearchText } from '../../shared/text.js';
import { utcToZoned, zonedToUtc } from '../../shared/zoned.js';
import { scheduleReminder } from '../reminders/index.js';
import { addHoliday, listHolidays, updateWorkSettings } from '../worktime/index.js';
import { rng } from './demo.generator.js';
import { ensureDemoTeam } from './demo.team.js';

/**
 * Demo activities of the demo sales team, relative to the moment of seeding in each seller's time zone, so
 * that Today means something: promises for later today and one whose time has just passed, promises of
 * earlier days, calls planned on the open deals and with the customers (some overdue, most in the coming
 * days: the forecast), first calls to prospects, and done calls (the last contacts). Also the sellers' time
 * zones (Moscow, Sofia) and the fixed-date public holidays of Russia and Bulgaria for this year and the next.
 */

const DAY = 86_400_000;
const texts = {
  ru: {
    promise: ['Перезвонить: ответ по КП', 'Обещал перезвонить насчёт договора', 'Уточнить сроки поставки', 'Согласовать встречу с директором'],
    deal: ['Обсудить предложение', 'Уточнить бюджет', 'Подготовить встречу', 'Дожать оплату по счёту'],
    customer: ['Повторная продажа', 'Узнать, всё ли устраивает', 'Предложить новые услуги'],
    prospect: ['Первый звонок: знакомство', 'Выяснить потребность'],
    done: ['Обсудили условия, ждут КП', 'Клиент в отпуске до конца недели', 'Договорились о встрече', 'Отправили счёт'],
  },
  bg: {
    promise: ['Да се обадя: отговор по офертата', 'Обещах да звънна за договора', 'Уточняване на срока на доставка', 'Среща с управителя'],
    deal: ['Обсъждане на офертата', 'Уточняване на бюджета', 'Подготовка на среща', 'Плащане по фактурата'],
    customer: ['Повторна продажба', 'Проверка дали всичко е наред', 'Предложение за нови услуги'],
    prospect: ['Първо обаждане: запознанство', 'Изясняване на нуждите'],
    done: ['Обсъдихме условията, чакат оферта', 'Клиентът е в отпуск до края на седмицата', 'Уговорихме среща', 'Изпратихме фактура'],
  },
};
const holidays: Record<'RU' | 'BG', [string, string][]> = {
  RU: [
    ['01-01', 'Новогодние каникулы'], ['01-02', 'Новогодние каникулы'], ['01-03', 'Новогодние каникулы'], ['01-04', 'Новогодние каникулы'],
    ['01-05', 'Новогодние каникулы'], ['01-06', 'Новогодние каникулы'], ['01-07', 'Рождество Христово'], ['01-08', 'Новогодние каникулы'],
    ['02-23', 'День защитника Отечества'], ['03-08', 'Международный женский день'], ['05-01', 'Праздник Весны и Труда'],
    ['05-09', 'День Победы'], ['06-12', 'День России'], ['11-04', 'День народного единства'],
  ],
  BG: [
    ['01-01', 'Нова година'], ['03-03', 'Ден на Освобождението'], ['05-01', 'Ден на труда'], ['05-06', 'Гергьовден'],
    ['05-24', 'Ден на светите братя Кирил и Методий'], ['09-06', 'Ден на Съединението'], ['09-22', 'Ден на Независимостта'],
    ['12-24', 'Бъдни вечер'], ['12-25', 'Рождество Христово'], ['12-26', 'Рождество Христово'],
  ],
};

type Row = Insertable<DB['activities']>;
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const localDay = (ms: number, timeZone: string) => utcToZoned(new Date(ms), timeZone).date;

async function ensureHolidays(db: Db, year: number): Promise<void> {
  for (const country of ['RU', 'BG'] as const) {
    for (const y of [year, year + 1]) {
      if ((await listHolidays(db, { country, from: `${y}-01-01`, to: `${y}-12-31` })).length) continue;
      for (const [md, name] of holidays[country]) await addHoliday(db, systemActor, { country, date: `${y}-${md}`, name, isWorkday: false });
    }
  }
}

/** Adds the demo activities when there are none; returns how many were made. */
export async function seedDemoActivities(db: Db, now = new Date(), seed = 11): Promise<number> {
  if (await db.selectFrom('activities').select('id').limit(1).executeTakeFirst()) return 0;
  const { sellers } = await ensureDemoTeam(db);
  await ensureHolidays(db, now.getUTCFullYear());
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const users = await db.selectFrom('users').select(['id', 'locale', 'time_zone']).where('id', 'in', sellers.length ? sellers : ['']).orderBy('email').execute();
  let made = 0;
  for (const u of users) {
    const bg = u.locale === 'bg';
    const timeZone = u.time_zone === 'UTC' ? (bg ? 'Europe/Sofia' : 'Europe/Moscow') : u.time_zone;
    if (timeZone !== u.time_zone) await updateWorkSettings(db, systemActor, u.id, { timeZone, holidayCountry: bg ? 'BG' : 'RU' });
    const say = texts[bg ? 'bg' : 'ru'];
    const companies = await db
      .selectFrom('companies as c')
      .leftJoin('company_contacts as cc', (j) => j.onRef('cc.company_id', '=', 'c.id').on('cc.is_primary', '=', 1))
      .select(['c.id', 'c.status', 'cc.contact_id'])
      .where('c.owner_id', '=', u.id)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .limit(45)
      .execute();
    const deals = await db
      .selectFrom('deals as d')
      .innerJoin('stages as s', 's.id', 'd.stage_id')
      .select(['d.id', 'd.company_id'])
      .where('d.owner_id', '=', u.id)
      .where('s.kind', '=', 'open')
      .execute();
    if (!companies.length) continue;
    const { date: today, time } = utcToZoned(now, timeZone);
    const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
    const rows: Row[] = [];
    const contactOf = new Map(companies.map((c) => [c.id, c.contact_id]));
    const add = (companyId: string, dealId: string | null, subject: string, date: string, at: string | null, done?: { at: number; result: string }) =>
      rows.push({
        id: newId(), type: 'call', direction: 'out', status: done ? 'done' : 'open', company_id: companyId, deal_id: dealId, owner_id: u.id,
        planned_date: date, planned_time: at, planned_at: at ? zonedToUtc(date, at, timeZone) : null, planned_key: at ? `${date} ${at}` : date,
        done_at: done ? new Date(done.at).toISOString() : null, result: done?.result ?? null, call_result: done ? 'answered' : null, duration_sec: done ? 120 + Math.floor(r() * 600) : null,
        claim_status: null, subject, notes: null, next_step_declined: 0, next_step_reason: null, previous_id: null,
        timeline_at: done ? new Date(done.at).toISOString() : now.toISOString(), search_text: buildSearchText([subject, done?.result]),
        field_versions: '{}', version: 1, created_by: u.id, created_at: now.toISOString(), updated_at: now.toISOString(),
      });

    // Promises: ahead today (or tomorrow morning late in the evening), one just missed, two of earlier days.
    const byDeal = deals.length ? deals : companies.map((c) => ({ id: null, company_id: c.id }));
    const promised = (i: number) => byDeal[i % byDeal.length]!;
    const ahead = [minutes + 45, minutes + 135].map((m) => Math.ceil(m / 15) * 15);
    ahead.forEach((m, i) => {
      const later = m < 23 * 60 + 45;
      add(promised(i).company_id!, promised(i).id, pick(say.promise), later ? today : localDay(now.getTime() + DAY, timeZone), later ? hhmm(m) : hhmm(600 + i * 90));
    });
    if (minutes >= 60) add(promised(2).company_id!, promised(2).id, say.promise[0]!, today, hhmm(minutes >= 11 * 60 + 30 ? 11 * 60 : Math.floor((minutes - 30) / 15) * 15));
    add(promised(3).company_id!, promised(3).id, pick(say.promise), localDay(now.getTime() - DAY, timeZone), '16:00');
    add(promised(4).company_id!, promised(4).id, pick(say.promise), localDay(now.getTime() - 3 * DAY, timeZone), '10:30');

    // The funnel: every open deal, the customers and a few prospects, due from a week ago to ten days ahead.
    const withDeal = new Set(deals.map((d) => d.company_id));
    const due = () => localDay(now.getTime() + (r() < 0.5 ? -Math.floor(r() * 8) : 1 + Math.floor(r() * 10)) * DAY, timeZone);
    for (const d of deals.slice(5)) add(d.company_id!, d.id, pick(say.deal), due(), null);
    for (const c of companies.filter((x) => !withDeal.has(x.id))) {
      if (c.status === 'current') add(c.id, null, pick(say.customer), due(), null);
      else if (r() < 0.6) add(c.id, null, pick(say.prospect), due(), null);
    }
    // Done calls: the last contacts.
    for (const c of companies) {
      if (r() < 0.6) {
        const at = now.getTime() - (1 + Math.floor(r() * 30)) * DAY - Math.floor(r() * 8) * 3600_000;
        add(c.id, null, pick(say.promise), localDay(at, timeZone), null, { at, result: pick(say.done) });
      }
    }

    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('activities').values(rows.slice(i, i + 200)).execute();
      const links = rows.flatMap((a) => (a.company_id && contactOf.get(a.company_id) ? [{ activity_id: a.id, contact_id: contactOf.get(a.company_id)!, sort: 0 }] : []));
      for (let i = 0; i < links.length; i += 500) await trx.insertInto('activity_contacts').values(links.slice(i, i + 500)).execute();
      for (const a of rows) {
        if (a.status === 'open' && a.planned_at && Date.parse(a.planned_at) > now.getTime()) {
          await scheduleReminder(trx, { userId: u.id, entity: 'activity', entityId: a.id, dueAt: a.planned_at, title: a.subject!, link: `/activities/${a.id}` }, now.toISOString());
        }
      }
    });
    made += rows.length;
  }
  return made;
}
