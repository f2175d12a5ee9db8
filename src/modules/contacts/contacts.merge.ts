import type { Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { moveAttachments } from '../attachments/index.js';
import { fullNameOf, searchTextOf, snapshot } from './contacts.mapper.js';
import { repointContactReferences } from './contacts.references.js';
import * as repo from './contacts.repository.js';
import type { Contact } from './contacts.schema.js';
import { conflict, type ContactsService } from './contacts.service.js';

const joinNotes = (a: string | null, b: string | null) => (a && b && a !== b ? `${a}\n\n${b}` : (a ?? b));

/**
 * Merges the source contact into the target in one transaction: phones, e-mails, tags, company
 * links, attachments and what later modules link to it (deals, activities...) move to the target, empty fields of the target are filled from the
 * source, the source is deleted and both records get a 'merge' history entry.
 */
export async function mergeContacts(svc: ContactsService, p: Principal, actor: Actor, targetId: string, sourceId: string): Promise<Contact> {
  if (targetId === sourceId) {
    throw AppError.validation([{ field: 'sourceId', code: 'contact.merge_same', message: 'must be another contact' }]);
  }
  const target = await svc.load(p, targetId, 'merge');
  const source = await svc.load(p, sourceId, 'merge');
  const names = {
    firstName: target.firstName,
    lastName: target.lastName ?? source.lastName,
    middleName: target.middleName ?? source.middleName,
  };
  const targetE164s = target.phones.flatMap((ph) => (ph.e164 ? [ph.e164] : []));
  const targetEmails = target.emails.map((e) => e.email);
  const phones = [...target.phones, ...source.phones.filter((ph) => !ph.e164 || !targetE164s.includes(ph.e164))];
  const emails = [...target.emails, ...source.emails.filter((e) => !targetEmails.includes(e.email))];
  return svc.db.transaction().execute(async (trx) => {
    // Claim the source at the version read: fields, phones, e-mails or tags changed on it meanwhile would be lost with it.
    if (!(await repo.updateContact(trx, sourceId, source.version, { version: source.version + 1 }))) throw conflict(await svc.read(trx, sourceId));
    const changed = await repo.updateContact(trx, targetId, target.version, {
      last_name: names.lastName,
      middle_name: names.middleName,
      full_name: fullNameOf(names),
      position: target.position ?? source.position,
      birthday: target.birthday ?? source.birthday,
      notes: joinNotes(target.notes, source.notes),
      custom: JSON.stringify({ ...source.custom, ...target.custom }),
      search_text: searchTextOf(names, phones, emails),
      version: target.version + 1,
      updated_at: nowIso(),
    });
    if (!changed) throw conflict(await svc.read(trx, targetId));
    await repo.movePhones(trx, sourceId, targetId, targetE164s);
    await repo.moveEmails(trx, sourceId, targetId, targetEmails);
    await repo.replaceTags(trx, targetId, [...new Set([...target.tags, ...source.tags])]);
    // Company links carry no version: merge them as they are now, not as they were read.
    const links = await repo.loadChildren(trx, [targetId, sourceId]);
    const linked = new Map(links.get(targetId)!.companies.map((c) => [c.company_id, c]));
    for (const c of links.get(sourceId)!.companies) {
      const mine = linked.get(c.company_id);
      await repo.upsertLink(trx, {
        company_id: c.company_id,
        contact_id: targetId,
        position: mine ? (mine.position ?? c.position) : c.position,
        is_primary: mine?.is_primary || c.is_primary ? 1 : 0,
      });
    }
    await moveAttachments(trx, 'contact', sourceId, targetId);
    await repointContactReferences(trx, sourceId, targetId);
    await repo.deleteContactRows(trx, sourceId);

    const after = await svc.read(trx, targetId);
    await writeAudit(trx, actor, repo.ENTITY, targetId, 'merge', [
      { field: 'mergedFrom', old: null, new: { id: sourceId, name: source.fullName } },
      ...diff(snapshot(target), snapshot(after)),
    ]);
    await writeAudit(trx, actor, repo.ENTITY, sourceId, 'merge', [{ field: 'mergedInto', old: null, new: { id: targetId, name: after.fullName } }]);
    return after;
  });
}
