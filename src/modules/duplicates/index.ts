export { registerDuplicateRoutes } from './duplicates.routes.js';
