import type { Db, Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { fieldIssues } from '../../../platform/http/errors.js';
import { foldText } from '../../../shared/text.js';
import { zonedToUtc } from '../../../shared/zoned.js';
import { activityInput, createActivity, deleteActivity, readActivity } from '../../activities/index.js';
import type { ImportField, RowError } from '../imports.schema.js';
import { inSavepoint } from '../engine/nested.js';
import { OwnerResolver } from '../engine/owners.js';
import type { BatchOutcome, JobContext, MappedRow, PreparedTarget, Target, UndoContext, UndoEntry } from '../engine/target.js';
import { parseBoolean, parseDate, parseNumber } from '../engine/values.js';
import { tagImportRows } from './bulk.repository.js';
import { companyRefOf, resolveCompanies } from './contacts.build.js';

/**
 * Activities (a history of calls, meetings, letters ... or planned ones) through the activities module's own
 * create, each row in a savepoint of the batch. Every row is a new activity (no key): undo deletes them.
 */

const ENTITY = 'activity';
const field = (key: string, type: ImportField['type'] = 'text', required = false): ImportField => ({ key, label: null, type, required, multiple: false });

export const activityFields: ImportField[] = [
  field('type', 'text', true),
  field('direction'),
  field('companyInn'),
  field('companyEik'),
  field('companyExternalId'),
  field('companyName'),
  field('owner'),
  field('plannedDate', 'date'),
  field('plannedTime'),
  field('done', 'boolean'),
  field('doneAt', 'date'),
  field('subject'),
  field('notes'),
  field('result'),
  field('callResult'),
  field('durationSec', 'number'),
];

const words: Record<string, string> = {
  call: 'call', звонок: 'call', обаждане: 'call', meeting: 'meeting', встреча: 'meeting', среща: 'meeting', email: 'email', 'e-mail': 'email', письмо: 'letter',
  letter: 'letter', писмо: 'letter', proposal: 'proposal', кп: 'proposal', предложение: 'proposal', оферта: 'proposal', mailing: 'mailing', рассылка: 'mailing',
  claim: 'claim', претензия: 'claim', рекламация: 'claim', note: 'note', заметка: 'note', бележка: 'note', in: 'in', входящий: 'in', входящо: 'in', out: 'out',
  исходящий: 'out', изходящо: 'out',
};
const fieldOfIssue: Record<string, string> = { companyId: 'companyName', ownerId: 'owner' };

/**
 * The moment of a done time in a file: an ISO time with an offset (or Z) as it is; a date with or without a
 * time (noon when none) as the owner's wall clock, like times typed in the UI.
 */
function doneMoment(text: string, timeZone: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return Number.isNaN(Date.parse(text)) ? null : text;
  const date = parseDate(text);
  const time = /[T\s](\d{1,2}):(\d{2})/.exec(text.trim());
  if (!date || (time && (Number(time[1]) > 23 || Number(time[2]) > 59))) return null;
  return zonedToUtc(date, time ? `${time[1]!.padStart(2, '0')}:${time[2]}` : '12:00', timeZone);
}

class PreparedActivities implements PreparedTarget {
  constructor(
    private readonly job: JobContext,
    private readonly owners: OwnerResolver,
    /** user id -> IANA time zone */
    private readonly zones: Map<string, string>,
  ) {}

  private inputOf(r: MappedRow, companyId: string | undefined): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    const errors: RowError[] = [];
    for (const k of ['subject', 'notes', 'result', 'callResult', 'plannedTime']) if (r.text(k) !== undefined) o[k] = r.text(k);
    for (const k of ['type', 'direction']) if (r.text(k) !== undefined) o[k] = words[foldText(r.text(k)!)] ?? r.text(k);
    const planned = r.text('plannedDate');
    if (planned !== undefined) o.plannedDate = parseDate(planned) ?? planned;
    const done = r.text('done');
    if (done !== undefined) o.done = parseBoolean(done) ?? done;
    const duration = r.text('durationSec');
    if (duration !== undefined) o.durationSec = parseNumber(duration) ?? duration;
    if (companyId) o.companyId = companyId;
    const owner = this.owners.resolve(r, 'create', this.job.principal.id);
    if ('error' in owner) errors.push(owner.error);
    else if (owner.ownerId) o.ownerId = owner.ownerId;
    const doneAt = r.text('doneAt');
    if (doneAt !== undefined) {
      const zone = this.zones.get('ownerId' in owner && owner.ownerId ? owner.ownerId : this.job.principal.id) ?? 'UTC';
      const iso = doneMoment(doneAt, zone);
      if (!iso) errors.push(r.error('doneAt', 'validation.invalid_format', 'must be a date (YYYY-MM-DD or DD.MM.YYYY, with a time)'));
      else Object.assign(o, { doneAt: iso, done: o.done ?? true });
    }
    if (errors.length) throw AppError.validation(errors.map((e) => ({ field: e.field ?? '', code: e.code, message: e.message })));
    return o;
  }

  async apply(trx: Executor, rows: MappedRow[]): Promise<BatchOutcome> {
    const { job } = this;
    const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
    const named = rows.flatMap((r) => {
      const company = companyRefOf(r);
      return company ? [{ r, company }] : [];
    });
    const companies = new Map([...(await resolveCompanies(trx, job.principal, named))].map(([d, c]) => [d.r, c]));
    for (const r of rows) {
      const company = companies.get(r);
      if (company && 'error' in company) {
        out.errors.push(company.error);
        continue;
      }
      try {
        const id = await inSavepoint(trx, (db: Db) => {
          const input = this.inputOf(r, company && 'id' in company ? company.id : undefined);
          const parsed = activityInput.safeParse(input);
          if (!parsed.success) throw AppError.validation(fieldIssues(parsed.error));
          return job.dryRun ? Promise.resolve(null) : createActivity(db, job.principal, job.actor, input as Parameters<typeof createActivity>[3]).then((a) => a.id);
        });
        if (id) await tagImportRows(trx, job.importId, ENTITY, [{ entity_id: id, action: 'created', row: r.row, before: null, after_version: 1 }]);
        out.created += 1;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const fields = err.details?.fields;
        out.errors.push(...(fields ? r.errors(fields.map((f) => ({ ...f, field: fieldOfIssue[f.field] ?? f.field }))) : [r.error(null, err.code, err.message)]));
      }
    }
    return out;
  }
}

/** Deletes the imported activities that were not changed since. */
async function undoActivities(trx: Executor, entries: UndoEntry[], job: UndoContext): Promise<{ reverted: number; kept: number }> {
  let reverted = 0;
  for (const e of entries) {
    try {
      await inSavepoint(trx, async (db) => {
        const now = await readActivity(db, e.entityId).catch(() => null);
        if (now && now.version !== e.afterVersion) return;
        if (now) await deleteActivity(db, job.principal, job.actor, e.entityId);
        reverted += 1;
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return { reverted, kept: entries.length - reverted };
}

export const activitiesTarget: Target = {
  entity: 'activity',
  keys: [],
  fields: async () => activityFields,
  prepare: async (db, job) => {
    const zones = new Map((await db.selectFrom('users').select(['id', 'time_zone']).execute()).map((u) => [u.id, u.time_zone]));
    return new PreparedActivities(job, await OwnerResolver.load(db, job.principal, 'activity'), zones);
  },
  undo: undoActivities,
};
