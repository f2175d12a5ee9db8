export { registerViewRoutes } from './views.routes.js';
export type { SavedView, ViewEntity } from './views.schema.js';
