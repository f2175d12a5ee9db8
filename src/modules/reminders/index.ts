export { cancelReminders, notify, scheduleReminder, type NotifyInput, type ReminderEntity, type ReminderInput } from './reminders.schedule.js';
export { registerReminderRoutes } from './reminders.routes.js';
export { remindersRuntime } from './reminders.runtime.js';
