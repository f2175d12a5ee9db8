export { registerSegmentRoutes } from './segments.routes.js';
export { segmentsRuntime, type SegmentsRuntime } from './segments.runtime.js';
export { runJob as refreshSegments } from './segments.job.js';
