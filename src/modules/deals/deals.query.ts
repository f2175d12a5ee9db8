import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { dialectOf } from '../../platform/db/dialect.js';
import type { Cursor } from '../../platform/http/pagination.js';
import { selectDeals, type DealRow } from './deals.repository.js';
import type { BoardSort, DealSort, DealStatus, DealType } from './deals.schema.js';

/** SQL of deal lists and board columns: filters, full-text search, keyset pages, aggregated totals. */

export interface DealSpec {
  /** Folded search tokens matched against the deal (title, source) or its company. */
  tokens: string[];
  /** Owner ids allowed; null = anyone. Scope, owner and department filters combined. */
  owners: string[] | null;
  companyId?: string;
  productId?: string;
  sourceChannel?: string;
  sourceCampaign?: string;
  type?: DealType;
  createdFrom?: string;
  /** exclusive: the day after the last day */
  createdBefore?: string;
  expectedFrom?: string;
  expectedTo?: string;
  pipelineId?: string;
  stageId?: string;
  status?: DealStatus;
}

/** Whether only owners restrict the spec (then the per-stage counters answer the totals). */
export const ownersOnly = (s: DealSpec) =>
  !s.tokens.length && !s.companyId && !s.productId && !s.sourceChannel && !s.sourceCampaign && !s.type &&
  !s.createdFrom && !s.createdBefore && !s.expectedFrom && !s.expectedTo && !s.status;

function textMatch(db: Executor, tokens: string[]): RawBuilder<SqlBool> {
  if (dialectOf(db) === 'postgres') {
    const query = tokens.map((t) => `'${t.replace(/'/g, "''")}'${t.length > 1 ? ':*' : ''}`).join(' & ');
    return sql<SqlBool>`(d.search_tsv @@ to_tsquery('simple', ${query})
      OR d.company_id IN (SELECT c.id FROM companies c WHERE c.search_tsv @@ to_tsquery('simple', ${query})))`;
  }
  const query = tokens.map((t) => `"${t.replace(/"/g, '""')}"${t.length > 1 ? '*' : ''}`).join(' ');
  return sql<SqlBool>`(d.rowid IN (SELECT rowid FROM deals_fts WHERE deals_fts MATCH ${query})
    OR d.company_id IN (SELECT c.id FROM companies c WHERE c.rowid IN (SELECT rowid FROM companies_fts WHERE companies_fts MATCH ${query})))`;
}

/** The spec as conditions on `deals d`. */
export function conditions(db: Executor, s: DealSpec): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = [];
  if (s.owners) out.push(s.owners.length ? sql<SqlBool>`d.owner_id IN (${sql.join(s.owners)})` : sql<SqlBool>`1 = 0`);
  if (s.pipelineId) out.push(sql<SqlBool>`d.pipeline_id = ${s.pipelineId}`);
  if (s.stageId) out.push(sql<SqlBool>`d.stage_id = ${s.stageId}`);
  if (s.status) out.push(sql<SqlBool>`d.stage_id IN (SELECT st.id FROM stages st WHERE st.kind = ${s.status})`);
  if (s.companyId) out.push(sql<SqlBool>`d.company_id = ${s.companyId}`);
  if (s.productId) out.push(sql<SqlBool>`EXISTS (SELECT 1 FROM deal_lines l WHERE l.deal_id = d.id AND l.product_id = ${s.productId})`);
  if (s.sourceChannel) out.push(sql<SqlBool>`d.source_channel = ${s.sourceChannel}`);
  if (s.sourceCampaign) out.push(sql<SqlBool>`d.source_campaign = ${s.sourceCampaign}`);
  if (s.type) out.push(sql<SqlBool>`d.type = ${s.type}`);
  if (s.createdFrom) out.push(sql<SqlBool>`d.created_at >= ${s.createdFrom}`);
  if (s.createdBefore) out.push(sql<SqlBool>`d.created_at < ${s.createdBefore}`);
  if (s.expectedFrom) out.push(sql<SqlBool>`d.expected_close_date >= ${s.expectedFrom}`);
  if (s.expectedTo) out.push(sql<SqlBool>`d.expected_close_date <= ${s.expectedTo}`);
  if (s.tokens.length) out.push(textMatch(db, s.tokens));
  return out;
}

