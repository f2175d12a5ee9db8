import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/http/responses.js';
import type { ExportFormat } from '../../shared/export-query.js';
import type { Column } from './tabular.js';

const mime: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** OpenAPI responses of an export route. */
export const exportResponses = {
  200: {
    description: 'The file (CSV: UTF-8 with BOM), streamed',
    content: { 'text/csv': { schema: z.string() }, [mime.xlsx]: { schema: z.string() } },
  },
  ...errorResponses,
};

/** Headers of a download named `<name>-<date>.<format>`. */
export function exportHeaders(name: string, format: ExportFormat): Record<string, string> {
  const stamp = new Date().toISOString().slice(0, 10);
  return { 'content-type': mime[format], 'content-disposition': `attachment; filename="${name}-${stamp}.${format}"`, 'cache-control': 'no-store' };
}

/** The requested columns in the requested order (all when none); an unknown key is a 422 on `columns`. */
export function pickColumns<T>(all: Column<T>[], requested: string | undefined): Column<T>[] {
  if (!requested) return all;
  const byKey = new Map(all.map((c) => [c.key, c]));
  const keys = [...new Set(requested.split(',').map((k) => k.trim()).filter(Boolean))];
  const unknown = keys.filter((k) => !byKey.has(k));
  if (unknown.length || !keys.length) {
    throw AppError.validation([{ field: 'columns', code: 'export.column_unknown', message: unknown.length ? `unknown columns: ${unknown.join(', ')}` : 'name at least one column' }]);
  }
  return keys.map((k) => byKey.get(k)!);
}

/** Keyset pages until the last: `page(cursor)` returns the rows and the next cursor. */
export async function* keysetPages<T, C>(first: C | null, page: (cursor: C | null) => Promise<{ rows: T[]; next: C | null }>): AsyncGenerator<T[]> {
  let cursor = first;
  for (;;) {
    const { rows, next } = await page(cursor);
    yield rows;
    if (!next) return;
    cursor = next;
  }
}
