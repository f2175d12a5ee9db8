import type { Executor } from '../../platform/db/database.js';
import { zonedReader } from '../../shared/zoned.js';
import type { PlacedItem, ScheduleDay as AlgorithmDay } from './schedule.algorithm.js';
import type { PlanItem } from './schedule.plan.js';
import * as repo from './schedule.repository.js';
import type { ScheduleDay, ScheduleEntry } from './schedule.schema.js';

/** What the lists show of the placed activities: company, deal and stage, contact, phone, last contact. */

type Phone = NonNullable<ScheduleEntry['phone']>;

function firstBy<T extends { sort: number }>(rows: T[], key: (r: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rows) if (!out.has(key(r))) out.set(key(r), r);
  return out;
}

const phoneOf = (r: { raw: string; e164: string | null; ext: string | null } | undefined): Phone | null =>
  r ? { raw: r.raw, e164: r.e164, ext: r.ext } : null;

interface Extra {
  contact: { id: string; full_name: string } | undefined;
  phone: Phone | null;
  lastContactAt: string | null;
  /** The promised local time in the owner's current time zone. */
  plannedTime: string | null;
}

function toEntry(p: PlacedItem<PlanItem>, d: repo.DetailRow, { contact, phone, lastContactAt, plannedTime }: Extra): ScheduleEntry {
  return {
    activityId: d.id,
    type: d.type,
    direction: d.direction,
    subject: d.subject,
    rule: p.rule,
    block: p.block,
    group: p.group,
    day: p.day,
    dueDate: p.dueDate,
    plannedTime,
    plannedAt: p.item.plannedAt,
    daysOverdue: p.daysOverdue,
    postponed: p.postponed,
    company: d.company_id ? { id: d.company_id, name: d.company_name ?? '', status: d.company_status ?? '' } : null,
    deal:
      d.deal_id && d.stage_id
        ? {
            id: d.deal_id,
            title: d.deal_title ?? '',
            amount: Number(d.deal_amount ?? 0),
            currency: d.deal_currency ?? '',
            stageId: d.stage_id,
            stageName: d.stage_name ?? '',
            probability: d.deal_probability ?? d.stage_probability ?? 0,
            status: (d.stage_kind ?? 'open') as 'open' | 'won' | 'lost',
          }
        : null,
    contact: contact ? { id: contact.id, fullName: contact.full_name } : null,
    phone,
    lastContactAt,
    version: d.version,
  };
}

/** The days with their entries, in the order the algorithm placed them (a few queries for all days). */
export async function entriesOf(db: Executor, days: AlgorithmDay<PlanItem>[], timeZone: string): Promise<ScheduleDay[]> {
  const local = zonedReader(timeZone);
  const placed = days.flatMap((d) => d.items);
  const ids = placed.map((p) => p.item.id);
  const [detailRows, contactRows] = await Promise.all([repo.itemDetails(db, ids), repo.activityContacts(db, ids)]);
  const details = new Map(detailRows.map((d) => [d.id, d]));
  const contacts = firstBy(contactRows, (r) => r.activity_id);
  const companyIds = [...new Set(detailRows.flatMap((d) => (d.company_id ? [d.company_id] : [])))];
  const contactIds = [...new Set([...contacts.values()].map((c) => c.id))];
  const [contactPhoneRows, companyPhoneRows, lastRows] = await Promise.all([
    repo.phonesOf(db, 'contact', contactIds),
    repo.phonesOf(db, 'company', companyIds),
    repo.lastContacts(db, companyIds),
  ]);
  const contactPhones = firstBy(contactPhoneRows, (r) => r.entity_id);
  const companyPhones = firstBy(companyPhoneRows, (r) => r.entity_id);
  const lasts = new Map(lastRows.map((r) => [r.company_id, r.last as string | null]));

  return days.map((day) => {
    const items: ScheduleEntry[] = [];
    for (const p of day.items) {
      const d = details.get(p.item.id);
      if (!d) continue;
      const contact = contacts.get(d.id);
      const phone = phoneOf(contact ? contactPhones.get(contact.id) : undefined) ?? phoneOf(d.company_id ? companyPhones.get(d.company_id) : undefined);
      const lastContactAt = d.company_id ? (lasts.get(d.company_id) ?? null) : null;
      items.push(toEntry(p, d, { contact, phone, lastContactAt, plannedTime: p.item.plannedAt ? local(p.item.plannedAt).time : null }));
    }
    const promises = items.filter((e) => e.block === 'promise').length;
    return { date: day.date, isToday: day.isToday, isWorkingDay: day.isWorkingDay, capacity: day.capacity, promises, funnel: items.length - promises, items };
  });
}
