import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { selectActivities } from './activities.repository.js';
import type { ActivityType, TimelineKind } from './activities.schema.js';

/** SQL of a company timeline: each kind of item newest first, below a cursor, limited. */

/** Where the previous page ended: items are ordered by (at, `${kind}:${id}`) descending. */
export interface TimelineBound {
  at: string;
  kind: TimelineKind;
  id: string;
}

/** Rows of `kind` strictly after the bound in the timeline's order (older, or as old with a smaller key). */
function below(kind: TimelineKind, at: string, id: string, bound: TimelineBound | null): Expression<SqlBool> {
  if (!bound) return sql<SqlBool>`1 = 1`;
  const atRef = sql.ref(at);
  if (kind === bound.kind) return sql<SqlBool>`(${atRef}, ${sql.ref(id)}) < (${bound.at}, ${bound.id})`;
  return kind < bound.kind ? sql<SqlBool>`${atRef} <= ${bound.at}` : sql<SqlBool>`${atRef} < ${bound.at}`;
}

const ownerIn = (column: string, owners: string[] | null): Expression<SqlBool> =>
  owners === null ? sql<SqlBool>`1 = 1` : owners.length ? sql<SqlBool>`${sql.ref(column)} IN (${sql.join(owners)})` : sql<SqlBool>`1 = 0`;

export async function companyActivities(db: Executor, companyId: string, owners: string[] | null, types: ActivityType[] | undefined, bound: TimelineBound | null, limit: number) {
  let q = selectActivities(db).where('a.company_id', '=', companyId).where(ownerIn('a.owner_id', owners)).where(below('activity', 'a.timeline_at', 'a.id', bound));
  if (types?.length) q = q.where('a.type', 'in', types);
  return q.orderBy('a.timeline_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

export async function companyStageChanges(db: Executor, companyId: string, owners: string[] | null, bound: TimelineBound | null, limit: number) {
  return db
    .selectFrom('deal_stage_history as h')
    .innerJoin('deals as d', 'd.id', 'h.deal_id')
    .innerJoin('stages as st', 'st.id', 'h.to_stage_id')
    .leftJoin('stages as sf', 'sf.id', 'h.from_stage_id')
    .leftJoin('users as u', 'u.id', 'h.user_id')
    .select(['h.id', 'h.at', 'h.user_id', 'u.name as user_name', 'h.deal_id', 'd.title as deal_title', 'h.from_stage_id', 'sf.name as from_stage_name', 'h.to_stage_id', 'st.name as to_stage_name'])
    .where('d.company_id', '=', companyId)
    .where(ownerIn('d.owner_id', owners))
    .where(below('stage_change', 'h.at', 'h.id', bound))
    .orderBy('h.at', 'desc')
    .orderBy('h.id', 'desc')
    .limit(limit)
    .execute();
}

export async function companyDocuments(db: Executor, companyId: string, owners: string[] | null, bound: TimelineBound | null, limit: number) {
  return db
    .selectFrom('deal_documents as doc')
    .innerJoin('deals as d', 'd.id', 'doc.deal_id')
    .leftJoin('users as u', 'u.id', 'doc.created_by')
    .select(['doc.id', 'doc.created_at', 'doc.created_by', 'u.name as user_name', 'doc.deal_id', 'd.title as deal_title', 'doc.kind', 'doc.number', 'doc.status', 'doc.gross', 'doc.currency'])
    .where('d.company_id', '=', companyId)
    .where(ownerIn('d.owner_id', owners))
    .where(below('document', 'doc.created_at', 'doc.id', bound))
    .orderBy('doc.created_at', 'desc')
    .orderBy('doc.id', 'desc')
    .limit(limit)
    .execute();
}

export async function companyFieldChanges(db: Executor, companyId: string, bound: TimelineBound | null, limit: number) {
  return db
    .selectFrom('audit_log as l')
    .leftJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.id', 'l.at', 'l.user_id', 'u.name as user_name', 'l.action', 'l.field', 'l.old_value', 'l.new_value'])
    .where('l.entity', '=', 'company')
    .where('l.entity_id', '=', companyId)
    .where(below('field_change', 'l.at', 'l.id', bound))
    .orderBy('l.at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();
}
