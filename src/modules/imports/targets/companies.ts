import { ownerAllowed, scopeOf } from '../../../platform/access/index.js';
import { auditRows, diff } from '../../../platform/audit/audit.js';
import { nowIso, type Executor } from '../../../platform/db/database.js';
import { newId } from '../../../platform/ids.js';
import { companyCrossFieldIssues, companyRowValues, companySnapshot, readCompanies, type CompanySnapshot } from '../../companies/index.js';
import { checkCustomValues, listCustomFields, type CustomField } from '../../customfields/index.js';
import type { RowError } from '../imports.schema.js';
import { OwnerResolver } from '../engine/owners.js';
import { Planner } from '../engine/plan.js';
import type { BatchOutcome, JobContext, MappedRow, PreparedTarget, RowChecks, Target, WorkerCheck } from '../engine/target.js';
import { customImportFields } from '../engine/values.js';
import { insertChildren, insertMany, replaceChildren, tagImportRows, type ImportRowTag } from './bulk.repository.js';
import { companyFields, validateCompanyRows, type CompanyCheckSettings, type CompanyRowDraft } from './companies.build.js';
import { companyKeyField, externalIdsTaken, findCompanyKeys, keyOfDraft } from './companies.keys.js';
import { undoCompanies } from './companies.undo.js';
import { emailKey, mergeAddresses, phoneKey, same, unionBy } from './merge.js';

/** Companies: bulk inserts (multi-row), updates of matched records, both tagged for undo. */

const ENTITY = 'company';

type Draft = CompanyRowDraft;

interface Pending {
  id: string;
  row: number;
  state: CompanySnapshot;
  externalId: string | null;
}

interface Update extends Pending {
  before: CompanySnapshot;
  beforeExternalId: string | null;
  version: number;
}

const emptyState = (ownerId: string | null): CompanySnapshot => ({
  name: '',
  legalForm: null,
  inn: null,
  kpp: null,
  ogrn: null,
  okpo: null,
  okvedMain: null,
  okvedExtra: [],
  eik: null,
  vatNumber: null,
  industry: null,
  activityType: null,
  status: 'potential',
  directorName: null,
  directorPosition: null,
  phones: [],
  emails: [],
  addresses: [],
  website: null,
  source: null,
  ownerId,
  tags: [],
  notes: null,
  custom: {},
});

/** The state after a row: its values over the record's, lists joined. */
function merged(s: CompanySnapshot, d: Draft, ownerId: string | null): CompanySnapshot {
  const { phones, emails, tags, okvedExtra, addresses, ...scalars } = d.patch;
  return {
    ...s,
    ...scalars,
    ownerId,
    phones: unionBy(s.phones, phones, phoneKey),
    emails: unionBy(s.emails, emails, emailKey),
    tags: unionBy(s.tags, tags, same),
    okvedExtra: unionBy(s.okvedExtra, okvedExtra, same),
    addresses: mergeAddresses(s.addresses, addresses),
    custom: { ...s.custom, ...d.custom },
  };
}

type Checked = RowChecks<Draft>;

class PreparedCompanies implements PreparedTarget<Checked> {
  /** Dry runs remember created keys across batches (real runs find them in the database). */
  private readonly dryPending = new Map<string, number>();

  constructor(
    private readonly job: JobContext,
    private readonly owners: OwnerResolver,
    private readonly custom: CustomField[],
  ) {}

  /** Rules of a complete state: INN/KPP/legal form together, custom fields (required ones included). */
  private check(r: MappedRow, s: CompanySnapshot): { state: CompanySnapshot } | { errors: RowError[] } {
    const errors = r.errors(companyCrossFieldIssues(s));
    if (!s.name) errors.push(r.error('name', 'validation.required', 'is required for a new company'));
    const c = checkCustomValues(this.custom, s.custom);
    errors.push(...r.errors(c.issues));
    return errors.length ? { errors } : { state: { ...s, custom: c.clean } };
  }

  private get checkSettings(): CompanyCheckSettings {
    return { country: this.job.config.defaultCountry, custom: this.custom };
  }

  get workerCheck(): WorkerCheck {
    return { check: 'company', settings: this.checkSettings };
  }

  validate(rows: MappedRow[]): Checked {
    return validateCompanyRows(rows, this.checkSettings);
  }

  async apply(trx: Executor, rows: MappedRow[], checked = this.validate(rows)): Promise<BatchOutcome> {
    const { job } = this;
    const { drafts } = checked;
    const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, errors: [...checked.errors] };
    const keyed = drafts.map((d) => ({ d, key: keyOfDraft(job.key, d) }));
    const existing = await findCompanyKeys(trx, job.key, keyed);
    const matched = [...new Set([...existing.byKey.values()].flat())];
    const befores = new Map((await readCompanies(trx, matched)).map((c) => [c.id, c]));
    const externals = await externalIdsTaken(trx, drafts.flatMap((d) => (d.externalId ? [d.externalId] : [])));
    const keyField = companyKeyField(job.key);
    const planner = new Planner({ key: job.key, mode: job.mode, keyField, pending: job.dryRun ? this.dryPending : new Map() }, existing.byKey);

