export { registerPipelineRoutes } from './pipelines.routes.js';
export { ensureDefaultPipelines } from './pipelines.seed.js';
export { getPipeline, listPipelines, registerPipelineReference } from './pipelines.service.js';
export { getLostReason } from './lostreasons.service.js';
export { defaultPipeline, stageById, stagesByIds, type StageInfo } from './pipelines.lookup.js';
export type { LostReason, Pipeline, Stage, StageKind } from './pipelines.schema.js';
export { moveStageDeals as moveStageDealsInput, moveStageDealsResult, stageParams } from './pipelines.schema.js';
