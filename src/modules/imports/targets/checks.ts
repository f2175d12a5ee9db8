import type { RowChecks, MappedRow } from '../engine/target.js';
import { validateCompanyRows, type CompanyCheckSettings } from './companies.build.js';

/** The row checks a validation worker thread can run, by name (a worker receives only plain data). */
export const rowChecks: Record<string, (settings: never) => (rows: MappedRow[]) => RowChecks<object>> = {
  company: (settings: CompanyCheckSettings) => (rows) => validateCompanyRows(rows, settings),
};
