export { registerWorktimeRoutes } from './worktime.routes.js';
export { addHoliday, getWorkSettings, listHolidays, updateWorkSettings, workSettingsOf } from './worktime.service.js';
export type { Holiday, WorkSettings } from './worktime.schema.js';
