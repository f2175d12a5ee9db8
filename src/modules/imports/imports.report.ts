import type { Principal } from '../../platform/access/index.js';
import { tableStream, type Column } from '../exports/index.js';
import type { RowError } from './imports.schema.js';
import type { ImportsService } from './imports.service.js';

const PAGE = 500;

const columns: Column<RowError>[] = [
  { key: 'row', get: (e) => e.row },
  { key: 'column', get: (e) => e.column },
  { key: 'field', get: (e) => e.field },
  { key: 'code', get: (e) => e.code },
  { key: 'message', get: (e) => e.message },
];

/** The skipped rows of an import as CSV (row number, column, code, message), streamed page by page. */
export async function errorsCsv(svc: ImportsService, p: Principal, id: string): Promise<ReadableStream<Uint8Array>> {
  await svc.get(p, id);
  async function* pages() {
    let cursor: string | undefined;
    do {
      const page = await svc.errors(p, id, { limit: PAGE, cursor });
      yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return tableStream(columns, pages(), { format: 'csv', delimiter: ';' });
}
