import type { Db } from '../../platform/db/database.js';
import { PrincipalLoader } from '../../platform/auth/principal-loader.js';
import { systemActor } from '../../platform/audit/audit.js';
import { createDeal } from '../deals/index.js';
import { rebuildFunnelEntries } from '../funnels/index.js';
import { listPipelines } from '../pipelines/index.js';
import { rng } from './demo.generator.js';

/**
 * A sales history for the analytics of the demo: past won deals of the first demo companies (1-4 purchases each,
 * closed over the last 14 months, 1-3 catalog lines), made through the deals module and then dated back (the
 * deal, its stage history and the funnel facts), so that segments, plans, forecasts and reports have data.
 */

const DAY = 86_400_000;
const MONTHS = 14;

export async function seedDemoSalesHistory(db: Db, companiesWithHistory: number, seed = 11): Promise<number> {
  const monthStart = `${new Date().toISOString().slice(0, 7)}-01`;
  if (await db.selectFrom('deals').select('id').where('closed_at', '<', monthStart).limit(1).executeTakeFirst()) return 0;
  const [pipeline] = await listPipelines(db);
  const won = pipeline?.stages.find((s) => s.kind === 'won');
  const products = (await db.selectFrom('products').select('id').where('is_active', '=', 1).orderBy('sku').execute()).map((p) => p.id);
  if (!pipeline || !won || !products.length) return 0;
  const companies = await db.selectFrom('companies').select(['id', 'owner_id']).where('owner_id', 'is not', null).orderBy('created_at').orderBy('id').limit(companiesWithHistory).execute();
  const r = rng(seed);
  const principals = new PrincipalLoader(db);
  let made = 0;
  for (const c of companies) {
    const loaded = await principals.load(c.owner_id!);
    if (!loaded) continue;
    const purchases = 1 + Math.floor(r() * 4);
    for (let k = 0; k < purchases; k++) {
      const deal = await createDeal(db, { ...loaded, viaToken: false }, { ...systemActor, userId: loaded.id }, {
        title: 'Повторная поставка',
        companyId: c.id,
        ownerId: loaded.id,
        pipelineId: pipeline.id,
        stageId: won.id,
        type: k === 0 ? 'new' : 'repeat',
        sourceChannel: ['web', 'phone', 'exhibition', 'referral'][Math.floor(r() * 4)]!,
        lines: Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({ productId: products[Math.floor(r() * products.length)]!, quantity: 1 + Math.floor(r() * 5) })),
      });
      const closed = new Date(Date.parse(monthStart) - Math.floor(1 + r() * (MONTHS * 30 - 1)) * DAY - Math.floor(r() * 8) * 3_600_000).toISOString();
      const created = new Date(Date.parse(closed) - Math.floor(5 + r() * 40) * DAY).toISOString();
      await db.updateTable('deals').set({ created_at: created, closed_at: closed, stage_entered_at: closed, updated_at: closed }).where('id', '=', deal.id).execute();
      await db.updateTable('deal_stage_history').set({ at: closed }).where('deal_id', '=', deal.id).execute();
      made++;
    }
  }
  await rebuildFunnelEntries(db);
  return made;
}
