import { assertRecordAccess, ownerAllowed, ownerFilter, requireScope, scopeOf, type Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import type { Config } from '../../platform/config.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { normalizeCompanyName } from '../../shared/legal-forms.js';
import { normalizePhone } from '../../shared/phones.js';
import { normalizeTaxId } from '../../shared/taxids.js';
import { detachAttachments, removeStoredFiles } from '../attachments/index.js';
import { validateCustomValues } from '../customfields/index.js';
import { findDuplicates } from './companies.duplicates.js';
import { rowValues, snapshot, toCompany, type Snapshot } from './companies.mapper.js';
import { listCompanies } from './companies.query.js';
import * as repo from './companies.repository.js';
import { crossFieldIssues, listSpecOf, normalizePhones } from './companies.rules.js';
import type { Company, CompanyDetail, CompanyInput, CompanyListQuery, CompanyUpdate, DuplicatesQuery } from './companies.schema.js';

const references: repo.CompanyReference[] = [];

/**
 * Lets a later module (deals, ...) declare a column holding company ids: merges re-point it; deletes are
 * refused while it is used, unless it is declared 'unlink' (its foreign key sets it null).
 */
export function registerCompanyReference(table: string, column: string, onDelete: 'refuse' | 'unlink' = 'refuse'): void {
  if (!references.some((r) => r.table === table && r.column === column)) references.push({ table, column, onDelete });
}
export const companyReferences = (): repo.CompanyReference[] => [...references];

const conflict = (current: Company) =>
  new AppError('company.version_conflict', 409, 'The company was changed by someone else; reload it', { current });

export class CompaniesService {
  constructor(
    readonly db: Db,
    readonly config: Config,
  ) {}

  /** The company with its contacts, no access check. */
  async read(db: Executor, id: string): Promise<CompanyDetail> {
    const row = await repo.findCompany(db, id);
    if (!row) throw AppError.notFound('company');
    const [children, contacts] = await Promise.all([repo.loadChildren(db, [id]), repo.loadContacts(db, id)]);
    return { ...toCompany(row, children.get(id)!), contacts };
  }

  /** The company if the principal may perform the action on it (404 outside the read scope, 403 outside the action's). */
  async load(p: Principal, id: string, action: 'read' | 'update' | 'delete' | 'merge'): Promise<CompanyDetail> {
    const c = await this.read(this.db, id);
    assertRecordAccess(p, 'company', action, c.ownerId);
    return c;
  }

  async list(p: Principal, q: CompanyListQuery, owners = ownerFilter(p, scopeOf(p, 'company', 'read'))) {
    const spec = await listSpecOf(this.db, q, owners, this.config.defaultCountry);
    const { rows, next } = await listCompanies(this.db, spec);
    const children = await repo.loadChildren(this.db, rows.map((r) => r.id));
    return { items: rows.map((r) => toCompany(r, children.get(r.id)!)), nextCursor: next ? encodeCursor(next) : null };
  }

  async duplicates(p: Principal, q: DuplicatesQuery) {
    const e164 = q.phone ? normalizePhone(q.phone, this.config.defaultCountry).e164 : null;
    return findDuplicates(
      this.db,
      {
        inn: q.inn ? normalizeTaxId(q.inn) : null,
        kpp: q.kpp ? normalizeTaxId(q.kpp) : null,
        eik: q.eik ? normalizeTaxId(q.eik) : null,
        phonesE164: e164 ? [e164] : [],
        emails: q.email ? [q.email.toLowerCase()] : [],
        nameNormalized: q.name ? normalizeCompanyName(q.name) : null,
      },
      ownerFilter(p, scopeOf(p, 'company', 'read')),
    );
  }

  /** Owner checks: the user exists and is active, and the principal's scope for the action covers them. */
  private async checkOwner(p: Principal, action: 'create' | 'update', ownerId: string | null): Promise<void> {
    if (!ownerAllowed(p, requireScope(p, 'company', action), ownerId)) {
      throw new AppError('access.forbidden', 403, 'You may not make this user the owner', { resource: 'company', action, fields: [{ field: 'ownerId', code: 'company.owner_forbidden', message: 'is outside your scope' }] });
    }
    if (ownerId === null || ownerId === p.id) return;
    const u = await this.db.selectFrom('users').select('is_active').where('id', '=', ownerId).executeTakeFirst();
    if (!u?.is_active) throw AppError.validation([{ field: 'ownerId', code: 'company.owner_unknown', message: 'is not an active user' }]);
  }

  /** Normalises and checks a complete editable state; throws one 422 listing every problem. */
  private async prepare(s: Snapshot, input: { phones?: unknown; custom?: unknown }, creating: boolean): Promise<Snapshot> {
    const issues: FieldIssue[] = crossFieldIssues(s);
    let phones = s.phones;
    if (input.phones !== undefined) {
      const n = normalizePhones(s.phones, this.config.defaultCountry);
      phones = n.phones;
      issues.push(...n.issues);
    }
    let custom = s.custom;
    if (creating || input.custom !== undefined) {
      try {
        custom = await validateCustomValues(this.db, 'company', s.custom);
      } catch (err) {
        if (!(err instanceof AppError) || !err.details?.fields) throw err;
        issues.push(...err.details.fields);
      }
    }
    if (issues.length) throw AppError.validation(issues);
    return { ...s, phones, custom };
  }

  async create(p: Principal, actor: Actor, input: CompanyInput): Promise<CompanyDetail> {
    const ownerId = input.ownerId === undefined ? p.id : input.ownerId;
    await this.checkOwner(p, 'create', ownerId);
    const s = await this.prepare(
      {
        name: input.name,
        legalForm: input.legalForm ?? null,
        inn: input.inn ?? null,
        kpp: input.kpp ?? null,
        ogrn: input.ogrn ?? null,
        okpo: input.okpo ?? null,
        okvedMain: input.okvedMain ?? null,
        okvedExtra: input.okvedExtra ?? [],
        eik: input.eik ?? null,
        vatNumber: input.vatNumber ?? null,
        industry: input.industry ?? null,
        activityType: input.activityType ?? null,
        status: input.status ?? 'potential',
        directorName: input.directorName ?? null,
        directorPosition: input.directorPosition ?? null,
        phones: (input.phones ?? []).map((x) => ({ ...x, e164: null, ext: null })),
        emails: input.emails ?? [],
        addresses: input.addresses ?? [],
        website: input.website ?? null,
        source: input.source ?? null,
        ownerId,
        tags: input.tags ?? [],
        notes: input.notes ?? null,
        custom: input.custom ?? {},
      },
      { phones: input.phones, custom: input.custom },
      true,
    );
    if (!input.confirmDuplicate) {
      const candidates = await findDuplicates(
        this.db,
        {
          inn: s.inn,
          kpp: s.kpp,
          eik: s.eik,
          phonesE164: s.phones.flatMap((x) => (x.e164 ? [x.e164] : [])),
          emails: s.emails.map((e) => e.email),
          nameNormalized: normalizeCompanyName(s.name),
        },
        ownerFilter(p, scopeOf(p, 'company', 'read')),
      );
      if (candidates.length) {
        throw new AppError('company.duplicate', 409, 'Similar companies exist; send confirmDuplicate: true to create anyway', { candidates });
      }
    }
    const id = newId();
    const now = nowIso();
    return this.db.transaction().execute(async (trx) => {
      await repo.insertCompany(trx, { id, ...rowValues(s), status_changed_at: now, version: 1, created_by: p.id, created_at: now, updated_at: now });
      const children = { phones: s.phones, emails: s.emails, tags: [...s.tags].sort() };
      await repo.insertChildren(trx, id, children);
      await writeAudit(trx, actor, repo.ENTITY, id, 'create');
      const row = await repo.findCompany(trx, id);
      if (!row) throw AppError.notFound('company');
      return { ...toCompany(row, children), contacts: [] };
    });
  }

  async update(p: Principal, actor: Actor, id: string, input: CompanyUpdate): Promise<CompanyDetail> {
    const before = await this.load(p, id, 'update');
    if (input.version !== before.version) throw conflict(before);
    const { version: _v, ...changes } = input;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<Snapshot>;
    if (input.phones) defined.phones = input.phones.map((x) => ({ ...x, e164: null, ext: null }));
    if (defined.ownerId !== undefined && defined.ownerId !== before.ownerId) await this.checkOwner(p, 'update', defined.ownerId);
    const next = await this.prepare({ ...snapshot(before), ...defined }, { phones: input.phones, custom: input.custom }, false);
    const now = nowIso();
    return this.db.transaction().execute(async (trx) => {
      const changed = await repo.updateCompany(trx, id, before.version, {
        ...rowValues(next),
        ...(next.status !== before.status && { status_changed_at: now }),
        version: before.version + 1,
        updated_at: now,
      });
      if (!changed) throw conflict(await this.read(trx, id));
      if (input.phones) await repo.replacePhones(trx, id, next.phones);
      if (input.emails) await repo.replaceEmails(trx, id, next.emails);
      if (input.tags) await repo.replaceTags(trx, id, next.tags);
      const after = await this.read(trx, id);
      await writeAudit(trx, actor, repo.ENTITY, id, 'update', diff(snapshot(before), snapshot(after)));
      return after;
    });
  }

  async remove(p: Principal, actor: Actor, id: string): Promise<void> {
    await this.load(p, id, 'delete');
    const files = await this.db.transaction().execute(async (trx) => {
      const usedBy = await repo.referencedBy(trx, references, id);
      if (usedBy) throw new AppError('company.in_use', 409, `The company is still referenced by ${usedBy}; merge it instead`, { table: usedBy });
      const keys = await detachAttachments(trx, 'company', id);
      await repo.deleteCompanyRows(trx, id);
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
}
