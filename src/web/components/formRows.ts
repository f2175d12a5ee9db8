/**
 * Blank repeatable rows (an added but unfilled phone) are not sent. The server reports errors by the
 * index it received (`phones.1.raw`); these helpers map them back to the row the user sees.
 */
export interface Compacted<T> {
  rows: T[];
  /** original index of each sent row */
  original: number[];
}

export function withoutBlankRows<T>(rows: T[], isBlank: (row: T) => boolean): Compacted<T> {
  const original: number[] = [];
  const kept = rows.filter((r, i) => {
    if (isBlank(r)) return false;
    original.push(i);
    return true;
  });
  return { rows: kept, original };
}

/** Renames `field.<sent index>...` error keys to `field.<original index>...`. */
export function remapRowErrors(errors: Record<string, string>, field: string, original: number[]): Record<string, string> {
  const re = new RegExp(`^${field}\\.(\\d+)(.*)$`);
  return Object.fromEntries(
    Object.entries(errors).map(([k, v]) => {
      const m = re.exec(k);
      if (!m) return [k, v];
      const sent = Number(m[1]);
      return [`${field}.${original[sent] ?? sent}${m[2]}`, v];
    }),
  );
}

/** Short, comparable text of any record value (for conflict summaries). */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(valueText).filter(Boolean).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const main = o.raw ?? o.email ?? o.line ?? o.name ?? o.fullName;
    if (main !== undefined) return [o.city, main].filter(Boolean).map(String).join(', ');
    return Object.entries(o)
      .filter(([, x]) => x !== null && x !== '' && !(Array.isArray(x) && !x.length))
      .map(([k, x]) => `${k}: ${valueText(x)}`)
      .join('; ');
  }
  return String(v);
}

/** Fields whose value differs between the record the user started from and the saved one. */
export function changedFields<T extends object>(base: T, latest: T, fields: (keyof T & string)[]): { field: keyof T & string; theirs: string }[] {
  return fields
    .filter((f) => JSON.stringify(base[f] ?? null) !== JSON.stringify(latest[f] ?? null))
    .map((f) => ({ field: f, theirs: valueText(latest[f]) }));
}
