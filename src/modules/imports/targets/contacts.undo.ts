import { auditRows, diff, type Actor } from '../../../platform/audit/audit.js';
import { nowIso, type Executor } from '../../../platform/db/database.js';
import { readContacts } from '../../contacts/index.js';
import type { UndoEntry } from '../engine/target.js';
import { deleteChildren, insertMany, replaceChildren } from './bulk.repository.js';
import { contactRowValues, stateOf, type ContactState } from './contacts.state.js';

const ENTITY = 'contact';

/**
 * Undoes a batch of a contact import: created contacts are deleted (their deal and activity links go with
 * them, as when a user deletes one) and updated ones restored with the company links the import added
 * removed; contacts changed since the import are kept.
 */
export async function undoContacts(trx: Executor, entries: UndoEntry[], job: { actor: Actor }): Promise<{ reverted: number; kept: number }> {
  const current = new Map((await readContacts(trx, entries.map((e) => e.entityId))).map((c) => [c.id, c]));
  const created = entries.filter((e) => e.action === 'created');
  const gone = created.filter((e) => !current.has(e.entityId)).length;
  const deletable = created.filter((e) => current.get(e.entityId)?.version === e.afterVersion).map((e) => e.entityId);
  const now = nowIso();
  const audit = deletable.flatMap((id) => auditRows(job.actor, ENTITY, id, 'delete', [], now));
  if (deletable.length) {
    await deleteChildren(trx, ENTITY, deletable);
    await trx.deleteFrom('contacts').where('id', 'in', deletable).execute();
  }
  const children: { id: string; ch: ContactState }[] = [];
  let restored = 0;
  for (const e of entries.filter((x) => x.action === 'updated' && current.get(x.entityId)?.version === x.afterVersion)) {
    const before = JSON.parse(e.before!) as { state: ContactState; externalId: string | null; addedLinks: string[] };
    const res = await trx
      .updateTable('contacts')
      .set({ ...contactRowValues(before.state), external_id: before.externalId, version: e.afterVersion + 1, updated_at: now })
      .where('id', '=', e.entityId)
      .where('version', '=', e.afterVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) continue;
    restored += 1;
    if (before.addedLinks.length) await trx.deleteFrom('company_contacts').where('contact_id', '=', e.entityId).where('company_id', 'in', before.addedLinks).execute();
    children.push({ id: e.entityId, ch: before.state });
    audit.push(...auditRows(job.actor, ENTITY, e.entityId, 'update', diff(stateOf(current.get(e.entityId)!), before.state), now));
  }
  await replaceChildren(trx, ENTITY, children);
  await insertMany(trx, 'audit_log', audit);
  const reverted = deletable.length + gone + restored;
  return { reverted, kept: entries.length - reverted };
}
