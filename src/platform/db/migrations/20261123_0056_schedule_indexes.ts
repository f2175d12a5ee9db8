import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/**
 * Indexes of today's list (src/modules/schedule): it ranks a manager's open activities due by today by their
 * company's status and their deal's stage, probability and amount. Covering indexes let both engines read
 * those without touching the wide rows: partial ones of open promises and of open untimed activities (a
 * manager's items in plan order, with the columns the schedule reads) and narrow ones of companies and deals by id.
 */
const indexes = [
  ['activities_open_promises_idx', sql`activities (owner_id, status, planned_key, planned_at, company_id, deal_id, planned_date, id) WHERE status = 'open' AND planned_at IS NOT NULL`],
  ['activities_open_untimed_idx', sql`activities (owner_id, status, planned_key, planned_at, company_id, deal_id, planned_date, id) WHERE status = 'open' AND planned_at IS NULL`],
  ['companies_id_status_idx', sql`companies (id, status)`],
  ['deals_rank_idx', sql`deals (id, stage_id, probability, amount, currency)`],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, on] of indexes) await sql`CREATE INDEX ${sql.id(name)} ON ${on}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of indexes) await sql`DROP INDEX ${sql.id(name)}`.execute(db);
}
