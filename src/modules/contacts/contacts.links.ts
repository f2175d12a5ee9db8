import { assertRecordAccess, type Principal } from '../../platform/access/index.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './contacts.repository.js';
import type { Contact } from './contacts.schema.js';
import type { ContactsService } from './contacts.service.js';

/** The company must exist, be visible and editable by the caller (links belong to the company card). */
async function companyForUpdate(svc: ContactsService, p: Principal, companyId: string): Promise<void> {
  const owners = await repo.companyOwners(svc.db, [companyId]);
  if (!owners.has(companyId)) throw AppError.notFound('company');
  assertRecordAccess(p, 'company', 'update', owners.get(companyId)!);
}

/** Links a contact to a company, or updates the link's position / primary flag. */
export async function linkContact(
  svc: ContactsService,
  p: Principal,
  actor: Actor,
  companyId: string,
  input: { contactId: string; position?: string | null; isPrimary: boolean },
): Promise<{ created: boolean; contact: Contact }> {
  await companyForUpdate(svc, p, companyId);
  await svc.load(p, input.contactId, 'read');
  const link = { company_id: companyId, contact_id: input.contactId, position: input.position ?? null, is_primary: input.isPrimary ? 1 : 0 };
  return svc.db.transaction().execute(async (trx) => {
    const existing = await repo.findLink(trx, companyId, input.contactId);
    await repo.upsertLink(trx, link);
    const shown = (l: typeof link) => ({ companyId: l.company_id, position: l.position, isPrimary: l.is_primary === 1 });
    await writeAudit(trx, actor, repo.ENTITY, input.contactId, existing ? 'update' : 'link', [
      { field: 'companies', old: existing ? shown(existing) : null, new: shown(link) },
    ]);
    if (!existing) await writeAudit(trx, actor, 'company', companyId, 'link', [{ field: 'contacts', old: null, new: input.contactId }]);
    return { created: !existing, contact: await svc.read(trx, input.contactId) };
  });
}

export async function unlinkContact(svc: ContactsService, p: Principal, actor: Actor, companyId: string, contactId: string): Promise<void> {
  await companyForUpdate(svc, p, companyId);
  await svc.db.transaction().execute(async (trx) => {
    const existing = await repo.findLink(trx, companyId, contactId);
    if (!existing) throw new AppError('contact.not_linked', 404, 'The contact is not linked to this company');
    await repo.deleteLink(trx, companyId, contactId);
    await writeAudit(trx, actor, repo.ENTITY, contactId, 'unlink', [{ field: 'companies', old: companyId, new: null }]);
    await writeAudit(trx, actor, 'company', companyId, 'unlink', [{ field: 'contacts', old: contactId, new: null }]);
  });
}
