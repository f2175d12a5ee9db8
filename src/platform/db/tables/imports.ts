/** Imports: uploads, jobs, rows, errors, templates. Conventions: see ../schema.ts. */

export interface ImportUploadTable {
  id: string;
  file_name: string;
  /** <dataDir>/imports/<storage_key> */
  storage_key: string;
  size: number;
  /** csv | xlsx */
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  /** JSON array of column headers */
  headers: string;
  /** JSON array of the first rows */
  preview: string;
  created_by: string | null;
  created_at: string;
}

/** An import job: batches commit together with `checkpoint` (the last data row done). */
export interface ImportTable {
  id: string;
  upload_id: string;
  entity: string;
  file_name: string;
  /** JSON [{ column, field }] */
  mapping: string;
  key: string | null;
  mode: string;
  dry_run: number;
  /** queued | running | done | failed | cancelled | undoing | undone */
  status: string;
  rows_total: number | null;
  rows_done: number;
  rows_errors: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  /** undo: records deleted or restored, and records kept (changed since, or in use) */
  reverted_count: number;
  kept_count: number;
  checkpoint: number;
  failure: string | null;
  cancel_requested: number;
  /** the app node running it */
  node_id: string | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** A record an import created or updated (undo deletes or restores it). */
export interface ImportRowTable {
  import_id: string;
  entity: string;
  entity_id: string;
  /** created | updated */
  action: string;
  row: number;
  /** JSON of the record before the update */
  before: string | null;
  after_version: number;
}

export interface ImportErrorTable {
  import_id: string;
  row: number;
  seq: number;
  column: string | null;
  field: string | null;
  code: string;
  message: string;
}

export interface ImportTemplateTable {
  id: string;
  name: string;
  entity: string;
  /** JSON [{ column, field }] */
  mapping: string;
  key: string | null;
  mode: string;
  created_by: string | null;
  created_at: string;
}
