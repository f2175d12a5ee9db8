export { registerScheduleRoutes } from './schedule.routes.js';
export { buildSchedule, funnelGroupOf, type Schedule, type ScheduleItem, type PlacedItem } from './schedule.algorithm.js';
export type { Today, Forecast, Team, ScheduleEntry } from './schedule.schema.js';
