import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './platform/config.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { createLogger, type Logger } from './platform/logger.js';
import { PrincipalLoader } from './platform/auth/principal-loader.js';
import { createHttpApp, type App, type RegisterRoutes } from './platform/http/app.js';
import type { AppContext } from './platform/http/context.js';
import { ensureSystemRoles, registerAuthRoutes, registerUserRoutes } from './modules/users/index.js';
import { registerApiTokenRoutes } from './modules/apitokens/index.js';
import { registerDepartmentRoutes } from './modules/departments/index.js';
import { registerRoleRoutes } from './modules/roles/index.js';
import { registerAuditRoutes } from './modules/audit/index.js';
import { registerCustomFieldRoutes } from './modules/customfields/index.js';
import { registerCompanyRoutes } from './modules/companies/index.js';
import { registerContactRoutes } from './modules/contacts/index.js';
import { registerAttachmentRoutes } from './modules/attachments/index.js';
import { registerViewRoutes } from './modules/views/index.js';
import { registerDuplicateRoutes } from './modules/duplicates/index.js';
import { registerProductsRoutes } from './modules/products/index.js';
import { ensureDefaultPipelines, registerPipelineRoutes } from './modules/pipelines/index.js';
import { registerDealRoutes } from './modules/deals/index.js';
import { registerFunnelRoutes } from './modules/funnels/index.js';
import { registerReminderRoutes, remindersRuntime } from './modules/reminders/index.js';
import { registerCalendarRoutes } from './modules/calendar/index.js';
import { registerActivityRoutes } from './modules/activities/index.js';
import { registerTaskRoutes } from './modules/tasks/index.js';
import { registerWorktimeRoutes } from './modules/worktime/index.js';
import { registerScheduleRoutes } from './modules/schedule/index.js';
import { importsRuntime, registerImportRoutes } from './modules/imports/index.js';
import { registerReportRoutes } from './modules/reports/index.js';
import { registerDashboardRoutes } from './modules/dashboards/index.js';
import { registerSegmentRoutes, segmentsRuntime } from './modules/segments/index.js';
import { registerSourceRoutes } from './modules/sources/index.js';
import { registerPlanRoutes } from './modules/plans/index.js';
import { registerKpiRoutes } from './modules/kpi/index.js';

/** Every module's routes, in the order they appear in the OpenAPI document. */
const modules: RegisterRoutes[] = [
  registerAuthRoutes,
  registerApiTokenRoutes,
  registerUserRoutes,
  registerDepartmentRoutes,
  registerRoleRoutes,
  registerAuditRoutes,
  registerCustomFieldRoutes,
  registerCompanyRoutes,
  registerContactRoutes,
  registerAttachmentRoutes,
  registerViewRoutes,
  registerDuplicateRoutes,
  registerProductsRoutes,
  registerPipelineRoutes,
  registerDealRoutes,
  registerFunnelRoutes,
  registerReminderRoutes,
  registerCalendarRoutes,
  registerActivityRoutes,
  registerTaskRoutes,
  registerWorktimeRoutes,
  registerScheduleRoutes,
  registerImportRoutes,
  registerReportRoutes,
  registerDashboardRoutes,
  registerSegmentRoutes,
  registerSourceRoutes,
  registerPlanRoutes,
  registerKpiRoutes,
];

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

export interface Voronka {
  app: App;
  ctx: AppContext;
  /** Starts the background jobs of this node (reminders, resuming imports); the server calls it once it listens. */
  startJobs(): void;
  /** Stops the jobs, ends live streams and closes the database. */
  close(): Promise<void>;
}

/** Opens the database, applies migrations, seeds the shipped roles and builds the HTTP app. */
export async function createVoronka(config: Config, opts: { logger?: Logger; database?: Database } = {}): Promise<Voronka> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const database = opts.database ?? openDatabase(config.database);
  try {
    await migrateToLatest(database);
    await ensureSystemRoles(database.db);
    await ensureDefaultPipelines(database.db, config.defaultCountry);
  } catch (err) {
    await database.close();
    throw err;
  }
  const ctx: AppContext = { config, database, logger, principals: new PrincipalLoader(database.db) };
  const app = createHttpApp(ctx, modules, webRoot);
  const reminders = remindersRuntime(ctx);
  const imports = importsRuntime(ctx);
  const segments = segmentsRuntime(ctx);
  return {
    app,
    ctx,
    startJobs: () => {
      reminders.start();
      imports.start();
      segments.start();
    },
    close: async () => {
      await segments.stop();
      await imports.stop();
      await reminders.stop();
      await database.close();
    },
  };
}
