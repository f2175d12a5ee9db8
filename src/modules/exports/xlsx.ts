import zlib from 'node:zlib';
import { once } from 'node:events';

/**
 * A minimal streaming .xlsx writer: one worksheet of inline strings and numbers, written as a ZIP whose
 * entries carry data descriptors, so the sheet is deflated and sent while its rows are still being read.
 * Memory stays at about one page of rows whatever the row count (no shared-string table, no row buffer).
 */

const enc = new TextEncoder();

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>`;

const escapeXml = (s: string) =>
  // eslint-disable-next-line no-control-regex -- characters XML 1.0 does not allow are dropped
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

const workbook = (sheetName: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export type XlsxCell = string | number | null;

/** The worksheet XML: a bold header row, then the rows page by page. */
async function* sheetXml(header: string[], pages: AsyncIterable<XlsxCell[][]>): AsyncGenerator<string> {
  const cols = header.map((_, i) => columnName(i));
  const widths = header.map((h, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(40, Math.max(10, h.length + 2))}" customWidth="1"/>`);
  let rowNo = 1;
  const row = (cells: XlsxCell[], style = '') =>
    `<row r="${rowNo}">${cells
      .map((v, i) => {
        const ref = `${cols[i]}${rowNo}`;
        if (v === null || v === '') return '';
        if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${style}><v>${v}</v></c>` : '';
        return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
      })
      .join('')}</row>`;
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols>${widths.join('')}</cols><sheetData>${row(header, ' s="1"')}`;
  for await (const page of pages) {
    let chunk = '';
    for (const cells of page) {
      rowNo += 1;
      chunk += row(cells);
    }
    if (chunk) yield chunk;
  }
  yield '</sheetData></worksheet>';
}

interface Entry {
  name: Uint8Array;
  offset: number;
  crc: number;
  size: number;
  csize: number;
}

const u16 = (v: number) => [v & 0xff, (v >>> 8) & 0xff];
const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
/** Flags: data descriptor follows the data (bit 3), names are UTF-8 (bit 11). */
const FLAGS = 0x0808;
const DOS_TIME = u16(0);
const DOS_DATE = u16((2026 - 1980) << 9 | (1 << 5) | 1);

/** A ZIP file written as a sequence of chunks; entries are deflated as their content arrives. */
class ZipStream {
  private offset = 0;
  private readonly entries: Entry[] = [];

  private out(bytes: Uint8Array): Uint8Array {
    this.offset += bytes.length;
    return bytes;
  }

  async *entry(name: string, content: AsyncIterable<string> | string): AsyncGenerator<Uint8Array> {
    const nameBytes = enc.encode(name);
    const e: Entry = { name: nameBytes, offset: this.offset, crc: 0, size: 0, csize: 0 };
    yield this.out(Uint8Array.from([...u32(0x04034b50), ...u16(20), ...u16(FLAGS), ...u16(8), ...DOS_TIME, ...DOS_DATE, ...u32(0), ...u32(0), ...u32(0), ...u16(nameBytes.length), ...u16(0), ...nameBytes]));
    const deflate = zlib.createDeflateRaw({ level: 6 });
    const ready: Buffer[] = [];
    deflate.on('data', (c: Buffer) => ready.push(c));
    const drainReady = function* (self: ZipStream) {
      while (ready.length) {
        const c = ready.shift()!;
        e.csize += c.length;
        yield self.out(c);
      }
    };
    for await (const text of typeof content === 'string' ? [content] : content) {
      const bytes = Buffer.from(text, 'utf8');
      e.crc = zlib.crc32(bytes, e.crc);
      e.size += bytes.length;
      if (!deflate.write(bytes)) await once(deflate, 'drain');
      yield* drainReady(this);
    }
    deflate.end();
    await once(deflate, 'end');
    yield* drainReady(this);
    yield this.out(Uint8Array.from([...u32(0x08074b50), ...u32(e.crc), ...u32(e.csize), ...u32(e.size)]));
    this.entries.push(e);
  }

  /** The central directory and its end record. */
  finish(): Uint8Array {
    const start = this.offset;
    const parts: number[] = [];
    for (const e of this.entries) {
      parts.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(FLAGS), ...u16(8), ...DOS_TIME, ...DOS_DATE, ...u32(e.crc), ...u32(e.csize), ...u32(e.size));
      parts.push(...u16(e.name.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(e.offset), ...e.name);
    }
    const size = parts.length;
    parts.push(...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(this.entries.length), ...u16(this.entries.length), ...u32(size), ...u32(start), ...u16(0));
    return this.out(Uint8Array.from(parts));
  }
}

/** The chunks of an .xlsx file with one sheet. */
export async function* xlsxChunks(sheetName: string, header: string[], pages: AsyncIterable<XlsxCell[][]>): AsyncGenerator<Uint8Array> {
  const zip = new ZipStream();
  yield* zip.entry('[Content_Types].xml', contentTypes);
  yield* zip.entry('_rels/.rels', rootRels);
  yield* zip.entry('xl/workbook.xml', workbook(sheetName));
  yield* zip.entry('xl/_rels/workbook.xml.rels', workbookRels);
  yield* zip.entry('xl/styles.xml', styles);
  yield* zip.entry('xl/worksheets/sheet1.xml', sheetXml(header, pages));
  yield zip.finish();
}
