export { registerFunnelRoutes } from './funnels.routes.js';
export { forgetFunnelDeal, rebuildFunnelEntries, recordFunnelStep, setFunnelOwner, type StageStep } from './funnels.entries.js';
