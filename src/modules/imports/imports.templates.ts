import type { Principal } from '../../platform/access/index.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './imports.repository.js';
import type { ImportEntity, ImportTemplate, TemplateInput } from './imports.schema.js';

/** Saved mappings (with key and mode), shared by everyone who imports; only the author or an admin deletes one. */

export async function createTemplate(db: Db, p: Principal, actor: Actor, input: TemplateInput): Promise<ImportTemplate> {
  const row = {
    id: newId(),
    name: input.name,
    entity: input.entity,
    mapping: JSON.stringify(input.mapping),
    key: input.key,
    mode: input.mode,
    created_by: p.id,
    created_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertTemplate(trx, row);
    await writeAudit(trx, actor, 'import_template', row.id, 'create', [{ field: 'name', old: null, new: input.name }]);
  });
  return repo.toTemplate(row);
}

export async function listTemplates(db: Db, entity?: ImportEntity): Promise<ImportTemplate[]> {
  return (await repo.listTemplates(db, entity)).map(repo.toTemplate);
}

export async function deleteTemplate(db: Db, p: Principal, actor: Actor, id: string): Promise<void> {
  const row = await repo.findTemplate(db, id);
  if (!row) throw AppError.notFound('import_template');
  if (row.created_by !== p.id && p.roleKey !== 'admin') throw AppError.forbidden('Only the author or an administrator deletes a template');
  await db.transaction().execute(async (trx) => {
    await repo.deleteTemplate(trx, id);
    await writeAudit(trx, actor, 'import_template', id, 'delete', [{ field: 'name', old: row.name, new: null }]);
  });
}