type SortKey = 'createdAt' | 'updatedAt' | 'amount' | 'expectedCloseDate' | 'stageEnteredAt';
const sortExpr: Record<SortKey, RawBuilder<unknown>> = {
  createdAt: sql`d.created_at`,
  updatedAt: sql`d.updated_at`,
  amount: sql`d.amount`,
  // Without a date last: the same expression as the deals_expected_idx index.
  expectedCloseDate: sql`coalesce(d.expected_close_date, '9999-12-31')`,
  stageEnteredAt: sql`d.stage_entered_at`,
};
const sortValue = (r: DealRow, key: SortKey): string | number =>
  key === 'createdAt' ? r.created_at
  : key === 'updatedAt' ? r.updated_at
  : key === 'amount' ? Number(r.amount)
  : key === 'expectedCloseDate' ? (r.expected_close_date ?? '9999-12-31')
  : r.stage_entered_at;

/** One keyset page: limit + 1 rows are read to know whether another page follows. */
export async function listDeals(db: Executor, spec: DealSpec, sort: DealSort | BoardSort, cursor: Cursor | null, limit: number): Promise<{ rows: DealRow[]; next: Cursor | null }> {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as SortKey;
  const expr = sortExpr[key];
  let q = selectDeals(db);
  for (const c of conditions(db, spec)) q = q.where(c);
  if (cursor) {
    const v = key === 'amount' ? Number(cursor.v) : String(cursor.v);
    q = q.where(desc ? sql<SqlBool>`(${expr}, d.id) < (${v}, ${cursor.id})` : sql<SqlBool>`(${expr}, d.id) > (${v}, ${cursor.id})`);
  }
  const dir = desc ? 'desc' : 'asc';
  const rows = await q.orderBy(expr, dir).orderBy('d.id', dir).limit(limit + 1).execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? { v: sortValue(last, key), id: last.id } : null };
}

/** Column sums per stage and currency, in minor units: all deals, those following the stage's probability, and amount x own probability. */
export interface StageSums {
  stageId: string;
  currency: string;
  count: number;
  amount: number;
  autoAmount: number;
  manualWeighted: number;
}

const toSums = (r: { stage_id: string; currency: string; n: unknown; amount: unknown; auto: unknown; manual: unknown }): StageSums => ({
  stageId: r.stage_id,
  currency: r.currency,
  count: Number(r.n),
  amount: Number(r.amount ?? 0),
  autoAmount: Number(r.auto ?? 0),
  manualWeighted: Number(r.manual ?? 0),
});

/** Totals from the per-stage counters (owner restrictions only). */
export async function countedSums(db: Executor, stageIds: string[], owners: string[] | null): Promise<StageSums[]> {
  if (!stageIds.length || owners?.length === 0) return [];
  const ownerCond = owners ? sql`AND owner_key IN (${sql.join(owners)})` : sql``;
  const res = await sql<{ stage_id: string; currency: string; n: number; amount: number; auto: number; manual: number }>`
    SELECT stage_id, currency, sum(count) AS n, sum(amount_sum) AS amount, sum(auto_amount_sum) AS auto, sum(manual_weighted_sum) AS manual
    FROM deal_stage_totals WHERE stage_id IN (${sql.join(stageIds)}) ${ownerCond}
    GROUP BY stage_id, currency HAVING sum(count) > 0`.execute(db);
  return res.rows.map(toSums);
}

/** Totals computed from the matching deals (any filter). */
export async function scannedSums(db: Executor, spec: DealSpec): Promise<StageSums[]> {
  const where = conditions(db, spec);
  const res = await sql<{ stage_id: string; currency: string; n: number; amount: number; auto: number; manual: number }>`
    SELECT d.stage_id, d.currency, count(*) AS n, sum(d.amount) AS amount,
      sum(CASE WHEN d.probability IS NULL THEN d.amount ELSE 0 END) AS auto,
      sum(CASE WHEN d.probability IS NULL THEN 0 ELSE d.amount * d.probability END) AS manual
    FROM deals d ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    GROUP BY d.stage_id, d.currency`.execute(db);
  return res.rows.map(toSums);
}
