export { registerAuthRoutes } from './auth.routes.js';
export { registerUserRoutes } from './users.routes.js';
export { ensureSystemRoles, ensureAdmin, createUser, setPassword, DEFAULT_ADMIN_EMAIL, type NewUser } from './users.bootstrap.js';
