export { registerKpiRoutes } from './kpi.routes.js';
