import type { z } from 'zod';
import type { Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { saveReport, visibleReport } from '../reports/index.js';
import { builtinDashboard, defaultKindOf } from './dashboards.defaults.js';
import * as repo from './dashboards.repository.js';
import type { Dashboard, dashboardInput, dashboardUpdate, layoutInput, Widget, WidgetDisplay, WidgetSize, widgetInput, widgetUpdate } from './dashboards.schema.js';

/** Dashboards belong to one user: nobody else sees or changes them. Widgets show saved reports the user may see. */

const ENTITY = 'dashboard';

function toWidget(w: repo.WidgetRow, p: Principal): Widget {
  return {
    id: w.id,
    reportId: w.report_id,
    reportName: w.report_name,
    display: w.display as WidgetDisplay,
    size: w.size as WidgetSize,
    position: w.position,
    available: w.report_owner_id === p.id || w.report_is_shared === 1,
  };
}

async function assemble(db: Executor, p: Principal, rows: repo.DashboardRow[]): Promise<Dashboard[]> {
  const widgets = await repo.widgetsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    sort: r.sort,
    widgets: widgets.filter((w) => w.dashboard_id === r.id).map((w) => toWidget(w, p)),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function own(db: Executor, p: Principal, id: string): Promise<repo.DashboardRow> {
  const row = await repo.findDashboard(db, id);
  if (!row || row.user_id !== p.id) throw AppError.notFound(ENTITY);
  return row;
}

async function load(db: Executor, p: Principal, id: string): Promise<Dashboard> {
  return (await assemble(db, p, [await own(db, p, id)]))[0]!;
}

/** The ready-made dashboard of the user's role, made once: its reports saved as the user's own. */
async function makeDefaults(db: Db, p: Principal, actor: Actor): Promise<void> {
  const kind = defaultKindOf(p);
  if (!kind || (await repo.defaultsMade(db, p.id))) return;
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    if (!(await repo.claimDefaults(trx, p.id, kind, now))) return;
    const builtin = builtinDashboard(kind, p.locale);
    const id = newId();
    await repo.insertDashboard(trx, { id, user_id: p.id, name: builtin.name, sort: 0, created_at: now, updated_at: now });
    await writeAudit(trx, actor, ENTITY, id, 'create', diff({}, { name: builtin.name, kind }));
    for (const [i, w] of builtin.widgets.entries()) {
      const report = await saveReport(trx, p, actor, { name: w.name, definition: w.definition, isShared: false });
      await repo.insertWidget(trx, { id: newId(), dashboard_id: id, report_id: report.id, display: w.display, size: w.size, position: i, created_at: now });
    }
  });
}

export async function listDashboards(db: Db, p: Principal, actor: Actor): Promise<Dashboard[]> {
  await makeDefaults(db, p, actor);
  return assemble(db, p, await repo.listDashboards(db, p.id));
}

export async function getDashboard(db: Db, p: Principal, id: string): Promise<Dashboard> {
  return load(db, p, id);
}

export async function createDashboard(db: Db, p: Principal, actor: Actor, input: z.output<typeof dashboardInput>): Promise<Dashboard> {
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const now = nowIso();
    const sort = (await repo.listDashboards(trx, p.id)).length;
    await repo.insertDashboard(trx, { id, user_id: p.id, name: input.name, sort, created_at: now, updated_at: now });
    await writeAudit(trx, actor, ENTITY, id, 'create', diff({}, { name: input.name }));
    return load(trx, p, id);
  });
}

export async function updateDashboard(db: Db, p: Principal, actor: Actor, id: string, input: z.output<typeof dashboardUpdate>): Promise<Dashboard> {
  return db.transaction().execute(async (trx) => {
    const before = await own(trx, p, id);
    await repo.updateDashboard(trx, id, { ...input, updated_at: nowIso() });
    const after = await own(trx, p, id);
    await writeAudit(trx, actor, ENTITY, id, 'update', diff({ name: before.name, sort: before.sort }, { name: after.name, sort: after.sort }));
    return load(trx, p, id);
  });
}

