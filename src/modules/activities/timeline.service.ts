import { ownerAllowed, ownerFilter, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, type Cursor } from '../../platform/http/pagination.js';
import { withContacts } from './activities.list.js';
import * as repo from './activities.repository.js';
import { timelineKinds, type TimelineItem, type TimelineKind, type TimelinePage, type TimelineQuery } from './activities.schema.js';
import * as tl from './timeline.repository.js';

/**
 * GET /companies/{id}/timeline: what happened with a company, newest first - its activities (activity read
 * scope), stage changes and documents of its deals (deal read scope) and changes of its own fields. Each kind
 * is read newest first below the cursor; the merged list is cut at the limit.
 */

const keyOf = (kind: TimelineKind, id: string) => `${kind}:${id}`;

function boundOf(cursor: string | undefined): tl.TimelineBound | null {
  if (!cursor) return null;
  const invalid = AppError.validation([{ field: 'before', code: 'validation.cursor_invalid', message: 'is not a cursor from this timeline' }]);
  let c: Cursor;
  try {
    c = decodeCursor(cursor);
  } catch {
    throw invalid;
  }
  const [kind, id] = c.id.split(':') as [TimelineKind, string | undefined];
  if (typeof c.v !== 'string' || !id || !timelineKinds.includes(kind)) throw invalid;
  return { at: c.v, kind, id };
}

async function activityItems(db: Executor, p: Principal, companyId: string, q: TimelineQuery, bound: tl.TimelineBound | null, n: number): Promise<TimelineItem[]> {
  const scope = scopeOf(p, 'activity', 'read');
  if (scope === 'none') return [];
  const rows = await tl.companyActivities(db, companyId, ownerFilter(p, scope), q.activityTypes, bound, n);
  const activities = await withContacts(db, rows);
  return rows.map((r, i) => ({ key: keyOf('activity', r.id), kind: 'activity', at: r.timeline_at, userId: r.owner_id, userName: r.owner_name, activity: activities[i]! }));
}

async function dealItems(db: Executor, p: Principal, companyId: string, kinds: Set<TimelineKind>, bound: tl.TimelineBound | null, n: number): Promise<TimelineItem[]> {
  const scope = scopeOf(p, 'deal', 'read');
  if (scope === 'none') return [];
  const owners = ownerFilter(p, scope);
  const out: TimelineItem[] = [];
  if (kinds.has('stage_change')) {
    for (const r of await tl.companyStageChanges(db, companyId, owners, bound, n)) {
      out.push({
        key: keyOf('stage_change', r.id),
        kind: 'stage_change',
        at: r.at,
        userId: r.user_id,
        userName: r.user_name,
        stageChange: {
          dealId: r.deal_id,
          dealTitle: r.deal_title,
          fromStageId: r.from_stage_id,
          fromStageName: r.from_stage_name,
          toStageId: r.to_stage_id,
          toStageName: r.to_stage_name,
        },
      });
    }
  }
  if (kinds.has('document')) {
    for (const r of await tl.companyDocuments(db, companyId, owners, bound, n)) {
      out.push({
        key: keyOf('document', r.id),
        kind: 'document',
        at: r.created_at,
        userId: r.created_by,
        userName: r.user_name,
        document: { id: r.id, dealId: r.deal_id, dealTitle: r.deal_title, kind: r.kind, number: r.number, status: r.status, gross: Number(r.gross), currency: r.currency },
      });
    }
  }
  return out;
}

async function fieldItems(db: Executor, companyId: string, bound: tl.TimelineBound | null, n: number): Promise<TimelineItem[]> {
  return (await tl.companyFieldChanges(db, companyId, bound, n)).map((r) => ({
    key: keyOf('field_change', r.id),
    kind: 'field_change',
    at: r.at,
    userId: r.user_id,
    userName: r.user_name,
    fieldChange: { action: r.action, field: r.field, oldValue: r.old_value, newValue: r.new_value },
  }));
}

const newestFirst = (a: TimelineItem, b: TimelineItem) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.key < b.key ? 1 : a.key > b.key ? -1 : 0);

export async function companyTimeline(db: Executor, p: Principal, companyId: string, q: TimelineQuery): Promise<TimelinePage> {
  const company = await repo.findCompany(db, companyId);
  if (!company || !ownerAllowed(p, scopeOf(p, 'company', 'read'), company.owner_id)) throw AppError.notFound('company');
  const kinds = new Set<TimelineKind>(q.types?.length ? q.types : timelineKinds);
  const bound = boundOf(q.before);
  // One row more than a page from each kind tells whether an older page follows.
  const n = q.limit + 1;
  const items = [
    ...(kinds.has('activity') ? await activityItems(db, p, companyId, q, bound, n) : []),
    ...(await dealItems(db, p, companyId, kinds, bound, n)),
    ...(kinds.has('field_change') ? await fieldItems(db, companyId, bound, n) : []),
  ].sort(newestFirst);
  const page = items.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: items.length > q.limit && last ? encodeCursor({ v: last.at, id: last.key }) : null };
}
