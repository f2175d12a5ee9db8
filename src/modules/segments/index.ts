export { registerSegmentRoutes } from './segments.routes.js';
export { segmentsRuntime, type SegmentsRuntime } from './segments.runtime.js';
