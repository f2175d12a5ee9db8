export { cancelReminders, notify, scheduleReminder, type NotifyInput, type ReminderEntity, type ReminderInput } from './reminders.schedule.js';
