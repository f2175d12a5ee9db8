import { z } from 'zod';

/** What every list export (companies, contacts, deals) takes on top of the list's filters; list schemas spread it. */

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportShape = {
  format: z.enum(exportFormats).default('csv'),
  /** CSV only */
  delimiter: z.enum([';', ',']).default(';'),
  /** Column keys to export, comma-separated, in this order (default: all) */
  columns: z.string().trim().max(4000).optional(),
};
