export { registerSourceRoutes } from './sources.routes.js';
