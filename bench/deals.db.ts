/**
 * The deals bench database (shared by the deals and funnels benches): migrated, then seeded once per data dir
 * with the sales managers, demo catalog, companies and deals; a marker file records a finished seed.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createUser, ensureAdmin, ensureSystemRoles } from '../src/modules/users/index.js';
import { seedDemoCatalog, seedDemoCompanies } from '../src/modules/demo/index.js';
import { ensureDefaultPipelines } from '../src/modules/pipelines/index.js';
import { rebuildDealTotals } from '../src/modules/deals/index.js';
import { rebuildFunnelEntries } from '../src/modules/funnels/index.js';
import { withoutSecondaryIndexes } from './lib.js';
import { seedDeals } from './deals.seed.js';

export const ADMIN = { email: 'bench@voronka.local', password: 'bench-password' };
export const MANAGER_PASSWORD = 'bench-password';
const dealTables = ['deals', 'deal_lines', 'deal_stage_history'];

export const progress = (what: string, total: number) => {
  let last = 0;
  return (done: number) => {
    if (Date.now() - last < 5000 && done < total) return;
    last = Date.now();
    process.stdout.write(`\r  ${what} ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
  };
};

export interface DealsDbOptions {
  size: number;
  companies: number;
  managers: number;
}

/** Migrates the database and seeds it unless `marker` exists; returns the seconds the seed took, or null when reused. */
export async function seedDealsDb(url: string, marker: string, o: DealsDbOptions): Promise<{ seconds: number } | null> {
  const database = openDatabase(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }).database);
  const db = database.db;
  await migrateToLatest(database);
  if (fs.existsSync(marker)) {
    await database.close();
    return null;
  }
  await ensureSystemRoles(db);
  await ensureDefaultPipelines(db, 'RU');
  await ensureAdmin(db, ADMIN.email, ADMIN.password);
  await seedDemoCatalog(db);
  const ownerIds: string[] = [];
  for (let i = 1; i <= o.managers; i++) {
    ownerIds.push(await createUser(db, { email: `manager${i}@bench.local`, name: `Manager ${i}`, password: MANAGER_PASSWORD, roleKey: 'sales_manager' }));
  }
  const started = Date.now();
  await seedDemoCompanies(db, { size: o.companies, ownerIds, batch: 1000, onProgress: progress('companies', o.companies) });
  process.stdout.write('\n');
  const load = () => seedDeals(db, { size: o.size, onProgress: progress('deals', o.size) });
  if (database.dialect === 'postgres') await withoutSecondaryIndexes(db, dealTables, load);
  else await load();
  process.stdout.write('\n');
  await rebuildDealTotals(db);
  await rebuildFunnelEntries(db);
  await sql.raw(database.dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(db);
  await database.close();
  fs.writeFileSync(marker, new Date().toISOString());
  return { seconds: (Date.now() - started) / 1000 };
}
