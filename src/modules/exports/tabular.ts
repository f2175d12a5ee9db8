import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

/**
 * Streaming table files: CSV (UTF-8 with BOM, formula-safe cells) and XLSX (exceljs streaming writer),
 * fed page by page while the client downloads, so no export holds the whole list in memory.
 */

export type CellValue = string | number | null;

export interface Column<T> {
  key: string;
  /** The header cell (the key unless given). */
  header?: string;
  get(row: T): CellValue;
}

/** A spreadsheet would run a cell starting with = + - @ as a formula; such text gets a leading apostrophe. */
export const defuse = (s: string) => (/^[=+\-@\t\r]/.test(s) && !/^[+-]?[\d\s().-]+$/.test(s) ? `'${s}` : s);

export function csvCell(value: CellValue, delimiter: string): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number') return String(value);
  const s = defuse(value);
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface TableOptions {
  format: 'csv' | 'xlsx';
  /** CSV only */
  delimiter?: string;
  sheetName?: string;
}

/** Bytes the XLSX writer may buffer ahead of the client before it waits. */
const XLSX_AHEAD = 4 * 1024 * 1024;

/** Streams the pages as a table file; `pages` is pulled lazily, one page per read of the client. */
export function tableStream<T>(columns: Column<T>[], pages: AsyncIterable<T[]>, opts: TableOptions): ReadableStream<Uint8Array> {
  return opts.format === 'xlsx' ? xlsxStream(columns, pages, opts.sheetName ?? 'Sheet1') : csvStream(columns, pages, opts.delimiter ?? ',');
}

function csvStream<T>(columns: Column<T>[], pages: AsyncIterable<T[]>, delimiter: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const line = (cells: CellValue[]) => `${cells.map((x) => csvCell(x, delimiter)).join(delimiter)}\r\n`;
  const it = pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${line(columns.map((c) => c.header ?? c.key))}`));
        return;
      }
      const next = await it.next();
      if (next.done) {
        controller.close();
        return;
      }
      const text = next.value.map((r) => line(columns.map((c) => c.get(r)))).join('');
      if (text) controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await it.return?.();
    },
  });
}

function xlsxStream<T>(columns: Column<T>[], pages: AsyncIterable<T[]>, sheetName: string): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.header ?? c.key, key: c.key, width: Math.min(40, Math.max(10, (c.header ?? c.key).length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for await (const page of pages) {
      for (const r of page) sheet.addRow(columns.map((c) => c.get(r))).commit();
      while (out.readableLength > XLSX_AHEAD && !out.destroyed) await Promise.race([once(out, 'data'), once(out, 'close')]);
      if (out.destroyed) return;
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
