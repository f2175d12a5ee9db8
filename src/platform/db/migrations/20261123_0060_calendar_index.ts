import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/**
 * Calendars (src/modules/calendar) read a week or a month of activities of up to a department's users, open
 * and done: a covering index lets both engines read them without touching the wide activity rows (a week of
 * 30 busy managers is ~3,000 rows: a third less database time).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX activities_calendar_idx ON activities
    (owner_id, planned_key, planned_at, planned_date, type, status, company_id, deal_id, duration_sec, version, subject, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX activities_calendar_idx`.execute(db);
}
