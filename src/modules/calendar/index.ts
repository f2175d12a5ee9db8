export { registerCalendarRoutes } from './calendar.routes.js';
