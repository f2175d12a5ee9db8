import type { Voronka } from '../src/app.js';
import { newId } from '../src/platform/ids.js';
import { zonedToUtc } from '../src/shared/zoned.js';

/**
 * Activities for the schedule tests, written to the table the way the activities module stores them: the
 * owner's local planned date (and time, for a promise) with the UTC instant of a promise.
 */
export interface ActivityRow {
  ownerId: string;
  timeZone: string;
  plannedDate: string;
  /** HH:MM in the owner's zone: a promise. */
  plannedTime?: string;
  companyId?: string | null;
  dealId?: string | null;
  contactIds?: string[];
  type?: string;
  subject?: string;
  /** Completed at this UTC instant (a done activity). */
  doneAt?: string;
}

export async function insertActivity(v: Voronka, a: ActivityRow): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  const time = a.plannedTime ?? null;
  const db = v.ctx.database.db;
  await db
    .insertInto('activities')
    .values({
      id,
      type: a.type ?? 'call',
      direction: (a.type ?? 'call') === 'call' ? 'out' : null,
      status: a.doneAt ? 'done' : 'open',
      company_id: a.companyId ?? null,
      deal_id: a.dealId ?? null,
      owner_id: a.ownerId,
      planned_date: a.plannedDate,
      planned_time: time,
      planned_at: time ? zonedToUtc(a.plannedDate, time, a.timeZone) : null,
      planned_key: time ? `${a.plannedDate} ${time}` : a.plannedDate,
      done_at: a.doneAt ?? null,
      subject: a.subject ?? null,
      timeline_at: a.doneAt ?? now,
      search_text: '',
      field_versions: '{}',
      next_step_declined: 0,
      version: 1,
      created_by: a.ownerId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [sort, contactId] of (a.contactIds ?? []).entries()) {
    await db.insertInto('activity_contacts').values({ activity_id: id, contact_id: contactId, sort }).execute();
  }
  return id;
}
