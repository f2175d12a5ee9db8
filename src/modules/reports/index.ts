export { registerReportRoutes } from './reports.routes.js';
export { insertReport, visibleReport } from './saved.service.js';
export { runReport } from './reports.run.js';
export type { ReportDefinition, ReportDefinitionInput, SavedReport } from './reports.schema.js';
