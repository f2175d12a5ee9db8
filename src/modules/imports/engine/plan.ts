import type { ImportKey, ImportMode, RowError } from '../imports.schema.js';
import type { MappedRow } from './target.js';

/** What each row of a batch does, decided from its key before anything is written. */
export type RowPlan =
  /** a new record; `key` joins later rows with the same key to it */
  | { action: 'create'; key: string | null }
  /** an existing record */
  | { action: 'update'; id: string }
  /** the same key as a record an earlier row (number `into`) of this import creates */
  | { action: 'merge'; into: number }
  | { action: 'error'; error: RowError };

const keyNames: Record<ImportKey, string> = {
  inn: 'INN',
  eik: 'EIK',
  email: 'e-mail',
  phone: 'phone',
  externalId: 'external id',
  sku: 'SKU',
};

export interface PlanInput {
  r: MappedRow;
  /** the row's value of the key (normalised), null when it has none */
  key: string | null;
}

/**
 * Plans rows in file order. `existing` maps key values to the matching records of the batch (after narrowing,
 * e.g. INN by KPP); `pending` maps key values to earlier rows of this run that create a record (a dry run keeps
 * it across batches, as its creations are not in the database). A create the target then refuses is forgotten.
 */
export class Planner {
  private readonly name: string;

  constructor(
    private readonly opts: { key: ImportKey | null; mode: ImportMode; keyField: string; pending: Map<string, number> },
    private readonly existing: Map<string, string[]>,
  ) {
    this.name = opts.key ? keyNames[opts.key] : '';
  }

  plan(it: PlanInput): RowPlan {
    const { key, mode, keyField, pending } = this.opts;
    const { r } = it;
    const name = this.name;
    if (!key || it.key === null) {
      if (key && mode === 'update') return { action: 'error', error: r.error(keyField, 'import.key_missing', `has no ${name} to find the record by`) };
      return { action: 'create', key: null };
    }
    const earlier = pending.get(it.key);
    if (earlier !== undefined) {
      if (mode === 'create') return { action: 'error', error: r.error(keyField, 'import.duplicate_in_file', `row ${earlier} of the file has the same ${name}`) };
      return { action: 'merge', into: earlier };
    }
    const ids = this.existing.get(it.key) ?? [];
    if (ids.length > 1) return { action: 'error', error: r.error(keyField, 'import.key_ambiguous', `${ids.length} records have this ${name}`) };
    if (ids.length === 1) {
      if (mode === 'create') return { action: 'error', error: r.error(keyField, 'import.exists', `a record with this ${name} exists`) };
      return { action: 'update', id: ids[0]! };
    }
    if (mode === 'update') return { action: 'error', error: r.error(keyField, 'import.not_found', `no record has this ${name}`) };
    pending.set(it.key, r.row);
    return { action: 'create', key: it.key };
  }

  /** A planned create failed: later rows with its key create the record themselves. */
  forget(key: string | null): void {
    if (key !== null) this.opts.pending.delete(key);
  }
}
