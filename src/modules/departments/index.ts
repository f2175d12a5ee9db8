export { registerDepartmentRoutes } from './departments.routes.js';
