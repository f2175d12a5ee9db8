import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { searchTokens } from '../../shared/text.js';
import { subtreeIds } from '../../shared/tree.js';
import { getPipeline } from '../pipelines/index.js';
import { toDeal } from './deals.mapper.js';
import { Totalizer, weighted } from './deals.money.js';
import { countedSums, listDeals, ownersOnly, scannedSums, type DealSpec } from './deals.query.js';
import type { Board, BoardColumnQuery, BoardQuery, DealFilters, DealListQuery } from './deals.schema.js';
import type { DealsService } from './deals.service.js';

/** Deal lists, the kanban board of a pipeline and its columns: always limited to the deals the principal may read. */

/** Ids of the users in the department and its sub-departments. */
async function departmentUserIds(db: Executor, departmentId: string): Promise<string[]> {
  const departments = await db.selectFrom('departments').select(['id', 'parent_id as parentId']).execute();
  const ids = [...subtreeIds(departments, departmentId)];
  const users = await db.selectFrom('users').select('id').where('department_id', 'in', ids).execute();
  return users.map((u) => u.id);
}

const intersect = (a: string[] | null, b: string[]): string[] => (a === null ? b : b.filter((x) => a.includes(x)));

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The filters as SQL conditions, narrowed to the owners the principal may read. */
export async function specOf(db: Executor, p: Principal, f: Partial<DealFilters>): Promise<DealSpec> {
  let owners = ownerFilter(p, scopeOf(p, 'deal', 'read'));
  if (f.ownerId) owners = intersect(owners, [f.ownerId]);
  if (f.departmentId) owners = intersect(owners, await departmentUserIds(db, f.departmentId));
  return {
    tokens: f.q ? searchTokens(f.q) : [],
    owners,
    companyId: f.companyId,
    productId: f.productId,
    sourceChannel: f.sourceChannel,
    sourceCampaign: f.sourceCampaign,
    type: f.type,
    createdFrom: f.createdFrom,
    createdBefore: f.createdTo ? nextDay(f.createdTo) : undefined,
    expectedFrom: f.expectedFrom,
    expectedTo: f.expectedTo,
    pipelineId: f.pipelineId,
    stageId: f.stageId,
    status: f.status,
  };
}

export async function listDealPage(svc: DealsService, p: Principal, q: DealListQuery) {
  const { sort, limit, cursor, ...filters } = q;
  const { rows, next } = await listDeals(svc.db, await specOf(svc.db, p, filters), sort, cursor ? decodeCursor(cursor) : null, limit);
  const now = Date.now();
  return { items: rows.map((r) => toDeal(r, now)), nextCursor: next ? encodeCursor(next) : null };
}

/** GET /pipelines/{id}/board: per stage the first deals and the column totals (count, sum, weighted sum). */
export async function loadBoard(svc: DealsService, p: Principal, pipelineId: string, q: BoardQuery): Promise<Board> {
  const pipeline = await getPipeline(svc.db, pipelineId);
  const { sort, limit, ...filters } = q;
  const spec = { ...(await specOf(svc.db, p, filters)), pipelineId };
  const stageIds = pipeline.stages.map((s) => s.id);
  const sums = ownersOnly(spec) ? await countedSums(svc.db, stageIds, spec.owners) : await scannedSums(svc.db, spec);
  const money = await Totalizer.for(svc.db, sums.map((s) => s.currency));
  const now = Date.now();
  const columns: Board['columns'] = [];
  for (const stage of pipeline.stages) {
    const stageSums = sums.filter((x) => x.stageId === stage.id);
    // The sums count the same deals: an empty column needs no query.
    const { rows, next } = stageSums.length ? await listDeals(svc.db, { ...spec, stageId: stage.id }, sort, null, limit) : { rows: [], next: null };
    const totals = { count: 0, sum: 0, weightedSum: 0 };
    for (const s of stageSums) {
      totals.count += s.count;
      const sum = await money.convert(s.amount, s.currency);
      const w = await money.convert(weighted(s.manualWeighted, s.autoAmount, stage.probability), s.currency);
      totals.sum += sum ?? 0;
      totals.weightedSum += w ?? 0;
    }
    columns.push({
      stageId: stage.id,
      totals: { ...totals, currency: money.currency, unconverted: [] },
      items: rows.map((r) => toDeal(r, now)),
      nextCursor: next ? encodeCursor(next) : null,
    });
  }
  for (const c of columns) c.totals.unconverted = money.list();
  return { pipelineId, columns };
}

/** GET /pipelines/{id}/board/{stageId}: the next deals of one column. */
export async function loadColumn(svc: DealsService, p: Principal, pipelineId: string, stageId: string, q: BoardColumnQuery) {
  const pipeline = await getPipeline(svc.db, pipelineId);
  if (!pipeline.stages.some((s) => s.id === stageId)) throw AppError.notFound('stage');
  const { sort, limit, cursor, ...filters } = q;
  const spec = { ...(await specOf(svc.db, p, filters)), pipelineId, stageId };
  const { rows, next } = await listDeals(svc.db, spec, sort, cursor ? decodeCursor(cursor) : null, limit);
  const now = Date.now();
  return { items: rows.map((r) => toDeal(r, now)), nextCursor: next ? encodeCursor(next) : null };
}
