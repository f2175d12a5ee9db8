import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ChurnTaskTable, CompanySegmentTable, ProductSegmentTable } from '../../platform/db/schema.js';
import type { Cursor } from '../../platform/http/pagination.js';

/** SQL of segmentation: facts read from deals (read-only), the stored classes, the job row, churn tasks. */

const CHUNK = 500;
const day = sql<string>`substr(d.closed_at, 1, 10)`;

/** Won deals with a company closed in [from, to), summed by company, day, currency and whether they have lines. */
export function clientDealFacts(db: Executor, from: string, to: string) {
  const hasLines = sql<number>`CASE WHEN EXISTS (SELECT 1 FROM deal_lines l WHERE l.deal_id = d.id) THEN 1 ELSE 0 END`;
  return db
    .selectFrom('deals as d')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .where('s.kind', '=', 'won')
    .where('d.company_id', 'is not', null)
    .where('d.closed_at', '>=', from)
    .where('d.closed_at', '<', to)
    .select([
      'd.company_id as companyId',
      day.as('day'),
      'd.currency as currency',
      hasLines.as('hasLines'),
      sql<number>`sum(d.amount)`.as('amount'),
      sql<number>`count(*)`.as('deals'),
    ])
    .groupBy(['d.company_id', day, 'd.currency', hasLines])
    .execute() as Promise<{ companyId: string; day: string; currency: string; hasLines: number; amount: number; deals: number }[]>;
}

export interface LineFact {
  companyId: string | null;
  productId: string | null;
  groupId: string | null;
  day: string;
  currency: string;
  /** minor units of costCurrency per unit; null = unknown */
  purchaseCost: number | null;
  costCurrency: string | null;
  net: number;
  /** thousandths */
  quantity: number;
}

/** Lines of won deals closed in [from, to), summed by company, product, day and currency, with the product's current cost. */
export function lineFacts(db: Executor, from: string, to: string): Promise<LineFact[]> {
  return db
    .selectFrom('deal_lines as l')
    .innerJoin('deals as d', 'd.id', 'l.deal_id')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .leftJoin('products as p', 'p.id', 'l.product_id')
    .where('s.kind', '=', 'won')
    .where('d.closed_at', '>=', from)
    .where('d.closed_at', '<', to)
    .select([
      'd.company_id as companyId',
      'l.product_id as productId',
      'p.group_id as groupId',
      day.as('day'),
      'd.currency as currency',
      'p.purchase_cost as purchaseCost',
      'p.cost_currency as costCurrency',
      sql<number>`sum(l.net)`.as('net'),
      sql<number>`sum(l.quantity)`.as('quantity'),
    ])
    .groupBy(['d.company_id', 'l.product_id', 'p.group_id', day, 'd.currency', 'p.purchase_cost', 'p.cost_currency'])
    .execute();
}

/** First won deal (YYYY-MM-DD) of every company with one. */
export async function firstClientSales(db: Executor): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('deals as d')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .where('s.kind', '=', 'won')
    .where('d.company_id', 'is not', null)
    .select(['d.company_id as id', sql<string>`min(d.closed_at)`.as('first')])
    .groupBy('d.company_id')
    .execute();
  return new Map(rows.map((r) => [r.id!, r.first.slice(0, 10)]));
}

/** First sale (YYYY-MM-DD) of every product sold in a won deal. */
export async function firstProductSales(db: Executor): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('deal_lines as l')
    .innerJoin('deals as d', 'd.id', 'l.deal_id')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .where('s.kind', '=', 'won')
    .where('l.product_id', 'is not', null)
    .select(['l.product_id as id', sql<string>`min(d.closed_at)`.as('first')])
    .groupBy('l.product_id')
    .execute();
  return new Map(rows.map((r) => [r.id!, r.first.slice(0, 10)]));
}

/** Replaces every stored class (inside the caller's transaction). */
export async function replaceClasses(trx: Executor, companies: CompanySegmentTable[], products: ProductSegmentTable[]): Promise<void> {
  await trx.deleteFrom('company_segments').execute();
  await trx.deleteFrom('product_segments').execute();
  // rows of companies / products deleted while the job computed would break the foreign key
  const liveCompanies = new Set((await trx.selectFrom('companies').select('id').execute()).map((r) => r.id));
  const liveProducts = new Set((await trx.selectFrom('products').select('id').execute()).map((r) => r.id));
  const c = companies.filter((r) => liveCompanies.has(r.company_id));
  const p = products.filter((r) => liveProducts.has(r.product_id));
  for (let i = 0; i < c.length; i += CHUNK) await trx.insertInto('company_segments').values(c.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < p.length; i += CHUNK) await trx.insertInto('product_segments').values(p.slice(i, i + CHUNK)).execute();
}

