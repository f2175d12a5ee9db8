import { AppError } from '../../../platform/errors.js';

/**
 * An incremental CSV reader (RFC 4180 plus what spreadsheets write): quoted fields with doubled quotes,
 * delimiters and line breaks inside quotes, CRLF or LF line ends. Text is pushed in chunks; complete
 * records come out. A line without quotes is split natively, which keeps million-row files fast.
 */
export class CsvReader {
  private buf = '';
  private pos = 0;
  /** Position of the next quote at or after the last lookup (buf.length: none): one scan serves many lines. */
  private nextQuote = -1;
  /** Records read so far, empty lines included (record N is what a spreadsheet shows as row N). */
  recordNo = 0;

  constructor(readonly delimiter: string) {}

  push(text: string): void {
    this.buf = this.pos ? this.buf.slice(this.pos) + text : this.buf + text;
    this.pos = 0;
    this.nextQuote = -1;
  }

  private quoteAt(from: number): number {
    if (this.nextQuote < from) {
      const q = this.buf.indexOf('"', from);
      this.nextQuote = q < 0 ? this.buf.length : q;
    }
    return this.nextQuote;
  }

  /** The complete records in the buffer; with `final`, the rest too (an unclosed quote is an error). */
  *records(final = false): Generator<{ row: number; cells: string[] }> {
    const { buf, delimiter } = this;
    while (this.pos < buf.length) {
      const nl = buf.indexOf('\n', this.pos);
      if (nl < 0 && !final) return;
      const end = nl < 0 ? buf.length : nl;
      const lineEnd = end > this.pos && buf.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (this.quoteAt(this.pos) >= end) {
        const line = buf.slice(this.pos, lineEnd);
        this.pos = end + 1;
        this.recordNo += 1;
        yield { row: this.recordNo, cells: line.split(delimiter) };
        continue;
      }
      const parsed = this.quoted(final);
      if (!parsed) return;
      this.recordNo += 1;
      yield { row: this.recordNo, cells: parsed };
    }
  }

  /** A record containing quotes, char by char; null when it continues past the buffered text. */
  private quoted(final: boolean): string[] | null {
    const { buf, delimiter } = this;
    const cells: string[] = [];
    let i = this.pos;
    let cell = '';
    for (;;) {
      if (buf.charCodeAt(i) === 34) {
        // A quoted field: up to the closing quote; "" is a literal quote.
        cell = '';
        let j = i + 1;
        for (;;) {
          const close = buf.indexOf('"', j);
          if (close < 0) {
            if (final) throw unclosedQuote(this.recordNo + 1);
            return null;
          }
          if (buf.charCodeAt(close + 1) === 34) {
            cell += buf.slice(j, close + 1);
            j = close + 2;
            continue;
          }
          if (close + 1 >= buf.length && !final) return null;
          cell += buf.slice(j, close);
          i = close + 1;
          break;
        }
      }
      // Unquoted text (or text after a closing quote, kept as written) up to a delimiter or line end.
      const d = buf.indexOf(delimiter, i);
      const nl = buf.indexOf('\n', i);
      if (nl < 0 && !final) return null;
      const lineEnd = nl < 0 ? buf.length : nl;
      if (d >= 0 && d < lineEnd) {
        cells.push(cell + buf.slice(i, d));
        cell = '';
        i = d + delimiter.length;
        if (buf.charCodeAt(i) !== 34) {
          if (this.quoteAt(i) > lineEnd) {
            // the rest of the line has no quotes
            const rest = buf.slice(i, lineEnd > i && buf.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
            cells.push(...rest.split(delimiter));
            this.pos = lineEnd + 1;
            return cells;
          }
        }
        continue;
      }
      const tail = buf.slice(i, lineEnd);
      cells.push(cell + (tail.endsWith('\r') ? tail.slice(0, -1) : tail));
      this.pos = lineEnd + 1;
      return cells;
    }
  }
}

const unclosedQuote = (row: number) =>
  new AppError('import.csv_unclosed_quote', 422, `Row ${row}: a quoted field is never closed (a missing " in the file)`, { row });

/** Splits a sample into records without errors (for delimiter detection): at most `limit` records. */
export function sampleRecords(text: string, delimiter: string, limit: number): string[][] {
  const r = new CsvReader(delimiter);
  r.push(text);
  const out: string[][] = [];
  try {
    for (const rec of r.records(false)) {
      if (rec.cells.length === 1 && rec.cells[0] === '') continue;
      out.push(rec.cells);
      if (out.length >= limit) break;
    }
  } catch {
    /* a sample may end inside a quoted field */
  }
  return out;
}
