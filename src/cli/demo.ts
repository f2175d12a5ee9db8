import type { Db } from '../platform/db/database.js';
import { createLogger } from '../platform/logger.js';
import { refreshSegments } from '../modules/segments/index.js';
import { ensureDemoTeam, seedDemoActivities, seedDemoCatalog, seedDemoCompanies, seedDemoDeals, seedDemoPlans, seedDemoSalesHistory, DEMO_PASSWORD } from '../modules/demo/index.js';

export const DEMO_SIZE_ON_FIRST_START = 300;
/** Deals made over the first demo companies when there are none yet. */
const DEMO_DEALS = 120;
/** At most this many companies get a history of past purchases (for the analytics). */
const DEMO_HISTORY_COMPANIES = 150;

/** Adds `size` demo companies (with contacts) owned by the demo sales team, and the demo catalog when it is empty; prints progress. */
export async function addDemoData(db: Db, size: number, progress = false): Promise<string> {
  const team = await ensureDemoTeam(db);
  const { n } = await db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const started = Date.now();
  let lastPrint = 0;
  await seedDemoCompanies(db, {
    size,
    ownerIds: team.sellers,
    seed: Number(n) + 1,
    startAt: Number(n) + 1,
    onProgress: (done, total) => {
      if (progress && (Date.now() - lastPrint > 2000 || done === total)) {
        lastPrint = Date.now();
        const rate = Math.round(done / ((Date.now() - started) / 1000 || 1));
        process.stdout.write(`\r  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} companies (${rate.toLocaleString('en')}/s)   `);
      }
    },
  });
  if (progress) process.stdout.write('\n');
  const products = await seedDemoCatalog(db);
  const deals = await seedDemoDeals(db, DEMO_DEALS);
  const history = await seedDemoSalesHistory(db, Math.min(DEMO_HISTORY_COMPANIES, Math.ceil(size / 4)));
  const activities = await seedDemoActivities(db);
  await seedDemoPlans(db);
  // The client and product classes of the demo data, now rather than at the job's first check.
  await refreshSegments(db, 'manual', null, createLogger('silent'));
  return `Demo data: ${size} companies with contacts${products ? `, a catalog of ${products} products and services` : ''}${deals ? `, ${deals} deals` : ''}${history ? `, ${history} past sales` : ''}${activities ? `, ${activities} activities` : ''}. Demo users (password ${DEMO_PASSWORD}): ${team.emails.join(', ')}`;
}

/** On an empty directory, the demo data of a first start. */
export async function addDemoDataIfEmpty(db: Db): Promise<string | null> {
  const any = await db.selectFrom('companies').select('id').limit(1).executeTakeFirst();
  return any ? null : addDemoData(db, DEMO_SIZE_ON_FIRST_START);
}
