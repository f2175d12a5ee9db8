export { registerRoleRoutes } from './roles.routes.js';
export { permissionsCover } from './roles.service.js';
