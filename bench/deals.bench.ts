import { rng } from '../src/modules/demo/index.js';
import { measure, type Session, type Stats } from './lib.js';

interface BoardBody {
  columns: { stageId: string; items: { id: string }[]; nextCursor: string | null; totals: { count: number } }[];
}

/**
 * Latency of the deal hot paths through the HTTP API, sequential requests: the kanban board (first 50 per
 * stage with totals) for an administrator (every deal) and a manager (own deals), a column's next page,
 * a filtered board (totals computed from the matching deals), the deal list, creating a deal with 5 lines
 * and moving a deal to another stage.
 */
export async function dealsScenarios(admin: Session, manager: Session, n: number): Promise<Record<string, Stats>> {
  const r = rng(5);
  const out: Record<string, Stats> = {};
  const [, pipelines] = await admin.timed<{ items: { id: string; isDefault: boolean; stages: { id: string; kind: string }[] }[] }>('GET', '/pipelines');
  const pipeline = pipelines.items.find((p) => p.isDefault)!;
  const board = `/pipelines/${pipeline.id}/board?limit=50`;

  out['board: admin, 50/stage + totals'] = await measure(n, 20, async () => (await admin.timed('GET', board))[0]);
  out['board: manager (own), 50/stage + totals'] = await measure(n, 20, async () => (await manager.timed('GET', board))[0]);

  const [, first] = await admin.timed<BoardBody>('GET', board);
  const column = first.columns.find((c) => c.nextCursor)!;
  let cursor = column.nextCursor;
  out['board: column next 50 (cursor)'] = await measure(n, 20, async () => {
    const [ms, body] = await admin.timed<{ nextCursor: string | null }>('GET', `/pipelines/${pipeline.id}/board/${column.stageId}?limit=50&cursor=${encodeURIComponent(cursor ?? column.nextCursor!)}`);
    cursor = body.nextCursor;
    return ms;
  });
  out['board: manager, filtered by source (info)'] = await measure(Math.min(n, 50), 5, async () => (await manager.timed('GET', `${board}&sourceChannel=web`))[0]);
  out['deals list first page (50)'] = await measure(n, 20, async () => (await admin.timed('GET', '/deals?limit=50'))[0]);

  const [, companies] = await manager.timed<{ items: { id: string }[] }>('GET', '/companies?limit=200');
  const [, products] = await admin.timed<{ items: { id: string; kind: string; prices: unknown[] }[] }>('GET', '/products?limit=100&active=true');
  const priced = products.items.filter((p) => p.kind !== 'bundle' && p.prices.length).map((p) => p.id);
  const created: { id: string; version: number }[] = [];
  out['deal create with 5 lines'] = await measure(n, 20, async () => {
    const lines = [
      ...priced.slice(0, 2).map((productId) => ({ productId, quantity: 1 + Math.floor(r() * 5) })),
      ...Array.from({ length: 5 - Math.min(2, priced.length) }, (_, k) => ({ name: `Работы, этап ${k + 1}`, quantity: 1 + Math.floor(r() * 20), unitPrice: 100_000 + Math.floor(r() * 900_000), vatRate: 22, discountPercent: 5 })),
    ];
    const [ms, deal] = await manager.timed<{ id: string; version: number }>('POST', '/deals', { title: `Bench deal ${r()}`, companyId: companies.items[Math.floor(r() * companies.items.length)]!.id, lines });
    created.push(deal);
    return ms;
  });

  const open = pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.id);
  out['deal stage move'] = await measure(Math.min(n, created.length), 0, async (i) => {
    const d = created[i]!;
    const [ms] = await manager.timed('POST', `/deals/${d.id}/stage`, { version: d.version, stageId: open[1 + (i % (open.length - 1))] });
    return ms;
  });
  return out;
}
