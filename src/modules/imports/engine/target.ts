import type { Principal } from '../../../platform/access/index.js';
import type { Actor } from '../../../platform/audit/audit.js';
import type { Config } from '../../../platform/config.js';
import type { Executor } from '../../../platform/db/database.js';
import type { FieldIssue } from '../../../platform/errors.js';
import type { ImportEntity, ImportField, ImportKey, ImportMode, Mapping, RowError } from '../imports.schema.js';

/** What an import target (companies, contacts, products, deals) implements for the job runner. */

const LIST_SEPARATOR = /[;,\n]/;

/** Which columns of a file feed each field: shared by all its rows. */
interface RowShape {
  /** field -> its columns (index in the row, header) in mapping order */
  columns: Map<string, { at: number; column: string }[]>;
  /** the first column mapped to each field */
  mapped: Map<string, string>;
}

/** One data row as mapped: a field's values are the trimmed, non-empty cells of its columns. */
export class MappedRow {
  constructor(
    readonly row: number,
    private readonly cells: string[],
    private readonly shape: RowShape,
  ) {}

  /** The first non-empty text of a field, or undefined. */
  text(field: string): string | undefined {
    for (const c of this.shape.columns.get(field) ?? []) {
      const text = this.cells[c.at]?.trim();
      if (text) return text;
    }
    return undefined;
  }

  /** Every value of a field (several columns, and lists split by ; , or line breaks in one cell). */
  list(field: string): { column: string; text: string }[] {
    const out: { column: string; text: string }[] = [];
    for (const { at, column } of this.shape.columns.get(field) ?? []) {
      const text = this.cells[at]?.trim();
      if (!text) continue;
      if (!LIST_SEPARATOR.test(text)) out.push({ column, text });
      else for (const part of text.split(LIST_SEPARATOR)) if (part.trim()) out.push({ column, text: part.trim() });
    }
    return out;
  }

  columnOf(field: string): string | null {
    const filled = this.shape.columns.get(field)?.find((c) => this.cells[c.at]?.trim());
    return filled?.column ?? this.shape.mapped.get(field) ?? this.shape.mapped.get(field.split('.')[0]!) ?? null;
  }

  /** A row error on a field, naming the column that fed it. */
  error(field: string | null, code: string, message: string): RowError {
    return { row: this.row, column: field ? this.columnOf(field) : null, field, code, message };
  }

  /** Validation issues (field paths like `phones.1.raw`, `custom.size`) as row errors. */
  errors(issues: FieldIssue[], columnOfIssue?: (field: string) => string | null): RowError[] {
    return issues.map((i) => ({
      row: this.row,
      column: columnOfIssue?.(i.field) ?? this.columnOf(i.field),
      field: i.field,
      code: i.code,
      message: i.message,
    }));
  }
}

/** Builds MappedRows from header-indexed cells. */
export function rowMapper(headers: string[], mapping: Mapping): (row: number, cells: string[]) => MappedRow {
  const index = new Map(headers.map((h, i) => [h, i]));
  const shape: RowShape = { columns: new Map(), mapped: new Map() };
  for (const m of mapping) {
    const at = index.get(m.column);
    if (at === undefined) continue;
    if (!shape.mapped.has(m.field)) shape.mapped.set(m.field, m.column);
    const list = shape.columns.get(m.field);
    if (list) list.push({ at, column: m.column });
    else shape.columns.set(m.field, [{ at, column: m.column }]);
  }
  return (row, cells) => new MappedRow(row, cells, shape);
}

export interface JobContext {
  importId: string;
  principal: Principal;
  actor: Actor;
  config: Config;
  key: ImportKey | null;
  mode: ImportMode;
  dryRun: boolean;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

/** Validated rows: a draft per good row (pointing back to its row) and the errors of the others. */
export interface RowChecks<Draft> {
  drafts: (Draft & { r: MappedRow })[];
  errors: RowError[];
}

/** A row check a worker thread can run: its name in targets/checks.ts and its settings (plain data). */
export interface WorkerCheck {
  check: string;
  settings: unknown;
}

/** A prepared target for one job: lookups loaded once (users, custom fields, pipelines ...). */
export interface PreparedTarget<Checked = unknown> {
  /**
   * The work on a batch that needs no database (parsing, validation), done before its transaction and
   * while the previous batch is written; its result is handed to apply.
   */
  validate?(rows: MappedRow[]): Checked;
  /** The same validation as a worker thread runs it for large files (validate's result must be RowChecks). */
  workerCheck?: WorkerCheck;
  /** Writes (or in a dry run only checks) one batch of rows inside the caller's transaction. */
  apply(trx: Executor, rows: MappedRow[], checked?: Checked): Promise<BatchOutcome>;
}

export interface UndoEntry {
  entityId: string;
  action: 'created' | 'updated';
  before: string | null;
  afterVersion: number;
}

/** Who undoes: the import's creator (module services check their access). */
export type UndoContext = Pick<JobContext, 'actor' | 'config' | 'principal'>;

export interface Target {
  entity: ImportEntity;
  keys: readonly ImportKey[];
  /** Fields a column can be mapped to, custom fields included. */
  fields(db: Executor): Promise<ImportField[]>;
  prepare(db: Executor, job: JobContext): Promise<PreparedTarget>;
  /** Reverts the records of one batch of undo entries; returns how many were kept (changed since, or in use). */
  undo(trx: Executor, entries: UndoEntry[], job: UndoContext): Promise<{ reverted: number; kept: number }>;
}
