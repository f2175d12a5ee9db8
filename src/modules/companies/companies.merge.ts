import type { Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { moveAttachments } from '../attachments/index.js';
import { rowValues, snapshot, type Snapshot } from './companies.mapper.js';
import * as repo from './companies.repository.js';
import type { CompanyDetail } from './companies.schema.js';
import { companyReferences, type CompaniesService } from './companies.service.js';

const scalarFields = [
  'legalForm', 'inn', 'kpp', 'ogrn', 'okpo', 'okvedMain', 'eik', 'vatNumber', 'industry', 'activityType',
  'directorName', 'directorPosition', 'website', 'source', 'ownerId',
] as const satisfies readonly (keyof Snapshot)[];

const joinNotes = (a: string | null, b: string | null) => (a && b && a !== b ? `${a}\n\n${b}` : (a ?? b));
const unionBy = <T>(keep: T[], add: T[], key: (x: T) => string) => {
  const seen = new Set(keep.map(key));
  return [...keep, ...add.filter((x) => !seen.has(key(x)))];
};

/** The target's state with its empty fields filled from the source and the lists united. */
function mergedState(t: Snapshot, s: Snapshot): Snapshot {
  const filled = { ...t };
  for (const f of scalarFields) if (filled[f] === null) (filled as Record<string, unknown>)[f] = s[f];
  const addressKinds = new Set(t.addresses.map((a) => a.kind));
  return {
    ...filled,
    okvedExtra: [...new Set([...t.okvedExtra, ...s.okvedExtra])].filter((c) => c !== filled.okvedMain),
    phones: unionBy(t.phones, s.phones, (p) => p.e164 ?? p.raw),
    emails: unionBy(t.emails, s.emails, (e) => e.email),
    addresses: [...t.addresses, ...s.addresses.filter((a) => !addressKinds.has(a.kind))],
    tags: [...new Set([...t.tags, ...s.tags])],
    notes: joinNotes(t.notes, s.notes),
    custom: { ...s.custom, ...t.custom },
  };
}

/**
 * Merges the source company into the target in one transaction: empty fields of the target are
 * filled from the source; phones, e-mails, tags, contact links, attachments and every registered
 * reference move to the target; the source is deleted; both ids get 'merge' history rows.
 */
export async function mergeCompanies(svc: CompaniesService, p: Principal, actor: Actor, targetId: string, sourceId: string): Promise<CompanyDetail> {
  if (targetId === sourceId) {
    throw AppError.validation([{ field: 'sourceId', code: 'company.merge_same', message: 'must be another company' }]);
  }
  const target = await svc.load(p, targetId, 'merge');
  const source = await svc.load(p, sourceId, 'merge');
  const next = mergedState(snapshot(target), snapshot(source));
  const stale = (current: CompanyDetail) => new AppError('company.version_conflict', 409, 'The company was changed by someone else; reload it', { current });
  return svc.db.transaction().execute(async (trx) => {
    // Claim the source at the version read: a phone or e-mail added to it meanwhile would be lost with it.
    if (!(await repo.updateCompany(trx, sourceId, source.version, { version: source.version + 1 }))) throw stale(await svc.read(trx, sourceId));
    const changed = await repo.updateCompany(trx, targetId, target.version, { ...rowValues(next), version: target.version + 1, updated_at: nowIso() });
    if (!changed) throw stale(await svc.read(trx, targetId));
    await repo.replacePhones(trx, targetId, next.phones);
    await repo.replaceEmails(trx, targetId, next.emails);
    await repo.replaceTags(trx, targetId, next.tags);
    await repo.moveContactLinks(trx, sourceId, targetId);
    await moveAttachments(trx, 'company', sourceId, targetId);
    await repo.repointReferences(trx, companyReferences(), sourceId, targetId);
    await repo.deleteCompanyRows(trx, sourceId);
    const after = await svc.read(trx, targetId);
    await writeAudit(trx, actor, repo.ENTITY, targetId, 'merge', [
      { field: 'mergedFrom', old: null, new: { id: sourceId, name: source.name } },
      ...diff(snapshot(target), snapshot(after)),
    ]);
    await writeAudit(trx, actor, repo.ENTITY, sourceId, 'merge', [{ field: 'mergedInto', old: null, new: { id: targetId, name: after.name } }]);
    return after;
  });
}
