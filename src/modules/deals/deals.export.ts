import { ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Cursor } from '../../platform/http/pagination.js';
import { keysetPages, pickColumns, tableStream, type Column } from '../exports/index.js';
import { listPipelines } from '../pipelines/index.js';
import { specOf } from './deals.board.js';
import { toDeal } from './deals.mapper.js';
import { listDeals } from './deals.query.js';
import type { Deal, DealExportQuery } from './deals.schema.js';
import type { DealsService } from './deals.service.js';

const PAGE = 500;

/**
 * Every deal matching the list filters within the caller's export scope, as CSV or XLSX with the chosen
 * columns, read in keyset pages while the client downloads. Amounts are in major units of their currency.
 */
export async function exportDeals(svc: DealsService, p: Principal, q: DealExportQuery): Promise<ReadableStream<Uint8Array>> {
  const { sort, format, delimiter, columns: requested, ...filters } = q;
  const spec = await specOf(svc.db, p, filters);
  const allowed = ownerFilter(p, scopeOf(p, 'deal', 'export'));
  if (allowed) spec.owners = spec.owners === null ? allowed : spec.owners.filter((o) => allowed.includes(o));
  const pipelines = await listPipelines(svc.db);
  const pipelineName = new Map(pipelines.map((x) => [x.id, x.name]));
  const stageName = new Map(pipelines.flatMap((x) => x.stages.map((s) => [s.id, s.name] as const)));
  const all: Column<Deal>[] = [
    { key: 'id', get: (d) => d.id },
    { key: 'title', get: (d) => d.title },
    { key: 'companyName', get: (d) => d.companyName },
    { key: 'pipeline', get: (d) => pipelineName.get(d.pipelineId) ?? null },
    { key: 'stage', get: (d) => stageName.get(d.stageId) ?? null },
    { key: 'status', get: (d) => d.status },
    { key: 'ownerName', get: (d) => d.ownerName },
    { key: 'type', get: (d) => d.type },
    { key: 'sourceChannel', get: (d) => d.sourceChannel },
    { key: 'sourceCampaign', get: (d) => d.sourceCampaign },
    { key: 'amount', get: (d) => d.amount / 100 },
    { key: 'currency', get: (d) => d.currency },
    { key: 'probability', get: (d) => d.probability },
    { key: 'expectedCloseDate', get: (d) => d.expectedCloseDate },
    { key: 'closedAt', get: (d) => d.closedAt },
    { key: 'lostComment', get: (d) => d.lostComment },
    { key: 'createdAt', get: (d) => d.createdAt },
    { key: 'updatedAt', get: (d) => d.updatedAt },
  ];
  const columns = pickColumns(all, requested);
  const now = Date.now();
  const pages = keysetPages(null, async (cursor: Cursor | null) => {
    const { rows, next } = await listDeals(svc.db, spec, sort, cursor, PAGE);
    return { rows: rows.map((r) => toDeal(r, now)), next };
  });
  return tableStream(columns, pages, { format, delimiter, sheetName: 'Deals' });
}
