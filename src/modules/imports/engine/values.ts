import type { CustomField } from '../../customfields/index.js';
import type { ImportField } from '../imports.schema.js';
import type { MappedRow } from './target.js';

/** Cell text as typed values: numbers and dates as spreadsheets in en/ru/bg write them, yes/no words. */

/** "1 234,56", "1,234.56", "1234.5", "12%" -> number; null when it is not a number. */
export function parseNumber(text: string): number | null {
  let t = text.replace(/[\s\u00a0%]/g, '');
  if (!/^[+-]?[\d.,]+$/.test(t)) return null;
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) t = comma > dot ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  else if (comma >= 0) t = /^[+-]?\d{1,3}(,\d{3})+$/.test(t) ? t.replace(/,/g, '') : t.replace(',', '.');
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-01-15", "15.01.2026", "15/01/2026", "2026-01-15 10:00" -> "YYYY-MM-DD"; null when it is not a valid date. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:\s.*)?$/.exec(t);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 'x', '+', 'да', 'д', 'истина', 'вярно']);
const FALSE = new Set(['0', 'false', 'no', 'n', '-', 'нет', 'н', 'не', 'ложь', 'невярно']);

export function parseBoolean(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  return TRUE.has(t) ? true : FALSE.has(t) ? false : null;
}

/** Import fields for an entity's custom fields. */
export function customImportFields(fields: CustomField[]): ImportField[] {
  return fields.map((f) => ({
    key: `custom.${f.key}`,
    label: f.label,
    type: f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : f.type === 'checkbox' ? 'boolean' : f.type === 'multiselect' ? 'list' : 'text',
    required: f.required,
    multiple: f.type === 'multiselect',
  }));
}

/** The option a text names, matched case-insensitively (the text itself when none matches). */
const option = (f: CustomField, t: string) => f.options.find((o) => o.toLowerCase() === t.toLowerCase()) ?? t;

/**
 * The row's custom-field cells as typed values (options matched case-insensitively); a cell of the wrong
 * type is a row error. checkCustomValues does the rest (options, required fields).
 */
export function customValuesOf(r: MappedRow, fields: CustomField[]): { values: Record<string, unknown>; errors: ReturnType<MappedRow['errors']> } {
  const values: Record<string, unknown> = {};
  const errors: ReturnType<MappedRow['errors']> = [];
  for (const f of fields) {
    const field = `custom.${f.key}`;
    const text = r.text(field);
    if (text === undefined) continue;
    const bad = (message: string) => errors.push(r.error(field, 'custom_field.type', message));
    switch (f.type) {
      case 'number': {
        const n = parseNumber(text);
        if (n === null) bad('must be a number');
        else values[f.key] = n;
        break;
      }
      case 'date': {
        const d = parseDate(text);
        if (d === null) bad('must be a date (YYYY-MM-DD or DD.MM.YYYY)');
        else values[f.key] = d;
        break;
      }
      case 'checkbox': {
        const b = parseBoolean(text);
        if (b === null) bad('must be yes or no');
        else values[f.key] = b;
        break;
      }
      case 'multiselect':
        values[f.key] = r.list(field).map((v) => option(f, v.text));
        break;
      case 'select':
        values[f.key] = option(f, text);
        break;
      default:
        values[f.key] = text;
    }
  }
  return { values, errors };
}