export async function deleteDashboard(db: Db, p: Principal, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await own(trx, p, id);
    await repo.deleteDashboard(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'delete', diff({ name: before.name }, {}));
  });
}

export async function addWidget(db: Db, p: Principal, actor: Actor, id: string, input: z.output<typeof widgetInput>): Promise<Dashboard> {
  return db.transaction().execute(async (trx) => {
    await own(trx, p, id);
    try {
      await visibleReport(trx, p, input.reportId);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) {
        throw AppError.validation([{ field: 'reportId', code: 'dashboard.report_unknown', message: 'no such report among yours and the shared ones' }]);
      }
      throw err;
    }
    const widgetId = newId();
    const position = await repo.nextPosition(trx, id);
    await repo.insertWidget(trx, { id: widgetId, dashboard_id: id, report_id: input.reportId, display: input.display, size: input.size, position, created_at: nowIso() });
    await writeAudit(trx, actor, ENTITY, id, 'update', [{ field: `widgets.${widgetId}`, old: null, new: { reportId: input.reportId, display: input.display, size: input.size } }]);
    await repo.updateDashboard(trx, id, { updated_at: nowIso() });
    return load(trx, p, id);
  });
}

async function widgetOf(trx: Executor, p: Principal, id: string, widgetId: string): Promise<Widget> {
  const dashboard = await load(trx, p, id);
  const w = dashboard.widgets.find((x) => x.id === widgetId);
  if (!w) throw AppError.notFound('widget');
  return w;
}

export async function updateWidget(db: Db, p: Principal, actor: Actor, id: string, widgetId: string, input: z.output<typeof widgetUpdate>): Promise<Dashboard> {
  return db.transaction().execute(async (trx) => {
    const before = await widgetOf(trx, p, id, widgetId);
    await repo.updateWidget(trx, widgetId, input);
    const after = { display: input.display ?? before.display, size: input.size ?? before.size };
    await writeAudit(trx, actor, ENTITY, id, 'update', diff({ [`widgets.${widgetId}`]: { display: before.display, size: before.size } }, { [`widgets.${widgetId}`]: after }));
    await repo.updateDashboard(trx, id, { updated_at: nowIso() });
    return load(trx, p, id);
  });
}

export async function removeWidget(db: Db, p: Principal, actor: Actor, id: string, widgetId: string): Promise<Dashboard> {
  return db.transaction().execute(async (trx) => {
    const before = await widgetOf(trx, p, id, widgetId);
    await repo.deleteWidget(trx, widgetId);
    await writeAudit(trx, actor, ENTITY, id, 'update', [{ field: `widgets.${widgetId}`, old: { reportId: before.reportId, display: before.display, size: before.size }, new: null }]);
    await repo.updateDashboard(trx, id, { updated_at: nowIso() });
    return load(trx, p, id);
  });
}

/** Reorders the widgets and sets their display and size at once; the list must hold each widget exactly once. */
export async function saveLayout(db: Db, p: Principal, actor: Actor, id: string, input: z.output<typeof layoutInput>): Promise<Dashboard> {
  return db.transaction().execute(async (trx) => {
    const before = await load(trx, p, id);
    const ids = input.widgets.map((w) => w.id);
    const current = new Set(before.widgets.map((w) => w.id));
    if (ids.length !== current.size || new Set(ids).size !== ids.length || ids.some((x) => !current.has(x))) {
      throw AppError.validation([{ field: 'widgets', code: 'dashboard.layout_mismatch', message: 'list every widget of the dashboard exactly once' }]);
    }
    for (const [position, w] of input.widgets.entries()) await repo.updateWidget(trx, w.id, { position, display: w.display, size: w.size });
    const shape = (d: Dashboard) => d.widgets.map((w) => `${w.id}:${w.display}:${w.size}`);
    await repo.updateDashboard(trx, id, { updated_at: nowIso() });
    const after = await load(trx, p, id);
    await writeAudit(trx, actor, ENTITY, id, 'update', diff({ layout: shape(before) }, { layout: shape(after) }));
    return after;
  });
}
