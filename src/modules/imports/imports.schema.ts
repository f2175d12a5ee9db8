import { z } from 'zod';

/** Contracts of the import wizard and jobs. Imported by the server and by the UI. */

export const importEntities = ['company', 'contact', 'product', 'deal', 'activity'] as const;
export type ImportEntity = (typeof importEntities)[number];

/** How a row finds the record it updates. */
export const importKeys = ['inn', 'eik', 'email', 'phone', 'externalId', 'sku'] as const;
export type ImportKey = (typeof importKeys)[number];

/** create: only new records (a match is an error); update: only matches (no match is an error); upsert: both. */
export const importModes = ['create', 'update', 'upsert'] as const;
export type ImportMode = (typeof importModes)[number];

/** undoing: an undo is in progress (it resumes after a restart too); undone: every row it could revert is reverted. */
export const importStatuses = ['queued', 'running', 'done', 'failed', 'cancelled', 'undoing', 'undone'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export const fileFormats = ['csv', 'xlsx'] as const;
export const csvEncodings = ['utf-8', 'utf-16le', 'windows-1251'] as const;
export const csvDelimiters = [',', ';', '\t', '|'] as const;

const id = () => z.uuid({ message: 'must be a valid id' });

/** A stored upload with what the parser detected and its first rows. */
export const importUploadSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  format: z.enum(fileFormats),
  /** CSV only */
  encoding: z.enum(csvEncodings).nullable(),
  delimiter: z.enum(csvDelimiters).nullable(),
  /** XLSX: the sheet read (the first one) */
  sheet: z.string().nullable(),
  /** Column headers of the first row, made unique ("Phone", "Phone (2)") */
  headers: z.array(z.string()),
  /** The first data rows (at most 20), cells as text */
  rows: z.array(z.array(z.string())),
  createdAt: z.string(),
});
export type ImportUpload = z.infer<typeof importUploadSchema>;

export const fieldTypes = ['text', 'number', 'date', 'boolean', 'list'] as const;

/** A target field a column can be mapped to; custom fields are `custom.<key>`. */
export const importFieldSchema = z.object({
  key: z.string(),
  /** Custom fields: the label set by the administrator; built-in fields are translated by key in the UI. */
  label: z.string().nullable(),
  type: z.enum(fieldTypes),
  required: z.boolean(),
  /** Several columns may feed it (phones, e-mails, tags) */
  multiple: z.boolean(),
});
export type ImportField = z.infer<typeof importFieldSchema>;

export const importFieldsResponse = z.object({
  entity: z.enum(importEntities),
  fields: z.array(importFieldSchema),
  keys: z.array(z.enum(importKeys)),
});
export type ImportFieldsResponse = z.infer<typeof importFieldsResponse>;

export const entityParam = z.object({ entity: z.enum(importEntities) });
export const importEntitiesResponse = z.object({ entities: z.array(z.enum(importEntities)) });

/** Which file column feeds which field (columns by header). */
export const mappingEntry = z.strictObject({
  column: z.string().min(1).max(300),
  field: z.string().min(1).max(80),
});
export const mappingInput = z.array(mappingEntry).min(1, 'map at least one column').max(300);
export type Mapping = z.infer<typeof mappingInput>;

export const suggestQuery = z.object({ entity: z.enum(importEntities) });
export const suggestResponse = z.object({ mapping: z.array(mappingEntry) });

export const startImportInput = z.strictObject({
  uploadId: id(),
  entity: z.enum(importEntities),
  mapping: mappingInput,
  key: z.enum(importKeys).nullable().default(null),
  mode: z.enum(importModes).default('create'),
  /** Validate every row and report errors without writing anything. */
  dryRun: z.boolean().default(false),
});
export type StartImportInput = z.infer<typeof startImportInput>;

export const importJobSchema = z.object({
  id: z.string(),
  uploadId: z.string(),
  entity: z.enum(importEntities),
  fileName: z.string(),
  mapping: z.array(mappingEntry),
  key: z.enum(importKeys).nullable(),
  mode: z.enum(importModes),
  dryRun: z.boolean(),
  status: z.enum(importStatuses),
  rowsTotal: z.number().int().nullable(),
  rowsDone: z.number().int(),
  rowsErrors: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Undo: records deleted or restored */
  reverted: z.number().int(),
  /** Undo: records kept because they changed after the import or other records use them */
  kept: z.number().int(),
  /** The last row (numbered as a spreadsheet shows them: the header is row 1) whose batch is committed */
  checkpoint: z.number().int(),
  /** Why the job failed, when it did */
  failure: z.string().nullable(),
  cancelRequested: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importJobPage = z.object({ items: z.array(importJobSchema), nextCursor: z.string().nullable() });

export const importListQuery = z.object({
  entity: z.enum(importEntities).optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});

/** A row that was skipped: its number as a spreadsheet shows it (the header is row 1), the column and why. */
export const rowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type RowError = z.infer<typeof rowErrorSchema>;

export const rowErrorPage = z.object({ items: z.array(rowErrorSchema), nextCursor: z.string().nullable() });
export const rowErrorQuery = z.object({
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
  cursor: z.string().max(2000).optional(),
});

export const templateInput = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  entity: z.enum(importEntities),
  mapping: mappingInput,
  key: z.enum(importKeys).nullable().default(null),
  mode: z.enum(importModes).default('create'),
});
export type TemplateInput = z.infer<typeof templateInput>;

export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  entity: z.enum(importEntities),
  mapping: z.array(mappingEntry),
  key: z.enum(importKeys).nullable(),
  mode: z.enum(importModes),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ImportTemplate = z.infer<typeof templateSchema>;
export const templateList = z.object({ items: z.array(templateSchema) });
export const templateQuery = z.object({ entity: z.enum(importEntities).optional() });
