import { ownerAllowed, scopeOf } from '../../../platform/access/index.js';
import { auditRows, diff } from '../../../platform/audit/audit.js';
import { nowIso, type Executor } from '../../../platform/db/database.js';
import { newId } from '../../../platform/ids.js';
import { readContacts } from '../../contacts/index.js';
import { checkCustomValues, listCustomFields, type CustomField } from '../../customfields/index.js';
import type { RowError } from '../imports.schema.js';
import { OwnerResolver } from '../engine/owners.js';
import { Planner } from '../engine/plan.js';
import type { BatchOutcome, JobContext, MappedRow, PreparedTarget, Target } from '../engine/target.js';
import { customImportFields, customValuesOf } from '../engine/values.js';
import { insertChildren, insertMany, replaceChildren, tagImportRows, type ImportRowTag } from './bulk.repository.js';
import { contactRowValues, stateOf, type ContactState } from './contacts.state.js';
import { buildContact, contactFields, contactKeyField, contactKeyOf, findContactKeys, resolveCompanies, type ContactDraft } from './contacts.build.js';
import { undoContacts } from './contacts.undo.js';
import { emailKey, phoneKey, same, unionBy } from './merge.js';

/** Contacts: bulk inserts, updates of matched contacts, links to the companies the rows name. */

const ENTITY = 'contact';

interface Pending {
  id: string;
  row: number;
  state: ContactState;
  externalId: string | null;
  links: Set<string>;
}
interface Update extends Pending {
  before: ContactState;
  beforeExternalId: string | null;
  beforeLinks: Set<string>;
  version: number;
}

function merged(s: ContactState, d: ContactDraft & { custom: Record<string, unknown> }, ownerId: string | null): ContactState {
  const { phones, emails, tags, ...scalars } = d.patch;
  return {
    ...s,
    ...scalars,
    ownerId,
    phones: unionBy(s.phones, phones, phoneKey),
    emails: unionBy(s.emails, emails, emailKey),
    tags: unionBy(s.tags, tags, same),
    custom: { ...s.custom, ...d.custom },
  };
}

class PreparedContacts implements PreparedTarget {
  private readonly dryPending = new Map<string, number>();

  constructor(
    private readonly job: JobContext,
    private readonly owners: OwnerResolver,
    private readonly custom: CustomField[],
  ) {}

  private check(r: MappedRow, s: ContactState): { state: ContactState } | { errors: RowError[] } {
    const errors: RowError[] = [];
    if (!s.firstName) errors.push(r.error('firstName', 'validation.required', 'is required for a new contact'));
    const c = checkCustomValues(this.custom, s.custom);
    errors.push(...r.errors(c.issues));
    return errors.length ? { errors } : { state: { ...s, custom: c.clean } };
  }

  async apply(trx: Executor, rows: MappedRow[]): Promise<BatchOutcome> {
    const { job } = this;
    const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
    const drafts: (ContactDraft & { custom: Record<string, unknown> })[] = [];
    for (const r of rows) {
      const b = buildContact(r, job.config.defaultCountry);
      const cv = customValuesOf(r, this.custom);
      if ('errors' in b || cv.errors.length) out.errors.push(...('errors' in b ? b.errors : []), ...cv.errors);
      else drafts.push({ ...b.draft, custom: cv.values });
    }
    const companies = await resolveCompanies(trx, job.principal, drafts.filter((d) => d.company));
    const keyed = drafts.map((d) => ({ d, key: contactKeyOf(job.key, d) }));
    const existing = await findContactKeys(trx, job.key, keyed.flatMap((k) => (k.key === null ? [] : [k.key])));
    const befores = new Map((await readContacts(trx, [...new Set([...existing.values()].flat())])).map((c) => [c.id, c]));
    const planner = new Planner({ key: job.key, mode: job.mode, keyField: contactKeyField(job.key), pending: job.dryRun ? this.dryPending : new Map() }, existing);
    const creates = new Map<number, Pending>();
    const updates = new Map<string, Update>();
    for (const { d, key } of keyed) {
      const company = companies.get(d);
      if (company && 'error' in company) {
        out.errors.push(company.error);
        continue;
      }
      const plan = planner.plan({ r: d.r, key });
      if (plan.action === 'error') {
        out.errors.push(plan.error);
        continue;
      }
      const before = plan.action === 'update' ? befores.get(plan.id)! : null;
      if (before && !ownerAllowed(job.principal, scopeOf(job.principal, 'contact', 'update'), before.ownerId)) {
        out.errors.push(d.r.error(contactKeyField(job.key), 'import.record_forbidden', 'a matching contact exists that you may not change'));
        continue;
      }
      const upd = plan.action === 'update' ? updates.get(plan.id) : undefined;
      const target: Pending | undefined = upd ?? (plan.action === 'merge' ? creates.get(plan.into) : undefined);
      const base: ContactState = target?.state ?? (before ? { ...before, phones: before.phones, emails: before.emails } : { firstName: '', lastName: null, middleName: null, position: null, birthday: null, notes: null, ownerId: job.principal.id, phones: [], emails: [], tags: [], custom: {} });
      const owner = this.owners.resolve(d.r, plan.action === 'create' ? 'create' : 'update', base.ownerId);
      const checked = 'error' in owner ? { errors: [owner.error] } : this.check(d.r, merged(stateOf(base), d, owner.ownerId));
      if ('errors' in checked) {
        out.errors.push(...checked.errors);
        if (plan.action === 'create') planner.forget(plan.key);
        continue;
      }
      const link = company && 'id' in company ? [company.id] : [];
      if (plan.action === 'create') {
        creates.set(d.r.row, { id: newId(), row: d.r.row, state: checked.state, externalId: d.externalId, links: new Set(link) });
        out.created += 1;
      } else if (plan.action === 'merge') {
        if (target) Object.assign(target, { state: checked.state, externalId: d.externalId ?? target.externalId, links: new Set([...target.links, ...link]) });
        out.updated += 1;
      } else {
        const had = new Set(before!.companies.map((c) => c.id));
        const u: Update = upd ?? { id: before!.id, row: d.r.row, state: checked.state, externalId: null, links: new Set(), before: stateOf(before!), beforeExternalId: before!.externalId, beforeLinks: had, version: before!.version };
        u.state = checked.state;
        u.externalId = d.externalId ?? u.externalId;
        for (const l of link) if (!had.has(l)) u.links.add(l);
        updates.set(u.id, u);
        if (diff(u.before, u.state).length || u.links.size || (u.externalId !== null && u.externalId !== u.beforeExternalId)) out.updated += 1;
        else out.unchanged += 1;
      }
    }
    if (!job.dryRun) out.errors.push(...(await this.write(trx, [...creates.values()], [...updates.values()])));
    return out;
  }

