import type { Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { moveAttachments } from '../attachments/index.js';
import { fullNameOf, searchTextOf, snapshot } from './contacts.mapper.js';
import * as repo from './contacts.repository.js';
import type { Contact } from './contacts.schema.js';
import type { ContactsService } from './contacts.service.js';

const joinNotes = (a: string | null, b: string | null) => (a && b && a !== b ? `${a}\n\n${b}` : (a ?? b));

/**
 * Merges the source contact into the target in one transaction: phones, e-mails, tags, company
 * links and attachments move to the target, empty fields of the target are filled from the
 * source, the source is deleted and both records get a 'merge' history entry.
 */
export async function mergeContacts(svc: ContactsService, p: Principal, actor: Actor, targetId: string, sourceId: string): Promise<Contact> {
  if (targetId === sourceId) {
    throw AppError.validation([{ field: 'sourceId', code: 'contact.merge_same', message: 'must be another contact' }]);
  }
  const target = await svc.load(p, targetId, 'merge');
  const source = await svc.load(p, sourceId, 'merge');
  return svc.db.transaction().execute(async (trx) => {
    await repo.movePhones(trx, sourceId, targetId, target.phones.flatMap((ph) => (ph.e164 ? [ph.e164] : [])));
    await repo.moveEmails(trx, sourceId, targetId, target.emails.map((e) => e.email));
    await repo.replaceTags(trx, targetId, [...new Set([...target.tags, ...source.tags])]);
    const linked = new Map(target.companies.map((c) => [c.id, c]));
    for (const c of source.companies) {
      const mine = linked.get(c.id);
      await repo.upsertLink(trx, {
        company_id: c.id,
        contact_id: targetId,
        position: mine ? (mine.position ?? c.position) : c.position,
        is_primary: (mine?.isPrimary ?? false) || c.isPrimary ? 1 : 0,
      });
    }
    await moveAttachments(trx, 'contact', sourceId, targetId);

    const names = {
      firstName: target.firstName,
      lastName: target.lastName ?? source.lastName,
      middleName: target.middleName ?? source.middleName,
    };
    const children = (await repo.loadChildren(trx, [targetId])).get(targetId)!;
    const changed = await repo.updateContact(trx, targetId, target.version, {
      last_name: names.lastName,
      middle_name: names.middleName,
      full_name: fullNameOf(names),
      position: target.position ?? source.position,
      birthday: target.birthday ?? source.birthday,
      notes: joinNotes(target.notes, source.notes),
      custom: JSON.stringify({ ...source.custom, ...target.custom }),
      search_text: searchTextOf(names, children.phones, children.emails),
      version: target.version + 1,
      updated_at: nowIso(),
    });
    if (!changed) throw new AppError('contact.version_conflict', 409, 'The contact was changed by someone else; reload it');
    await repo.deleteContactRows(trx, sourceId);

    const after = await svc.read(trx, targetId);
    await writeAudit(trx, actor, repo.ENTITY, targetId, 'merge', [
      { field: 'mergedFrom', old: null, new: sourceId },
      ...diff(snapshot(target), snapshot(after)),
    ]);
    await writeAudit(trx, actor, repo.ENTITY, sourceId, 'merge', [{ field: 'mergedInto', old: null, new: targetId }]);
    return after;
  });
}
