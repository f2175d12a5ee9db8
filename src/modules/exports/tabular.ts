import { xlsxChunks } from './xlsx.js';

/**
 * Streaming table files: CSV (UTF-8 with BOM, formula-safe cells) and XLSX (a minimal streaming writer),
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

/** First characters that make a spreadsheet read a formula (= + - @ tab CR). */
const FORMULA_START = new Set([61, 43, 45, 64, 9, 13]);
const QUOTED = { ';': /[;"\r\n]/, ',': /[,"\r\n]/ } as Record<string, RegExp>;

export function csvCell(value: CellValue, delimiter: string): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number') return String(value);
  const s = FORMULA_START.has(value.charCodeAt(0)) ? defuse(value) : value;
  const quoted = QUOTED[delimiter];
  return (quoted ? quoted.test(s) : s.includes(delimiter) || /["\r\n]/.test(s)) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface TableOptions {
  format: 'csv' | 'xlsx';
  /** CSV only */
  delimiter?: string;
  sheetName?: string;
}

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
      let text = '';
      for (const r of next.value) {
        for (let i = 0; i < columns.length; i++) text += i ? delimiter + csvCell(columns[i]!.get(r), delimiter) : csvCell(columns[i]!.get(r), delimiter);
        text += '\r\n';
      }
      if (text) controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await it.return?.();
    },
  });
}

function xlsxStream<T>(columns: Column<T>[], pages: AsyncIterable<T[]>, sheetName: string): ReadableStream<Uint8Array> {
  async function* cells() {
    for await (const page of pages) yield page.map((r) => columns.map((c) => c.get(r)));
  }
  return pull(xlsxChunks(sheetName, columns.map((c) => c.header ?? c.key), cells()));
}

/** A byte stream read from an async generator one chunk per pull (the client's pace sets the reading pace). */
function pull(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
