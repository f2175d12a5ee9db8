import type { z } from 'zod';
import { scopeOf, type Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { checkDefinition } from './reports.definition.js';
import { reportDefinition, type ReportDefinition, type reportInput, type reportUpdate, type SavedReport } from './reports.schema.js';
import * as repo from './saved.repository.js';

/**
 * Saved reports: private to their owner or shared with everyone. The owner changes and deletes them; so may a
 * role whose report scope for that action is 'all' (heads of sales, administrators) for shared ones.
 */

const ENTITY = 'report';

function parseStored(json: string): ReportDefinition {
  return checkDefinition(reportDefinition.parse(JSON.parse(json)), 'definition.');
}

const mayChange = (p: Principal, r: repo.ReportRow, action: 'update' | 'delete') =>
  r.owner_id === p.id ? scopeOf(p, 'report', action) !== 'none' : r.is_shared === 1 && scopeOf(p, 'report', action) === 'all';

function toReport(r: repo.ReportRow, p: Principal): SavedReport {
  return {
    id: r.id,
    name: r.name,
    definition: parseStored(r.definition),
    isShared: r.is_shared === 1,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    isMine: r.owner_id === p.id,
    canEdit: mayChange(p, r, 'update'),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const audited = (r: SavedReport) => ({ name: r.name, definition: r.definition, isShared: r.isShared });

/** A report the principal may see (their own or a shared one); 404 otherwise. */
export async function visibleReport(db: Executor, p: Principal, id: string): Promise<SavedReport> {
  const row = await repo.findReport(db, id);
  if (!row || (row.owner_id !== p.id && row.is_shared !== 1)) throw AppError.notFound(ENTITY);
  return toReport(row, p);
}

export async function listReports(db: Db, p: Principal, page: { limit: number; cursor?: string }) {
  const cursor = page.cursor ? decodeCursor(page.cursor) : null;
  const rows = await repo.listReports(db, p.id, page.limit + 1, cursor ? { name: String(cursor.v), id: cursor.id } : null);
  const items = rows.slice(0, page.limit).map((r) => toReport(r, p));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ v: last.name, id: last.id }) : null };
}

/** Saves a report in the caller's transaction (dashboards create their ready-made reports with it). */
export async function insertReport(trx: Executor, p: Principal, actor: Actor, input: z.output<typeof reportInput>): Promise<SavedReport> {
  const definition = checkDefinition(input.definition, 'definition.');
  const id = newId();
  const now = nowIso();
  await repo.insertReport(trx, { id, owner_id: p.id, name: input.name, definition: JSON.stringify(definition), is_shared: input.isShared ? 1 : 0, version: 1, created_at: now, updated_at: now });
  const created = toReport((await repo.findReport(trx, id))!, p);
  await writeAudit(trx, actor, ENTITY, id, 'create', diff({}, audited(created)));
  return created;
}

export async function createReport(db: Db, p: Principal, actor: Actor, input: z.output<typeof reportInput>): Promise<SavedReport> {
  checkDefinition(input.definition, 'definition.');
  return db.transaction().execute((trx) => insertReport(trx, p, actor, input));
}

async function changeable(db: Executor, p: Principal, id: string, action: 'update' | 'delete'): Promise<SavedReport> {
  const row = await repo.findReport(db, id);
  if (!row || (row.owner_id !== p.id && row.is_shared !== 1)) throw AppError.notFound(ENTITY);
  if (!mayChange(p, row, action)) throw AppError.forbidden(`Only the owner may ${action} this report`);
  return toReport(row, p);
}

export async function updateReport(db: Db, p: Principal, actor: Actor, id: string, input: z.output<typeof reportUpdate>): Promise<SavedReport> {
  const definition = input.definition ? checkDefinition(input.definition, 'definition.') : undefined;
  return db.transaction().execute(async (trx) => {
    const before = await changeable(trx, p, id, 'update');
    await repo.updateReport(trx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(definition && { definition: JSON.stringify(definition) }),
      ...(input.isShared !== undefined && { is_shared: input.isShared ? 1 : 0 }),
      version: before.version + 1,
      updated_at: nowIso(),
    });
    const after = toReport((await repo.findReport(trx, id))!, p);
    await writeAudit(trx, actor, ENTITY, id, 'update', diff(audited(before), audited(after)));
    return after;
  });
}

export async function deleteReport(db: Db, p: Principal, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await changeable(trx, p, id, 'delete');
    await repo.deleteReport(trx, id);
    await writeAudit(trx, actor, ENTITY, id, 'delete', diff(audited(before), {}));
  });
}
