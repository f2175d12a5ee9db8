import type { Executor } from '../../platform/db/database.js';
import { bucketsOf } from './reports.definition.js';
import * as repo from './reports.repository.js';
import { entityCatalog, type Dimension, type DimensionValue, type MeasureValues, type ReportDefinition, type ReportResult } from './reports.schema.js';

/** Labels and order of dimension values, and the pivot (rows x the last dimension, with totals). */

export interface Acc {
  count: number;
  /** minor units of the report currency (or of the only currency in `currencies`) */
  amount: number;
  /** rows whose amount is in `amount` (left-out currencies are not) */
  amountCount: number;
  success: number;
  base: number;
  currencies: Set<string>;
}

const emptyAcc = (): Acc => ({ count: 0, amount: 0, amountCount: 0, success: 0, base: 0, currencies: new Set() });

function add(into: Acc, a: Acc): void {
  into.count += a.count;
  into.amount += a.amount;
  into.amountCount += a.amountCount;
  into.success += a.success;
  into.base += a.base;
  for (const c of a.currencies) into.currencies.add(c);
}

/** The requested measures of an accumulator; a sum over several currencies is left out. */
export function valuesOf(def: ReportDefinition, a: Acc): MeasureValues {
  const out: MeasureValues = {};
  const oneCurrency = a.currencies.size <= 1;
  for (const m of def.measures) {
    if (m === 'count') out.count = a.count;
    if (m === 'sum' && oneCurrency) out.sum = a.amount;
    if (m === 'avg' && oneCurrency) out.avg = a.amountCount ? Math.round(a.amount / a.amountCount) : null;
    if (m === 'conversion') out.conversion = a.base ? Math.round((a.success * 1000) / a.base) / 10 : null;
  }
  return out;
}

interface AxisContext {
  stages: Awaited<ReturnType<typeof repo.stagesByKind>>;
  range: { field: string; from: string; before: string } | null;
}

const byLabel = (a: DimensionValue, b: DimensionValue) => (a.key === '' ? 1 : b.key === '' ? -1 : a.label.localeCompare(b.label) || a.key.localeCompare(b.key));

async function axisOf(db: Executor, def: ReportDefinition, d: Dimension, values: string[], ctx: AxisContext): Promise<DimensionValue[]> {
  const keys = [...new Set(values)];
  const named = async (table: Parameters<typeof repo.namesOf>[1]) => {
    const names = await repo.namesOf(db, table, keys.filter(Boolean));
    return keys.map((k) => ({ key: k, label: names.get(k) ?? '' })).sort(byLabel);
  };
  if ('unit' in d) {
    const all = ctx.range && ctx.range.field === d.field ? bucketsOf(ctx.range.from, ctx.range.before, d.unit) : null;
    const merged = [...new Set([...(all ?? []), ...keys])];
    return merged.sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b))).map((k) => ({ key: k, label: k }));
  }
  switch (d.key) {
    case 'manager':
      return named('users');
    case 'department':
      return named('departments');
    case 'product':
      return named('products');
    case 'product_group':
      return named('product_groups');
    case 'pipeline': {
      const sorts = await repo.pipelineSorts(db);
      return (await named('pipelines')).sort((a, b) => (sorts.get(a.key) ?? 1e9) - (sorts.get(b.key) ?? 1e9));
    }
    case 'stage': {
      const byId = new Map(ctx.stages.map((s) => [s.id, s]));
      const rank = (k: string) => {
        const s = byId.get(k);
        return s ? s.pipelineSort * 10_000 + s.sort : 1e9;
      };
      return keys.map((k) => ({ key: k, label: byId.get(k)?.name ?? '' })).sort((a, b) => rank(a.key) - rank(b.key));
    }
    case 'status': {
      const order: readonly string[] = entityCatalog[def.entity].statuses;
      const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : 99);
      return keys.map((k) => ({ key: k, label: k })).sort((a, b) => rank(a.key) - rank(b.key));
    }
    default:
      return keys.map((k) => ({ key: k, label: k })).sort(byLabel);
  }
}

export async function axesOf(db: Executor, def: ReportDefinition, combos: string[][], ctx: AxisContext): Promise<DimensionValue[][]> {
  return Promise.all(def.dimensions.map((d, i) => axisOf(db, def, d, combos.map((c) => c[i]!), ctx)));
}

type Group = { keys: string[]; acc: Acc };

/** Flat rows in axis order, and the pivot: the first dimensions as rows, the last one (with two or more) as columns. */
export function pivotOf(def: ReportDefinition, axes: DimensionValue[][], groups: Group[]): Pick<ReportResult, 'axes' | 'rows' | 'pivot'> {
  const rank = axes.map((axis) => new Map(axis.map((v, i) => [v.key, i])));
  const label = axes.map((axis) => new Map(axis.map((v) => [v.key, v.label])));
  const compare = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) {
      const diff = (rank[i]!.get(a[i]!) ?? 0) - (rank[i]!.get(b[i]!) ?? 0);
      if (diff) return diff;
    }
    return 0;
  };
  const sorted = [...groups].sort((a, b) => compare(a.keys, b.keys));
  const total = emptyAcc();
  for (const g of sorted) add(total, g.acc);
  const n = def.dimensions.length;
  const split = n >= 2 ? n - 1 : n;
  const columns = n >= 2 ? axes[n - 1]! : [];
  const colIndex = new Map(columns.map((c, i) => [c.key, i]));
  const columnAcc = columns.map(emptyAcc);
  const pivotRows = new Map<string, { keys: string[]; cells: (Acc | null)[]; total: Acc }>();
  for (const g of sorted) {
    const rowKeys = g.keys.slice(0, split);
    const id = rowKeys.join('\u0001');
    let row = pivotRows.get(id);
    if (!row) pivotRows.set(id, (row = { keys: rowKeys, cells: columns.map(() => null), total: emptyAcc() }));
    add(row.total, g.acc);
    if (n >= 2) {
      const c = colIndex.get(g.keys[n - 1]!)!;
      add((row.cells[c] ??= emptyAcc()), g.acc);
      add(columnAcc[c]!, g.acc);
    }
  }
  let rowList = [...pivotRows.values()];
  // A single period dimension lists its empty buckets too (a month without deals is a zero, not a gap).
  if (n === 1 && 'unit' in def.dimensions[0]!) {
    rowList = axes[0]!.map((v) => pivotRows.get(v.key) ?? { keys: [v.key], cells: [], total: emptyAcc() });
  }
  return {
    axes,
    rows: sorted.map((g) => ({ keys: g.keys, values: valuesOf(def, g.acc) })),
    pivot: {
      rows: rowList.map((r) => ({
        keys: r.keys,
        labels: r.keys.map((k, i) => label[i]!.get(k) ?? k),
        cells: r.cells.map((c) => (c ? valuesOf(def, c) : null)),
        total: valuesOf(def, r.total),
      })),
      columns,
      columnTotals: columnAcc.map((a) => valuesOf(def, a)),
      total: valuesOf(def, total),
    },
  };
}
