export { registerApiTokenRoutes } from './apitokens.routes.js';
