import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { AdCostTable } from '../../platform/db/schema.js';
import type { Cursor } from '../../platform/http/pagination.js';

/** SQL of advertising costs and of the source facts (deals and companies, read-only). */

export const ENTITY = 'ad_cost';

export const findCost = (db: Executor, id: string) => db.selectFrom('ad_costs').selectAll().where('id', '=', id).executeTakeFirst();

export async function costExists(db: Executor, c: Pick<AdCostTable, 'channel' | 'campaign' | 'month' | 'currency'>, exceptId: string | null): Promise<boolean> {
  let q = db
    .selectFrom('ad_costs')
    .select('id')
    .where('channel', '=', c.channel)
    .where('campaign', '=', c.campaign)
    .where('month', '=', c.month)
    .where('currency', '=', c.currency);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export const insertCost = (db: Executor, row: AdCostTable) => db.insertInto('ad_costs').values(row).execute();

export async function updateCost(db: Executor, id: string, version: number, set: Partial<AdCostTable>): Promise<boolean> {
  const res = await db.updateTable('ad_costs').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export const deleteCost = (db: Executor, id: string) => db.deleteFrom('ad_costs').where('id', '=', id).execute();

/** Costs by month descending, then id (keyset on month + id). */
export async function listCosts(db: Executor, f: { month?: string; channel?: string; cursor: Cursor | null; limit: number }) {
  let q = db.selectFrom('ad_costs').selectAll();
  if (f.month) q = q.where('month', '=', f.month);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.cursor) {
    const { v, id } = f.cursor;
    q = q.where((eb) => eb.or([eb('month', '<', String(v)), eb.and([eb('month', '=', String(v)), eb('id', '>', id)])]));
  }
  return q.orderBy('month', 'desc').orderBy('id').limit(f.limit + 1).execute();
}

const scoped = (owners: string[] | null, column: string) =>
  owners === null ? sql<SqlBool>`1 = 1` : owners.length ? sql<SqlBool>`${sql.ref(column)} IN (${sql.join(owners)})` : sql<SqlBool>`1 = 0`;

/** Deals created in [from, to) by channel and campaign. */
export function leadFacts(db: Executor, from: string, to: string, owners: string[] | null) {
  return db
    .selectFrom('deals as d')
    .where('d.created_at', '>=', from)
    .where('d.created_at', '<', to)
    .where(scoped(owners, 'd.owner_id'))
    .select(['d.source_channel as channel', 'd.source_campaign as campaign', sql<number>`count(*)`.as('count')])
    .groupBy(['d.source_channel', 'd.source_campaign'])
    .execute();
}

/** Deals won in [from, to) by channel, campaign, currency and closing day. */
export function wonFacts(db: Executor, from: string, to: string, owners: string[] | null) {
  const day = sql<string>`substr(d.closed_at, 1, 10)`;
  return db
    .selectFrom('deals as d')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .where('s.kind', '=', 'won')
    .where('d.closed_at', '>=', from)
    .where('d.closed_at', '<', to)
    .where(scoped(owners, 'd.owner_id'))
    .select([
      'd.source_channel as channel',
      'd.source_campaign as campaign',
      'd.currency as currency',
      day.as('day'),
      sql<number>`count(*)`.as('count'),
      sql<number>`sum(d.amount)`.as('amount'),
    ])
    .groupBy(['d.source_channel', 'd.source_campaign', 'd.currency', day])
    .execute();
}

/** Companies created in [from, to) by source. */
export function companyFacts(db: Executor, from: string, to: string, owners: string[] | null) {
  return db
    .selectFrom('companies as c')
    .where('c.created_at', '>=', from)
    .where('c.created_at', '<', to)
    .where('c.source', 'is not', null)
    .where(scoped(owners, 'c.owner_id'))
    .select(['c.source as channel', sql<number>`count(*)`.as('count')])
    .groupBy('c.source')
    .execute();
}

/** Costs of the months by channel, campaign, month and currency. */
export function costFacts(db: Executor, months: string[]) {
  return db
    .selectFrom('ad_costs')
    .where('month', 'in', months)
    .select(['channel', 'campaign', 'month', 'currency', sql<number>`sum(amount)`.as('amount')])
    .groupBy(['channel', 'campaign', 'month', 'currency'])
    .execute();
}

/** Channel and campaign names in use (deals of the scope and costs), for pickers. */
export async function channelNames(db: Executor, owners: string[] | null) {
  const deals = await db
    .selectFrom('deals as d')
    .where('d.source_channel', 'is not', null)
    .where(scoped(owners, 'd.owner_id'))
    .select(['d.source_channel as channel', 'd.source_campaign as campaign'])
    .distinct()
    .limit(5000)
    .execute();
  const costs = await db.selectFrom('ad_costs').select(['channel', 'campaign']).distinct().limit(5000).execute();
  return [...deals, ...costs];
}
