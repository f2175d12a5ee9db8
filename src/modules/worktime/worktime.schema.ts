import { z } from 'zod';
import { isTimeZone } from '../../shared/zoned.js';

/**
 * Contracts of a user's working calendar (time zone, working days and hours, daily capacity, reminder
 * lead time) and of the holidays calendar. The schedule plans within these. Imported by the server and the UI.
 */

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
const localDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a 2-letter country code');
/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const isoWeekday = z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)');

export const workSettingsSchema = z.object({
  userId: z.string(),
  /** IANA time zone (users.time_zone). */
  timeZone: z.string(),
  workDays: z.array(z.number().int()),
  workStart: z.string(),
  workEnd: z.string(),
  /** Contacts per day the schedule plans for this user. */
  dailyCapacity: z.number().int(),
  /** Minutes before a promise (or a timed task) its reminder fires. */
  reminderMinutes: z.number().int(),
  /** Reminders also go by e-mail (when SMTP is configured). */
  emailReminders: z.boolean(),
  /** Holidays of this country apply; null: the instance's default country. */
  holidayCountry: z.string().nullable(),
});
export type WorkSettings = z.infer<typeof workSettingsSchema>;

export const defaultWorkSettings = {
  workDays: [1, 2, 3, 4, 5],
  workStart: '09:00',
  workEnd: '18:00',
  dailyCapacity: 25,
  reminderMinutes: 15,
  emailReminders: false,
  holidayCountry: null,
} as const;

export const workSettingsUpdate = z
  .strictObject({
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Moscow', params: { code: 'worktime.time_zone_invalid' } })
      .optional(),
    workDays: z
      .array(isoWeekday)
      .min(1, 'at least one working day')
      .max(7)
      .transform((xs) => [...new Set(xs)].sort((a, b) => a - b))
      .optional(),
    workStart: localTime.optional(),
    workEnd: localTime.optional(),
    dailyCapacity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
    reminderMinutes: z.number().int('must be a whole number').min(0, 'must not be negative').max(7 * 24 * 60, 'is too large').optional(),
    emailReminders: z.boolean().optional(),
    holidayCountry: countryCode.nullable().optional(),
  });
export type WorkSettingsUpdate = z.output<typeof workSettingsUpdate>;

export const holidaySchema = z.object({
  id: z.string(),
  country: z.string(),
  date: z.string(),
  name: z.string(),
  /** A working day moved to a weekend (RU transfers) rather than a day off. */
  isWorkday: z.boolean(),
});
export type Holiday = z.infer<typeof holidaySchema>;

export const holidayInput = z.strictObject({
  country: countryCode,
  date: localDate,
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  isWorkday: z.boolean().default(false),
});
export type HolidayInput = z.output<typeof holidayInput>;

export const holidayQuery = z.strictObject({
  country: countryCode.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
});
export type HolidayQuery = z.output<typeof holidayQuery>;
export const holidayList = z.object({ items: z.array(holidaySchema) });
