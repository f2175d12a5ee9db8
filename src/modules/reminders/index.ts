export { cancelReminders, notify, scheduleReminder, syncReminder, type NotifyInput, type ReminderEntity, type ReminderInput } from './reminders.schedule.js';
export { registerReminderRoutes } from './reminders.routes.js';
export { remindersRuntime } from './reminders.runtime.js';
