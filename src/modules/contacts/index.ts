export { registerContactRoutes } from './contacts.routes.js';
export type { Contact } from './contacts.schema.js';
