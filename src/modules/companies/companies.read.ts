import type { Executor } from '../../platform/db/database.js';
import { toCompany } from './companies.mapper.js';
import { loadChildren, selectCompanies } from './companies.repository.js';
import type { Company } from './companies.schema.js';

/** Companies by id with their phones, e-mails and tags, in no particular order (bulk tools: imports). */
export async function readCompanies(db: Executor, ids: string[]): Promise<Company[]> {
  if (!ids.length) return [];
  const rows = await selectCompanies(db).where('companies.id', 'in', ids).execute();
  const children = await loadChildren(db, rows.map((r) => r.id));
  return rows.map((r) => toCompany(r, children.get(r.id)!));
}
