import { sql } from 'kysely';
import { ownerAllowed, scopeOf, type Principal } from '../../platform/access/index.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { fromScaled, SCALE } from '../../shared/money.js';
import { specOf } from './deals.board.js';
import { toDeal } from './deals.mapper.js';
import { Totalizer } from './deals.money.js';
import { conditions, listDeals } from './deals.query.js';
import * as repo from './deals.repository.js';
import type { DealStatus } from './deals.schema.js';
import type { DealsService } from './deals.service.js';

/** The deals side of a company card: its deals with totals, and what it bought (product-client matrix). */

/** 404 unless the company exists and the principal may read it. */
async function assertCompanyReadable(svc: DealsService, p: Principal, companyId: string): Promise<void> {
  const c = await repo.findCompany(svc.db, companyId);
  if (!c || !ownerAllowed(p, scopeOf(p, 'company', 'read'), c.owner_id)) throw AppError.notFound('company');
}

/** GET /companies/{id}/deals: the company's deals the principal may read, newest first, with won/open/lost totals. */
export async function companyDeals(svc: DealsService, p: Principal, companyId: string, q: { status?: DealStatus; limit: number; cursor?: string }) {
  await assertCompanyReadable(svc, p, companyId);
  const spec = await specOf(svc.db, p, { companyId });
  const { rows, next } = await listDeals(svc.db, { ...spec, status: q.status }, '-createdAt', q.cursor ? decodeCursor(q.cursor) : null, q.limit);
  const sums = await sql<{ kind: DealStatus; currency: string; n: number; amount: number; weighted: number }>`
    SELECT s.kind, d.currency, count(*) AS n, sum(d.amount) AS amount, sum(d.amount * coalesce(d.probability, s.probability)) AS weighted
    FROM deals d JOIN stages s ON s.id = d.stage_id
    WHERE ${sql.join(conditions(svc.db, spec), sql` AND `)}
    GROUP BY s.kind, d.currency`.execute(svc.db);
  const money = await Totalizer.for(svc.db, sums.rows.map((r) => r.currency));
  const totals = { won: { count: 0, sum: 0 }, open: { count: 0, sum: 0, weightedSum: 0 }, lost: { count: 0, sum: 0 } };
  for (const r of sums.rows) {
    const t = totals[r.kind];
    t.count += Number(r.n);
    t.sum += (await money.convert(Number(r.amount), r.currency)) ?? 0;
    if (r.kind === 'open') totals.open.weightedSum += (await money.convert(Math.round(Number(r.weighted) / 100), r.currency)) ?? 0;
  }
  const now = Date.now();
  return {
    items: rows.map((r) => toDeal(r, now)),
    nextCursor: next ? encodeCursor(next) : null,
    totals: { currency: money.currency, ...totals, unconverted: money.list() },
  };
}

/**
 * GET /companies/{id}/products: per product (a bundle counts as one item) and currency, the quantity and net
 * revenue of the lines of the company's won deals the principal may read, and the last win.
 */
export async function companyProducts(svc: DealsService, p: Principal, companyId: string) {
  await assertCompanyReadable(svc, p, companyId);
  const spec = await specOf(svc.db, p, { companyId, status: 'won' });
  const rows = await sql<{ product_id: string; name: string; currency: string; quantity: number; revenue: number; deals: number; last_won_at: string }>`
    SELECT l.product_id, max(l.name) AS name, d.currency, sum(l.quantity) AS quantity, sum(l.net) AS revenue,
      count(DISTINCT d.id) AS deals, max(d.closed_at) AS last_won_at
    FROM deal_lines l JOIN deals d ON d.id = l.deal_id
    WHERE l.product_id IS NOT NULL AND ${sql.join(conditions(svc.db, spec), sql` AND `)}
    GROUP BY l.product_id, d.currency
    ORDER BY sum(l.net) DESC, l.product_id`.execute(svc.db);
  return {
    items: rows.rows.map((r) => ({
      productId: r.product_id,
      name: r.name,
      quantity: fromScaled(Number(r.quantity), SCALE.quantity),
      revenue: Number(r.revenue),
      currency: r.currency,
      deals: Number(r.deals),
      lastWonAt: r.last_won_at,
    })),
  };
}