    const creates = new Map<number, Pending>();
    const updates = new Map<string, Update>();
    const fail = (errors: RowError[]) => out.errors.push(...errors);
    for (const { d, key } of keyed) {
      const plan = planner.plan({ r: d.r, key });
      if (plan.action === 'error') {
        fail([plan.error]);
        continue;
      }
      const upd = plan.action === 'update' ? updates.get(plan.id) : undefined;
      const target: Pending | undefined = upd ?? (plan.action === 'merge' ? creates.get(plan.into) : undefined);
      const beforeRecord = plan.action === 'update' ? befores.get(plan.id)! : null;
      if (beforeRecord && !ownerAllowed(job.principal, scopeOf(job.principal, 'company', 'update'), beforeRecord.ownerId)) {
        fail([d.r.error(keyField, 'import.record_forbidden', 'a matching company exists that you may not change')]);
        continue;
      }
      const taken = d.externalId ? externals.get(d.externalId) : undefined;
      const selfId = plan.action === 'update' ? plan.id : target?.id;
      if (taken && taken !== selfId) {
        fail([d.r.error('externalId', 'import.external_id_taken', 'another record has this external id')]);
        if (plan.action === 'create') planner.forget(plan.key);
        continue;
      }
      const base = target?.state ?? (beforeRecord ? companySnapshot(beforeRecord) : emptyState(job.principal.id));
      const owner = this.owners.resolve(d.r, plan.action === 'create' ? 'create' : 'update', base.ownerId);
      const checked = 'error' in owner ? { errors: [owner.error] } : this.check(d.r, merged(base, d, owner.ownerId));
      if ('errors' in checked) {
        fail(checked.errors);
        if (plan.action === 'create') planner.forget(plan.key);
        continue;
      }
      const externalId = d.externalId ?? target?.externalId ?? null;
      if (plan.action === 'create') {
        const id = newId();
        if (d.externalId) externals.set(d.externalId, id);
        creates.set(d.r.row, { id, row: d.r.row, state: checked.state, externalId });
        out.created += 1;
      } else if (plan.action === 'merge') {
        if (d.externalId && target) externals.set(d.externalId, target.id);
        if (target) Object.assign(target, { state: checked.state, externalId });
        out.updated += 1;
      } else {
        const before = beforeRecord!;
        if (d.externalId) externals.set(d.externalId, before.id);
        const u: Update = upd ?? { id: before.id, row: d.r.row, before: companySnapshot(before), beforeExternalId: existing.externalOf(before.id), version: before.version, state: checked.state, externalId: null };
        u.state = checked.state;
        u.externalId = d.externalId ?? u.externalId;
        updates.set(before.id, u);
        const changed = diff(u.before, u.state).length > 0 || (u.externalId !== null && u.externalId !== u.beforeExternalId);
        if (changed) out.updated += 1;
        else out.unchanged += 1;
      }
    }
    if (!job.dryRun) out.errors.push(...(await this.write(trx, [...creates.values()], [...updates.values()])));
    return out;
  }

  /** Inserts the new companies in bulk and updates the changed ones; returns rows that lost a version race. */
  private async write(trx: Executor, creates: Pending[], updates: Update[]): Promise<RowError[]> {
    const { job } = this;
    const now = nowIso();
    await insertMany(
      trx,
      'companies',
      creates.map((c) => Object.assign(companyRowValues(c.state), { id: c.id, external_id: c.externalId, status_changed_at: now, version: 1, created_by: job.principal.id, created_at: now, updated_at: now })),
    );
    await insertChildren(trx, ENTITY, creates.map((c) => ({ id: c.id, ch: { phones: c.state.phones, emails: c.state.emails, tags: c.state.tags } })));
    const audit = creates.flatMap((c) => auditRows(job.actor, ENTITY, c.id, 'create', [], now));
    const tags: ImportRowTag[] = creates.map((c) => ({ entity_id: c.id, action: 'created', row: c.row, before: null, after_version: 1 }));
    const errors: RowError[] = [];
    const children: { id: string; ch: Record<string, unknown> }[] = [];
    for (const u of updates) {
      const changes = diff(u.before, u.state);
      const externalChanged = u.externalId !== null && u.externalId !== u.beforeExternalId;
      if (!changes.length && !externalChanged) continue;
      const res = await trx
        .updateTable('companies')
        .set({
          ...companyRowValues(u.state),
          ...(externalChanged && { external_id: u.externalId }),
          ...(u.state.status !== u.before.status && { status_changed_at: now }),
          version: u.version + 1,
          updated_at: now,
        })
        .where('id', '=', u.id)
        .where('version', '=', u.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) {
        errors.push({ row: u.row, column: null, field: null, code: 'import.conflict', message: 'the company was changed by someone else during the import; import the row again' });
        continue;
      }
      const changedKeys = new Set(changes.map((c) => c.field));
      children.push({
        id: u.id,
        ch: {
          ...(changedKeys.has('phones') && { phones: u.state.phones }),
          ...(changedKeys.has('emails') && { emails: u.state.emails }),
          ...(changedKeys.has('tags') && { tags: u.state.tags }),
        },
      });
      if (externalChanged) changes.push({ field: 'externalId', old: u.beforeExternalId, new: u.externalId });
      audit.push(...auditRows(job.actor, ENTITY, u.id, 'update', changes, now));
      tags.push({ entity_id: u.id, action: 'updated', row: u.row, before: JSON.stringify({ state: u.before, externalId: u.beforeExternalId }), after_version: u.version + 1 });
    }
    await replaceChildren(trx, ENTITY, children);
    await insertMany(trx, 'audit_log', audit);
    await tagImportRows(trx, job.importId, ENTITY, tags);
    return errors;
  }
}

export const companiesTarget: Target = {
  entity: 'company',
  keys: ['inn', 'eik', 'email', 'phone', 'externalId'],
  fields: async (db) => [...companyFields, ...customImportFields(await listCustomFields(db, 'company'))],
  prepare: async (db, job) => new PreparedCompanies(job, await OwnerResolver.load(db, job.principal, 'company'), await listCustomFields(db, 'company')),
  undo: undoCompanies,
};
