import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/errors.js';
import type { SourceRecord } from './source.js';

/** The first worksheet of an .xlsx file, streamed row by row (exceljs WorkbookReader), cells as text. */

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell: YYYY-MM-DD, with the time when it has one (Excel keeps local times; exceljs reads them as UTC). */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return time ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateText(v);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
  }
  return '';
}

export async function* xlsxRecords(file: string): AsyncGenerator<SourceRecord & { sheet: string }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' });
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name ?? 'Sheet1';
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
        yield { row: row.number, cells, sheet: name };
      }
      return;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('import.file_unreadable', 422, `The .xlsx file cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}
