import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { ImportRunner } from './engine/runner.js';
import type { Target } from './engine/target.js';
import type { ImportEntity } from './imports.schema.js';
import { registerImportRoutesOn } from './imports.routes.js';
import { ImportsService } from './imports.service.js';
import { companiesTarget } from './targets/companies.js';
import { contactsTarget } from './targets/contacts.js';
import { productsTarget } from './targets/products.js';
import { dealsTarget } from './targets/deals.js';
import { activitiesTarget } from './targets/activities.js';

export interface ImportsRuntime {
  runner: ImportRunner;
  /** Resumes the imports a previous process left unfinished (the server calls it once it listens). */
  start(): void;
  /** Lets running imports finish their current batch; they resume on the next start. */
  stop(): Promise<void>;
}

const targets: Partial<Record<ImportEntity, Target>> = { company: companiesTarget, contact: contactsTarget, product: productsTarget, deal: dealsTarget, activity: activitiesTarget };
const runtimes = new WeakMap<AppContext, ImportsRuntime>();

/** The app's import runner (one per app instance). */
export function importsRuntime(ctx: AppContext): ImportsRuntime {
  let rt = runtimes.get(ctx);
  if (rt) return rt;
  const runner = new ImportRunner(ctx, targets as Record<ImportEntity, Target>);
  rt = { runner, start: () => runner.start(), stop: () => runner.stop() };
  runtimes.set(ctx, rt);
  return rt;
}

/** Import routes: uploads, preview, suggested mappings, templates, jobs with progress, cancel, undo, error reports. */
export function registerImportRoutes(api: App, ctx: AppContext): void {
  const svc = new ImportsService(ctx.database.db, ctx.config, targets, importsRuntime(ctx).runner);
  registerImportRoutesOn(api, svc, { raw: ctx.config.importLimitBytes, multipart: ctx.config.uploadLimitBytes });
}
