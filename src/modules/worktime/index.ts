export { registerWorktimeRoutes } from './worktime.routes.js';
export { getWorkSettings, listHolidays, workSettingsOf } from './worktime.service.js';
export type { Holiday, WorkSettings } from './worktime.schema.js';
