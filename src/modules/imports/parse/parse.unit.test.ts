import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvReader } from './csv.js';
import { detectDelimiter, detectEncoding } from './detect.js';
import { countDataRows, detectShape, previewOf, readRecords, uniqueHeaders } from './source.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-parse-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (bytes: Uint8Array | string, name = `f${++n}.csv`) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

/** Windows-1251 bytes of Cyrillic text (TextEncoder only writes UTF-8). */
function cp1251(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : table.get(ch)!)));
}

function parseAll(text: string, delimiter = ',', chunk = 3): string[][] {
  const r = new CsvReader(delimiter);
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += chunk) {
    r.push(text.slice(i, i + chunk));
    for (const rec of r.records(false)) out.push(rec.cells);
  }
  for (const rec of r.records(true)) out.push(rec.cells);
  return out;
}

async function all(file: string) {
  const shape = await detectShape(file, path.basename(file));
  const rows: { row: number; cells: string[] }[] = [];
  for await (const r of readRecords(file, shape)) rows.push({ row: r.row, cells: r.cells });
  return { shape, rows };
}

describe('CSV reader', () => {
  it('reads quoted fields with doubled quotes, delimiters and line breaks inside, in any chunking', () => {
    const text = 'name,notes\r\n"ООО ""Ромашка""","a, b\r\nline 2"\r\nplain,"x"\n"",last';
    for (const chunk of [1, 2, 5, 1000]) {
      expect(parseAll(text, ',', chunk)).toEqual([
        ['name', 'notes'],
        ['ООО "Ромашка"', 'a, b\r\nline 2'],
        ['plain', 'x'],
        ['', 'last'],
      ]);
    }
  });

  it('numbers records as a spreadsheet shows rows, a multi-line record counting once', () => {
    const r = new CsvReader(';');
    r.push('h1;h2\n"a\nb";c\nd;e\n');
    expect([...r.records(true)].map((x) => x.row)).toEqual([1, 2, 3]);
  });

  it('reports an unclosed quote with its row', () => {
    expect(() => parseAll('a,b\n1,"never closed\n2,3\n')).toThrow(/Row 2/);
  });

  it('keeps text after a closing quote and quotes inside unquoted text as written', () => {
    expect(parseAll('a"b,"c"d\n')).toEqual([['a"b', 'cd']]);
  });
});

describe('detection', () => {
  it('tells UTF-8 from Windows-1251 and refuses binary data', () => {
    expect(detectEncoding(new TextEncoder().encode('ИНН;Наименование\n'))).toBe('utf-8');
    expect(detectEncoding(cp1251('ИНН;Наименование\n'))).toBe('windows-1251');
    expect(() => detectEncoding(new Uint8Array([1, 0, 2, 3]))).toThrow(/not a CSV/);
  });

  it('treats a multi-byte character cut by the sample end as UTF-8', () => {
    const bytes = new TextEncoder().encode('Иван');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe('utf-8');
  });

  it.each([
    [',', 'name,inn,city\nA,1,"X, Y"\nB,2,Z\n'],
    [';', 'name;inn;city\n"A, Inc";1;X\nB;2;Z\n'],
    ['\t', 'name\tinn\tcity\nA, Inc\t1\tX; Y\nB\t2\tZ\n'],
    ['|', 'name|inn|city\nA, Inc|1|X; Y\nB|2|Z\n'],
  ])('detects %j', (d, text) => {
    expect(detectDelimiter(text)).toBe(d);
  });

  it('reads a one-column file with ","', () => {
    expect(detectDelimiter('name\nA\nB\n')).toBe(',');
  });
});

describe('files', () => {
  it('reads a Windows-1251 file with semicolons', async () => {
    const { shape, rows } = await all(write(cp1251('ИНН;Наименование\r\n7707083893;ПАО "Сбербанк"\r\n')));
    expect(shape).toEqual({ format: 'csv', encoding: 'windows-1251', delimiter: ';' });
    expect(rows).toEqual([
      { row: 1, cells: ['ИНН', 'Наименование'] },
      { row: 2, cells: ['7707083893', 'ПАО "Сбербанк"'] },
    ]);
  });

  it('drops a UTF-8 BOM, skips empty lines but keeps row numbers', async () => {
    const { shape, rows } = await all(write(`\uFEFFname\tcity\n\nA\tSofia\n`));
    expect(shape.encoding).toBe('utf-8');
    expect(shape.delimiter).toBe('\t');
    expect(rows).toEqual([
      { row: 1, cells: ['name', 'city'] },
      { row: 3, cells: ['A', 'Sofia'] },
    ]);
  });

  it('reads UTF-16LE text with a BOM (Excel "Unicode text")', async () => {
    const text = '\uFEFFИме\tЕИК\nФирма\t175074752\n';
    const { shape, rows } = await all(write(Buffer.from(text, 'utf16le')));
    expect(shape.encoding).toBe('utf-16le');
    expect(rows[1]!.cells).toEqual(['Фирма', '175074752']);
  });

  it('counts the data rows a file has as its records do (quoted line breaks, empty and blank rows, any encoding)', async () => {
    const files = [
      write('name;notes\r\n"ООО ""Ромашка""";"a\r\n\r\nb"\r\n\r\n;;\r\n ; \r\nplain;"x"\r\n"";last'),
      write(`\uFEFFname\tcity\n\nA\tSofia\n`),
      write(cp1251('ИНН;Наименование\r\n7707083893;ПАО "Сбербанк"\r\n;\r\n')),
      write(Buffer.from('\uFEFFИме\tЕИК\nФирма\t175074752\n\nДруга\t1\n', 'utf16le')),
    ];
    for (const file of files) {
      const { shape, rows } = await all(file);
      expect(await countDataRows(file, shape)).toBe(rows.length - 1);
    }
    expect(await countDataRows(files[0]!, await detectShape(files[0]!, 'x.csv'))).toBe(3);
  });

  it('refuses empty and blank files and .xls', async () => {
    await expect(detectShape(write(''), 'x.csv')).rejects.toMatchObject({ code: 'import.file_empty' });
    await expect(detectShape(write('\r\n \n'), 'x.csv')).rejects.toMatchObject({ code: 'import.file_empty' });
    await expect(detectShape(write(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0])), 'x.xls')).rejects.toMatchObject({ code: 'import.xls_unsupported' });
    await expect(detectShape(write('not a zip'), 'x.xlsx')).rejects.toMatchObject({ code: 'import.file_unreadable' });
  });

  it('reads the first sheet of an .xlsx with strings, numbers, dates and formulas', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Клиенты');
    ws.addRow(['Наименование', 'ИНН', 'Дата', 'Сумма']);
    ws.addRow(['ООО "Ромашка"', 7707083893, new Date(Date.UTC(2026, 0, 15)), { formula: '1+2', result: 3 }]);
    ws.addRow([]);
    ws.addRow(['Без ИНН', null, null, 1.5]);
    const file = path.join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(file);
    const shape = await detectShape(file, 'book.xlsx');
    expect(shape.format).toBe('xlsx');
    const preview = await previewOf(file, shape);
    expect(preview.headers).toEqual(['Наименование', 'ИНН', 'Дата', 'Сумма']);
    expect(preview.rows).toEqual([
      ['ООО "Ромашка"', '7707083893', '2026-01-15', '3'],
      ['Без ИНН', '', '', '1.5'],
    ]);
    const { rows } = await all(file);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4]);
  });

  it('makes headers unique and names empty ones', () => {
    expect(uniqueHeaders(['Phone', '', 'Phone', '\uFEFFName'])).toEqual(['Phone', 'Column 2', 'Phone (2)', 'Name']);
  });
});
