import type { z } from 'zod';
import { assertRecordAccess, ownerAllowed, ownerFilter, requireScope, scopeOf, type Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import type { Config } from '../../platform/config.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { detachAttachments, removeStoredFiles } from '../attachments/index.js';
import { validateCustomValues } from '../customfields/index.js';
import { findDuplicates } from './contacts.duplicates.js';
import { fullNameOf, normalizePhones, queryTokens, searchTextOf, snapshot, toContact } from './contacts.mapper.js';
import { listContacts } from './contacts.query.js';
import * as repo from './contacts.repository.js';
import type { Contact, ContactFilters, createContactRequest, updateContactRequest } from './contacts.schema.js';

type CreateInput = z.output<typeof createContactRequest>;
type UpdateInput = z.output<typeof updateContactRequest>;

/** 409 for a contact changed since it was read; `details.current` is the record as it is now. */
export const conflict = (current: Contact) =>
  new AppError('contact.version_conflict', 409, 'The contact was changed by someone else; reload it', { current });

/** Contact persons: CRUD with owner scopes, audit and optimistic versions; lists and history. */
export class ContactsService {
  constructor(
    readonly db: Db,
    readonly config: Config,
  ) {}

  /** Loads a contact for an action; 404 when missing or outside the read scope, 403 outside the action's scope. */
  async load(p: Principal, id: string, action: 'read' | 'update' | 'delete' | 'merge' = 'read'): Promise<Contact> {
    const row = await repo.findContact(this.db, id);
    if (!row) throw AppError.notFound('contact');
    assertRecordAccess(p, 'contact', action, row.owner_id);
    return toContact(row, (await repo.loadChildren(this.db, [id])).get(id)!);
  }

  /** A contact without access checks (inside a transaction, after the checks were made). */
  async read(db: Executor, id: string): Promise<Contact> {
    const row = await repo.findContact(db, id);
    if (!row) throw AppError.notFound('contact');
    return toContact(row, (await repo.loadChildren(db, [id])).get(id)!);
  }

  async list(p: Principal, f: ContactFilters, page: { limit: number; cursor?: string }, owners = ownerFilter(p, requireScope(p, 'contact', 'read'))) {
    const { rows, next } = await listContacts(this.db, {
      tokens: queryTokens(f.q, this.config.defaultCountry),
      ownerId: f.ownerId,
      companyId: f.companyId,
      tag: f.tag,
      owners,
      sort: f.sort,
      cursor: page.cursor ? decodeCursor(page.cursor) : null,
      limit: page.limit,
    });
    const children = await repo.loadChildren(this.db, rows.map((r) => r.id));
    return { items: rows.map((r) => toContact(r, children.get(r.id)!)), nextCursor: next ? encodeCursor(next) : null };
  }

  async create(p: Principal, actor: Actor, input: CreateInput): Promise<Contact> {
    const scope = requireScope(p, 'contact', 'create');
    const ownerId = input.ownerId ?? p.id;
    await this.checkOwner(p, scope, ownerId, 'ownerId');
    const phones = normalizePhones(input.phones ?? [], this.config.defaultCountry);
    const emails = input.emails ?? [];
    await this.checkCompanies(p, (input.companies ?? []).map((l) => l.companyId));
    const links = [...new Map((input.companies ?? []).map((l) => [l.companyId, l])).values()];
    const custom = await validateCustomValues(this.db, 'contact', input.custom ?? {});
    const fullName = fullNameOf({ firstName: input.firstName, lastName: input.lastName ?? null, middleName: input.middleName ?? null });
    if (!input.confirmDuplicate) {
      const candidates = await findDuplicates(this.db, {
        e164s: phones.flatMap((ph) => (ph.e164 ? [ph.e164] : [])),
        emails: emails.map((e) => e.email),
        name: links.length ? fullName : undefined,
        companyIds: links.map((l) => l.companyId),
        owners: ownerFilter(p, scopeOf(p, 'contact', 'read')),
      });
      if (candidates.length) {
        throw new AppError('contact.duplicate', 409, 'A contact with the same phone, e-mail or name at the company exists', { candidates });
      }
    }
    const id = newId();
    const now = nowIso();
    const names = { firstName: input.firstName, lastName: input.lastName ?? null, middleName: input.middleName ?? null };
    return this.db.transaction().execute(async (trx) => {
      await repo.insertContact(trx, {
        id,
        first_name: names.firstName,
        last_name: names.lastName,
        middle_name: names.middleName,
        full_name: fullName,
        position: input.position ?? null,
        birthday: input.birthday ?? null,
        notes: input.notes ?? null,
        owner_id: ownerId,
        custom: JSON.stringify(custom),
        search_text: searchTextOf(names, phones, emails),
        version: 1,
        created_by: p.id,
        created_at: now,
        updated_at: now,
      });
      await repo.replacePhones(trx, id, phones);
      await repo.replaceEmails(trx, id, emails);
      await repo.replaceTags(trx, id, input.tags ?? []);
      await writeAudit(trx, actor, repo.ENTITY, id, 'create');
      for (const l of links) {
        await repo.upsertLink(trx, { company_id: l.companyId, contact_id: id, position: l.position ?? null, is_primary: l.isPrimary ? 1 : 0 });
        await writeAudit(trx, actor, 'company', l.companyId, 'link', [{ field: 'contacts', old: null, new: id }]);
      }
      return this.read(trx, id);
    });
  }

  async update(p: Principal, actor: Actor, id: string, input: UpdateInput): Promise<Contact> {
    const before = await this.load(p, id, 'update');
    if (input.version !== before.version) throw conflict(before);
    if (input.ownerId !== undefined && input.ownerId !== before.ownerId) {
      await this.checkOwner(p, requireScope(p, 'contact', 'update'), input.ownerId, 'ownerId');
    }
    const names = {
      firstName: input.firstName ?? before.firstName,
      lastName: input.lastName === undefined ? before.lastName : input.lastName,
      middleName: input.middleName === undefined ? before.middleName : input.middleName,
    };
    const phones = input.phones ? normalizePhones(input.phones, this.config.defaultCountry) : before.phones;
    const emails = input.emails ?? before.emails;
    const custom = input.custom ? await validateCustomValues(this.db, 'contact', { ...before.custom, ...input.custom }) : before.custom;
    return this.db.transaction().execute(async (trx) => {
      const changed = await repo.updateContact(trx, id, before.version, {
        first_name: names.firstName,
        last_name: names.lastName,
        middle_name: names.middleName,
        full_name: fullNameOf(names),
        position: input.position === undefined ? before.position : input.position,
        birthday: input.birthday === undefined ? before.birthday : input.birthday,
        notes: input.notes === undefined ? before.notes : input.notes,
        owner_id: input.ownerId ?? before.ownerId,
        custom: JSON.stringify(custom),
        search_text: searchTextOf(names, phones, emails),
        version: before.version + 1,
        updated_at: nowIso(),
      });
      if (!changed) throw conflict(await this.read(trx, id));
      if (input.phones) await repo.replacePhones(trx, id, phones);
      if (input.emails) await repo.replaceEmails(trx, id, emails);
      if (input.tags) await repo.replaceTags(trx, id, input.tags);
      const after = await this.read(trx, id);
      await writeAudit(trx, actor, repo.ENTITY, id, 'update', diff(snapshot(before), snapshot(after)));
      return after;
    });
  }

  async remove(p: Principal, actor: Actor, id: string): Promise<void> {
    await this.load(p, id, 'delete');
    const files = await this.db.transaction().execute(async (trx) => {
      const keys = await detachAttachments(trx, repo.ENTITY, id);
      await repo.deleteContactRows(trx, id);
      await writeAudit(trx, actor, repo.ENTITY, id, 'delete');
      return keys;
    });
    await removeStoredFiles(this.config.dataDir, files);
  }

  async history(p: Principal, id: string, page: { limit: number; cursor?: string }) {
    await this.load(p, id, 'read');
    const before = page.cursor ? decodeCursor(page.cursor).id : null;
    const rows = await repo.history(this.db, id, page.limit + 1, before);
    const items = rows.slice(0, page.limit).map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      action: r.action,
      field: r.field,
      oldValue: r.old_value,
      newValue: r.new_value,
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ v: null, id: last.id }) : null };
  }

  /** The owner must be a user the caller may assign records to. */
  private async checkOwner(p: Principal, scope: ReturnType<typeof requireScope>, ownerId: string, field: string) {
    if (!ownerAllowed(p, scope, ownerId)) throw AppError.forbidden('You may not assign contacts to this owner');
    if (ownerId !== p.id && !(await repo.userExists(this.db, ownerId))) {
      throw AppError.validation([{ field, code: 'user.not_found', message: 'no such user' }]);
    }
  }

  /** Companies to link must exist, be visible and be editable by the caller. */
  private async checkCompanies(p: Principal, ids: string[]) {
    const owners = await repo.companyOwners(this.db, ids);
    const issues: FieldIssue[] = [];
    ids.forEach((cid, i) => {
      const owner = owners.get(cid);
      if (owner === undefined || !ownerAllowed(p, scopeOf(p, 'company', 'read'), owner)) {
        issues.push({ field: `companies.${i}.companyId`, code: 'company.not_found', message: 'no such company' });
      } else if (!ownerAllowed(p, scopeOf(p, 'company', 'update'), owner)) {
        throw AppError.forbidden('You may not link contacts to this company');
      }
    });
    if (issues.length) throw AppError.validation(issues);
  }
}
