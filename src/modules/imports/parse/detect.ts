import { AppError } from '../../../platform/errors.js';
import { sampleRecords } from './csv.js';

/** What a file is: its format, and for CSV the text encoding and the delimiter. */

export type Encoding = 'utf-8' | 'utf-16le' | 'windows-1251';
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** XLSX files are ZIP archives ("PK\x03\x04"); legacy .xls (OLE2) is refused with a clear message. */
export function formatOf(head: Uint8Array, fileName: string): 'csv' | 'xlsx' {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new AppError('import.xls_unsupported', 422, 'Old Excel files (.xls) are not supported: save the sheet as .xlsx or CSV');
  }
  if (/\.xlsx$/i.test(fileName)) throw new AppError('import.file_unreadable', 422, 'The file is not a valid .xlsx workbook');
  return 'csv';
}

/** The byte-order mark's length, or 0. */
export function bomLength(head: Uint8Array, encoding: Encoding): number {
  if (encoding === 'utf-8' && startsWith(head, [0xef, 0xbb, 0xbf])) return 3;
  if (encoding === 'utf-16le' && startsWith(head, [0xff, 0xfe])) return 2;
  return 0;
}

/**
 * The encoding of a CSV sample: a BOM decides; otherwise text that is valid UTF-8 is UTF-8 and anything
 * else is read as Windows-1251 (what Russian and Bulgarian Excel and 1C write). Binary files are refused.
 */
export function detectEncoding(sample: Uint8Array): Encoding {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(sample, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(sample, [0xfe, 0xff])) throw new AppError('import.encoding_unsupported', 422, 'UTF-16 big-endian text is not supported: save the file as UTF-8');
  if (sample.includes(0)) throw new AppError('import.file_unreadable', 422, 'The file is not a CSV text file or an .xlsx workbook');
  // A multi-byte character may be cut at the end of the sample: drop an incomplete tail.
  let end = sample.length;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = sample[end - k]!;
    if ((b & 0xc0) === 0xc0) {
      end -= k;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

/**
 * The delimiter that splits the sample's lines into the most consistent number of columns (more than one);
 * a file with one column is read with ','.
 */
export function detectDelimiter(text: string): Delimiter {
  let best: { d: Delimiter; score: number } = { d: ',', score: 0 };
  for (const d of DELIMITERS) {
    const records = sampleRecords(text, d, 50);
    if (!records.length) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    const [width, times] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    if (width < 2) continue;
    // Consistency first, then the header's width (a delimiter inside text splits only some lines).
    const headerFits = records[0]!.length === width ? 1 : 0;
    const score = (times / records.length) * 1000 + headerFits * 100 + Math.min(width, 99);
    if (score > best.score) best = { d, score };
  }
  return best.d;
}
