import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/http/context.js';
import { registerCompanyReference } from '../companies/index.js';
import { registerPipelineReference } from '../pipelines/index.js';
import { registerProductReference } from '../products/index.js';
import { registerDealRoutes as registerRoutes } from './deals.routes.js';

/**
 * The deals routes; declares the columns that hold company, pipeline, stage, lost-reason and product ids,
 * so merges move deals and deleting a record that deals use is refused.
 */
export function registerDealRoutes(api: App, ctx: AppContext): void {
  registerCompanyReference('deals', 'company_id');
  registerPipelineReference('pipeline', 'deals', 'pipeline_id');
  registerPipelineReference('stage', 'deals', 'stage_id');
  registerPipelineReference('lost_reason', 'deals', 'lost_reason_id');
  registerProductReference('deal_lines', 'product_id');
  registerProductReference('deal_document_lines', 'product_id');
  registerRoutes(api, ctx);
}

export { rebuildTotals as rebuildDealTotals } from './deals.repository.js';
export type { Deal, DealDetail, DealStatus } from './deals.schema.js';