  private async write(trx: Executor, creates: Pending[], updates: Update[]): Promise<RowError[]> {
    const { job } = this;
    const now = nowIso();
    await insertMany(trx, 'contacts', creates.map((c) => ({ id: c.id, ...contactRowValues(c.state), external_id: c.externalId, version: 1, created_by: job.principal.id, created_at: now, updated_at: now })));
    await insertChildren(trx, ENTITY, creates.map((c) => ({ id: c.id, ch: c.state })));
    const links = creates.flatMap((c) => [...c.links].map((company_id) => ({ company_id, contact_id: c.id, position: c.state.position, is_primary: 0 })));
    const audit = creates.flatMap((c) => auditRows(job.actor, ENTITY, c.id, 'create', [], now));
    const tags: ImportRowTag[] = creates.map((c) => ({ entity_id: c.id, action: 'created', row: c.row, before: null, after_version: 1 }));
    const errors: RowError[] = [];
    const children: { id: string; ch: Record<string, unknown> }[] = [];
    for (const u of updates) {
      const changes = diff(u.before, u.state);
      const externalChanged = u.externalId !== null && u.externalId !== u.beforeExternalId;
      if (!changes.length && !externalChanged && !u.links.size) continue;
      const res = await trx
        .updateTable('contacts')
        .set({ ...contactRowValues(u.state), ...(externalChanged && { external_id: u.externalId }), version: u.version + 1, updated_at: now })
        .where('id', '=', u.id)
        .where('version', '=', u.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) {
        errors.push({ row: u.row, column: null, field: null, code: 'import.conflict', message: 'the contact was changed by someone else during the import; import the row again' });
        continue;
      }
      const changed = new Set(changes.map((c) => c.field));
      children.push({ id: u.id, ch: { ...(changed.has('phones') && { phones: u.state.phones }), ...(changed.has('emails') && { emails: u.state.emails }), ...(changed.has('tags') && { tags: u.state.tags }) } });
      links.push(...[...u.links].map((company_id) => ({ company_id, contact_id: u.id, position: u.state.position, is_primary: 0 })));
      if (externalChanged) changes.push({ field: 'externalId', old: u.beforeExternalId, new: u.externalId });
      if (u.links.size) changes.push({ field: 'companies', old: null, new: [...u.links] });
      audit.push(...auditRows(job.actor, ENTITY, u.id, 'update', changes, now));
      tags.push({ entity_id: u.id, action: 'updated', row: u.row, before: JSON.stringify({ state: u.before, externalId: u.beforeExternalId, addedLinks: [...u.links] }), after_version: u.version + 1 });
    }
    await replaceChildren(trx, ENTITY, children);
    await insertMany(trx, 'company_contacts', links);
    await insertMany(trx, 'audit_log', audit);
    await tagImportRows(trx, job.importId, ENTITY, tags);
    return errors;
  }
}

export const contactsTarget: Target = {
  entity: 'contact',
  keys: ['email', 'phone', 'externalId'],
  fields: async (db) => [...contactFields, ...customImportFields(await listCustomFields(db, 'contact'))],
  prepare: async (db, job) => new PreparedContacts(job, await OwnerResolver.load(db, job.principal, 'contact'), await listCustomFields(db, 'contact')),
  undo: undoContacts,
};
