import type { z } from 'zod';
import type { Principal } from '../../platform/access/index.js';
import type { Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { registerCompanyReference } from '../companies/index.js';
import { registerContactReference } from '../contacts/index.js';
import { registerPipelineReference } from '../pipelines/index.js';
import { registerProductReference } from '../products/index.js';
import { registerDealRoutes as registerRoutes } from './deals.routes.js';
import { dealInput, dealUpdate, type DealDetail } from './deals.schema.js';
import { DealsService } from './deals.service.js';

/**
 * The deals routes; declares the columns that hold company, contact, pipeline, stage, lost-reason and product ids,
 * so merges move deals and deleting a record that deals use is refused.
 */
export function registerDealRoutes(api: App, ctx: AppContext): void {
  registerCompanyReference('deals', 'company_id');
  registerContactReference({ table: 'deal_contacts', column: 'contact_id', linkColumn: 'deal_id' });
  registerPipelineReference('pipeline', 'deals', 'pipeline_id');
  registerPipelineReference('stage', 'deals', 'stage_id');
  registerPipelineReference('lost_reason', 'deals', 'lost_reason_id');
  registerProductReference('deal_lines', 'product_id');
  registerProductReference('deal_document_lines', 'product_id');
  registerRoutes(api, ctx);
}

export { rebuildTotals as rebuildDealTotals } from './deals.repository.js';
export type { Deal, DealDetail, DealStatus } from './deals.schema.js';

/** Creates a deal as the given principal (validated like the API body); used by demo data and imports. */
export async function createDeal(db: Db, p: Principal, actor: Actor, input: z.input<typeof dealInput>): Promise<DealDetail> {
  return new DealsService(db).create(p, actor, dealInput.parse(input));
}

/** Updates a deal as the given principal (validated like the API body; stage moves are separate); used by imports. */
export async function updateDeal(db: Db, p: Principal, actor: Actor, id: string, input: z.input<typeof dealUpdate>): Promise<DealDetail> {
  return new DealsService(db).update(p, actor, id, dealUpdate.parse(input));
}

/** Deletes a deal as the given principal (board totals follow); used by import undo. */
export async function deleteDeal(db: Db, p: Principal, actor: Actor, id: string): Promise<void> {
  await new DealsService(db).remove(p, actor, id);
}

export async function readDeal(db: Db, id: string): Promise<DealDetail> {
  return new DealsService(db).read(db, id);
}
export { dealInput, dealUpdate };
