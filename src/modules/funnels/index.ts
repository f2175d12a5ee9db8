export { registerFunnelRoutes } from './funnels.routes.js';
export { rebuildFunnelEntries, recordFunnelStep, setFunnelOwner, type StageStep } from './funnels.entries.js';
