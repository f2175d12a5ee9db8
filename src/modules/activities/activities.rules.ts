import { ownerAllowed, requireScope, scopeOf, type Principal } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { utcToZoned } from '../../shared/zoned.js';
import * as repo from './activities.repository.js';
import type { ActivityType } from './activities.schema.js';

/** Checks of activity input that need the database or span several fields; each failure names its field. */

export const invalid = (field: string, code: string, message: string) => AppError.validation([{ field, code, message }]);

/** A done time may be a little ahead of the server's clock, not more. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The owner is an active user inside the principal's scope for the action; returns the owner's time zone.
 * `field` names the input field in errors (ownerId, nextStep.ownerId).
 */
export async function checkOwner(db: Executor, p: Principal, action: 'create' | 'update', ownerId: string, field = 'ownerId'): Promise<string> {
  if (!ownerAllowed(p, requireScope(p, 'activity', action), ownerId)) {
    throw new AppError('access.forbidden', 403, 'You may not make this user the owner', {
      resource: 'activity',
      action,
      fields: [{ field, code: 'activity.owner_forbidden', message: 'is outside your scope' }],
    });
  }
  const user = await repo.findUser(db, ownerId);
  if (!user || (user.is_active !== 1 && ownerId !== p.id)) throw invalid(field, 'activity.owner_unknown', 'is not an active user');
  return user.time_zone;
}

/** The owner's time zone (an owner is never deleted, only deactivated). */
export async function zoneOf(db: Executor, userId: string): Promise<string> {
  return (await repo.findUser(db, userId))?.time_zone ?? 'UTC';
}

/**
 * Company, deal and contacts exist and are readable by the principal; the deal belongs to the company
 * (a deal without a company given brings its own). Returns the company id to store.
 */
export async function checkLinks(
  db: Executor,
  p: Principal,
  links: { companyId: string | null; dealId: string | null; contactIds: readonly string[] | null },
  prefix = '',
): Promise<string | null> {
  let companyId = links.companyId;
  if (links.dealId) {
    const deal = await repo.findDeal(db, links.dealId);
    if (!deal || !ownerAllowed(p, scopeOf(p, 'deal', 'read'), deal.owner_id)) throw invalid(`${prefix}dealId`, 'activity.deal_unknown', 'no such deal');
    if (companyId === null) companyId = deal.company_id;
    else if (deal.company_id !== companyId) throw invalid(`${prefix}dealId`, 'activity.deal_company_mismatch', 'is a deal of another company');
  }
  if (companyId) {
    const company = await repo.findCompany(db, companyId);
    if (!company || !ownerAllowed(p, scopeOf(p, 'company', 'read'), company.owner_id)) {
      throw invalid(`${prefix}companyId`, 'activity.company_unknown', 'no such company');
    }
  }
  if (links.contactIds?.length) {
    const owners = await repo.contactOwners(db, links.contactIds);
    const scope = scopeOf(p, 'contact', 'read');
    const issues: FieldIssue[] = links.contactIds.flatMap((id, i) =>
      owners.has(id) && ownerAllowed(p, scope, owners.get(id) ?? null) ? [] : [{ field: `${prefix}contactIds.${i}`, code: 'activity.contact_unknown', message: 'no such contact' }],
    );
    if (issues.length) throw AppError.validation(issues);
  }
  return companyId;
}

/** Fields that only some types of activity have. */
export interface TypedFields {
  direction?: unknown;
  callResult?: unknown;
  durationSec?: unknown;
  claimStatus?: unknown;
}

/** Issues for fields sent for a type that has no such field (call fields on a meeting, a claim status on a call). */
export function typeIssues(type: ActivityType, f: TypedFields, prefix = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  const sent = (v: unknown) => v !== undefined && v !== null;
  if (type !== 'call' && sent(f.direction)) out.push({ field: `${prefix}direction`, code: 'activity.call_only', message: 'only calls have a direction' });
  if (type !== 'call' && sent(f.callResult)) out.push({ field: `${prefix}callResult`, code: 'activity.call_only', message: 'only calls have a call result' });
  if (type !== 'call' && type !== 'meeting' && sent(f.durationSec)) {
    out.push({ field: `${prefix}durationSec`, code: 'activity.duration_not_allowed', message: 'only calls and meetings have a duration' });
  }
  if (type !== 'claim' && sent(f.claimStatus)) out.push({ field: `${prefix}claimStatus`, code: 'activity.claim_only', message: 'only claims have a claim status' });
  return out;
}

/** A done time as stored (UTC ISO), refused when it lies in the future. */
export function doneTime(doneAt: string | undefined, now: Date, field = 'doneAt'): string {
  if (doneAt === undefined) return now.toISOString();
  const ms = Date.parse(doneAt);
  if (ms > now.getTime() + CLOCK_SKEW_MS) throw invalid(field, 'activity.done_in_future', 'must not be in the future');
  return new Date(ms).toISOString();
}

/** Today's date in a time zone. */
export const todayIn = (timeZone: string, now: Date) => utcToZoned(now, timeZone).date;
