import type { z } from 'zod';
import type { Principal } from '../../platform/access/index.js';
import type { Actor } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/database.js';
import { reportInput, type SavedReport } from './reports.schema.js';
import { insertReport } from './saved.service.js';

export { registerReportRoutes } from './reports.routes.js';
export { visibleReport } from './saved.service.js';
export { runReport } from './reports.run.js';
export type { ReportDefinition, ReportDefinitionInput, SavedReport } from './reports.schema.js';

/** Saves a report owned by `p` in the caller's transaction (validated like the API body); used by dashboards' ready-made reports. */
export async function saveReport(trx: Executor, p: Principal, actor: Actor, input: z.input<typeof reportInput>): Promise<SavedReport> {
  return insertReport(trx, p, actor, reportInput.parse(input));
}
