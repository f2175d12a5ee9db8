import type { TestClient } from './client.js';
import { makeDeal, type TestPipeline } from './deals.js';
import type { TestVoronka } from './engines.js';

/** Factories for segmentation and source tests: won deals closed on a chosen day (moved in the database). */

/** A won deal of the company closed at noon UTC of `day` (YYYY-MM-DD); `amount` (manual) or `lines`. */
export async function wonDeal(v: TestVoronka, client: TestClient, pipeline: TestPipeline, day: string, body: Record<string, unknown>): Promise<string> {
  const deal = await makeDeal(client, { pipelineId: pipeline.id, stageId: pipeline.stage.won, ...body });
  await v.ctx.database.db.updateTable('deals').set({ closed_at: `${day}T12:00:00.000Z` }).where('id', '=', deal.id).execute();
  return deal.id as string;
}

/** The day `n` days before today (UTC), YYYY-MM-DD. */
export const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
