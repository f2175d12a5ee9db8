export { registerFunnelRoutes } from './funnels.routes.js';
export { forgetFunnelDeal, rebuildFunnelEntries, recordFunnelStep, setFunnelLostReason, setFunnelOwner, type StageStep } from './funnels.entries.js';