/** Stored client classes with the company, visible owners only, by metric value descending. */
export async function listCompanyClasses(
  db: Executor,
  f: { owners: string[] | null; abc?: string; xyz?: string; cursor: Cursor | null; limit: number },
) {
  let q = db
    .selectFrom('company_segments as g')
    .innerJoin('companies as c', 'c.id', 'g.company_id')
    .leftJoin('users as u', 'u.id', 'c.owner_id')
    .selectAll('g')
    .select(['c.name', 'c.owner_id', 'u.name as owner_name']);
  if (f.owners) q = f.owners.length ? q.where('c.owner_id', 'in', f.owners) : q.where(sql<SqlBool>`1 = 0`);
  if (f.abc) q = q.where('g.abc', '=', f.abc);
  if (f.xyz) q = q.where('g.xyz', '=', f.xyz);
  if (f.cursor) {
    const { v, id } = f.cursor;
    q = q.where((eb) => eb.or([eb('g.metric_value', '<', Number(v)), eb.and([eb('g.metric_value', '=', Number(v)), eb('g.company_id', '>', id)])]));
  }
  return q.orderBy('g.metric_value', 'desc').orderBy('g.company_id').limit(f.limit + 1).execute();
}

/** Counts and metric sums by ABC x XYZ cell, and counts by RFM code, over the visible companies. */
export async function matrixCounts(db: Executor, owners: string[] | null) {
  let cells = db
    .selectFrom('company_segments as g')
    .innerJoin('companies as c', 'c.id', 'g.company_id')
    .where('g.abc', 'is not', null)
    .select(['g.abc', 'g.xyz', sql<number>`count(*)`.as('count'), sql<number>`sum(g.metric_value)`.as('value')])
    .groupBy(['g.abc', 'g.xyz']);
  let rfm = db
    .selectFrom('company_segments as g')
    .innerJoin('companies as c', 'c.id', 'g.company_id')
    .where('g.rfm_r', 'is not', null)
    .select(['g.rfm_r', 'g.rfm_f', 'g.rfm_m', sql<number>`count(*)`.as('count')])
    .groupBy(['g.rfm_r', 'g.rfm_f', 'g.rfm_m']);
  if (owners) {
    cells = owners.length ? cells.where('c.owner_id', 'in', owners) : cells.where(sql<SqlBool>`1 = 0`);
    rfm = owners.length ? rfm.where('c.owner_id', 'in', owners) : rfm.where(sql<SqlBool>`1 = 0`);
  }
  return { cells: await cells.execute(), rfm: await rfm.execute() };
}

/** Stored product classes with the product and its group, by metric value descending. */
export async function listProductClasses(db: Executor, f: { abc?: string; xyz?: string; bcg?: string; cursor: Cursor | null; limit: number }) {
  let q = db
    .selectFrom('product_segments as g')
    .innerJoin('products as p', 'p.id', 'g.product_id')
    .leftJoin('product_groups as pg', 'pg.id', 'p.group_id')
    .selectAll('g')
    .select(['p.name', 'pg.name as group_name']);
  if (f.abc) q = q.where('g.abc', '=', f.abc);
  if (f.xyz) q = q.where('g.xyz', '=', f.xyz);
  if (f.bcg) q = q.where('g.bcg', '=', f.bcg);
  if (f.cursor) {
    const { v, id } = f.cursor;
    q = q.where((eb) => eb.or([eb('g.metric_value', '<', Number(v)), eb.and([eb('g.metric_value', '=', Number(v)), eb('g.product_id', '>', id)])]));
  }
  return q.orderBy('g.metric_value', 'desc').orderBy('g.product_id').limit(f.limit + 1).execute();
}

/** Purchase counts and first / last purchase days of the visible companies with at least 2 won deals. */
export function purchaseRhythms(db: Executor, owners: string[] | null, companyId?: string) {
  let q = db
    .selectFrom('deals as d')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .innerJoin('companies as c', 'c.id', 'd.company_id')
    .leftJoin('users as u', 'u.id', 'c.owner_id')
    .where('s.kind', '=', 'won')
    .where('d.closed_at', 'is not', null)
    .select([
      'c.id as companyId',
      'c.name as name',
      'c.owner_id as ownerId',
      'u.name as ownerName',
      sql<number>`count(*)`.as('purchases'),
      sql<string>`min(d.closed_at)`.as('first'),
      sql<string>`max(d.closed_at)`.as('last'),
    ])
    .groupBy(['c.id', 'c.name', 'c.owner_id', 'u.name'])
    .having(sql<number>`count(*)`, '>=', 2);
  if (owners) q = owners.length ? q.where('c.owner_id', 'in', owners) : q.where(sql<SqlBool>`1 = 0`);
  if (companyId) q = q.where('c.id', '=', companyId);
  return q.execute();
}

export async function churnTasks(db: Executor, companyIds: string[]): Promise<ChurnTaskTable[]> {
  if (!companyIds.length) return [];
  return db.selectFrom('churn_tasks').selectAll().where('company_id', 'in', companyIds).execute();
}

/** Claims a churn episode for one task; false when it was claimed before. */
export async function claimChurnEpisode(db: Executor, row: ChurnTaskTable): Promise<boolean> {
  const res = await db.insertInto('churn_tasks').values(row).onConflict((oc) => oc.columns(['company_id', 'last_purchase_at']).doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setChurnTask(db: Executor, companyId: string, lastPurchase: string, taskId: string | null): Promise<void> {
  if (taskId === null) {
    await db.deleteFrom('churn_tasks').where('company_id', '=', companyId).where('last_purchase_at', '=', lastPurchase).execute();
    return;
  }
  await db.updateTable('churn_tasks').set({ task_id: taskId }).where('company_id', '=', companyId).where('last_purchase_at', '=', lastPurchase).execute();
}
