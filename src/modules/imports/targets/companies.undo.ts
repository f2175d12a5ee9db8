import { auditRows, diff, type Actor } from '../../../platform/audit/audit.js';
import { nowIso, type Executor } from '../../../platform/db/database.js';
import { companyReferences, companyRowValues, companySnapshot, readCompanies, type CompanySnapshot } from '../../companies/index.js';
import type { UndoEntry } from '../engine/target.js';
import { deleteChildren, insertMany, referencedIds, replaceChildren } from './bulk.repository.js';

const ENTITY = 'company';

/**
 * Undoes a batch of a company import: created companies are deleted and updated ones restored, unless they
 * changed since the import (another version) or, for deletes, other records use them (deals, contacts,
 * attachments ...). Those are kept and counted.
 */
export async function undoCompanies(trx: Executor, entries: UndoEntry[], job: { actor: Actor }): Promise<{ reverted: number; kept: number }> {
  const ids = entries.map((e) => e.entityId);
  const versions = new Map((await trx.selectFrom('companies').select(['id', 'version']).where('id', 'in', ids).execute()).map((r) => [r.id, r.version]));
  const created = entries.filter((e) => e.action === 'created');
  const gone = created.filter((e) => !versions.has(e.entityId)).length;
  const candidates = created.filter((e) => versions.get(e.entityId) === e.afterVersion).map((e) => e.entityId);
  const refs = [...companyReferences().filter((r) => (r as { onDelete?: string }).onDelete !== 'unlink'), { table: 'company_contacts', column: 'company_id' }];
  const used = await referencedIds(trx, refs, candidates);
  const deletable = candidates.filter((id) => !used.has(id));
  const now = nowIso();
  const audit = deletable.flatMap((id) => auditRows(job.actor, ENTITY, id, 'delete', [], now));
  if (deletable.length) {
    await deleteChildren(trx, ENTITY, deletable);
    await trx.deleteFrom('companies').where('id', 'in', deletable).execute();
  }

  const restorable = entries.filter((e) => e.action === 'updated' && versions.get(e.entityId) === e.afterVersion);
  const current = new Map((await readCompanies(trx, restorable.map((e) => e.entityId))).map((c) => [c.id, companySnapshot(c)]));
  const children: { id: string; ch: Pick<CompanySnapshot, 'phones' | 'emails' | 'tags'> }[] = [];
  let restored = 0;
  for (const e of restorable) {
    const before = JSON.parse(e.before!) as { state: CompanySnapshot; externalId: string | null };
    const now_ = current.get(e.entityId)!;
    const res = await trx
      .updateTable('companies')
      .set({
        ...companyRowValues(before.state),
        external_id: before.externalId,
        ...(before.state.status !== now_.status && { status_changed_at: now }),
        version: e.afterVersion + 1,
        updated_at: now,
      })
      .where('id', '=', e.entityId)
      .where('version', '=', e.afterVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) continue;
    restored += 1;
    children.push({ id: e.entityId, ch: { phones: before.state.phones, emails: before.state.emails, tags: before.state.tags } });
    audit.push(...auditRows(job.actor, ENTITY, e.entityId, 'update', diff(now_, before.state), now));
  }
  await replaceChildren(trx, ENTITY, children);
  await insertMany(trx, 'audit_log', audit);
  const reverted = deletable.length + gone + restored;
  return { reverted, kept: entries.length - reverted };
}
