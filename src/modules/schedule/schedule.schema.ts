import { z } from 'zod';
import { funnelGroups, scheduleRules } from './schedule.rules.js';

/**
 * Contracts of the schedule API: a manager's "Today" list with the rule that placed each item, the
 * forecast of the next working days, the team's load, redistribution and the schedule settings.
 * Imported by the server and by the UI.
 */

const id = () => z.uuid({ message: 'must be a valid id' });

export const scheduleUserQuery = z.strictObject({
  /** Whose schedule (default: the signed-in user). */
  userId: id().optional(),
});
export type ScheduleUserQuery = z.output<typeof scheduleUserQuery>;

export const forecastQuery = scheduleUserQuery.extend({
  /** Working days after today. */
  days: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(20, 'must be at most 20').default(5),
});
export type ForecastQuery = z.output<typeof forecastQuery>;

export const teamQuery = z.strictObject({
  /** The department and its sub-departments (default: every user the principal may see). */
  departmentId: id().optional(),
  days: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(20, 'must be at most 20').default(5),
});
export type TeamQuery = z.output<typeof teamQuery>;

export const scheduleEntrySchema = z.object({
  activityId: z.string(),
  type: z.string(),
  direction: z.string().nullable(),
  subject: z.string().nullable(),
  rule: z.enum(scheduleRules),
  block: z.enum(['promise', 'funnel']),
  group: z.enum(funnelGroups).nullable(),
  /** The day whose list holds the item. */
  day: z.string(),
  /** The owner's local date the item was due. */
  dueDate: z.string(),
  /** The promised local time HH:MM (promises only). */
  plannedTime: z.string().nullable(),
  plannedAt: z.string().nullable(),
  /** Days from the due date to the day of the list. */
  daysOverdue: z.number().int(),
  /** Moved past its due date by the capacity or days off. */
  postponed: z.boolean(),
  company: z.object({ id: z.string(), name: z.string(), status: z.string() }).nullable(),
  deal: z
    .object({
      id: z.string(),
      title: z.string(),
      amount: z.number().int(),
      currency: z.string(),
      stageId: z.string(),
      stageName: z.string(),
      /** The deal's own probability, else its stage's (percent). */
      probability: z.number().int(),
      status: z.enum(['open', 'won', 'lost']),
    })
    .nullable(),
  contact: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  /** The contact person's first phone, else the company's. */
  phone: z.object({ raw: z.string(), e164: z.string().nullable(), ext: z.string().nullable() }).nullable(),
  /** The company's last completed activity (UTC). */
  lastContactAt: z.string().nullable(),
  version: z.number().int(),
});
export type ScheduleEntry = z.infer<typeof scheduleEntrySchema>;

export const scheduleDaySchema = z.object({
  date: z.string(),
  isToday: z.boolean(),
  isWorkingDay: z.boolean(),
  /** Items the day holds (today: the daily capacity less what was done today). */
  capacity: z.number().int(),
  promises: z.number().int(),
  funnel: z.number().int(),
  items: z.array(scheduleEntrySchema),
});
export type ScheduleDay = z.infer<typeof scheduleDaySchema>;

const scheduleHead = {
  userId: z.string(),
  userName: z.string(),
  timeZone: z.string(),
  /** The user's local date and time now. */
  today: z.string(),
  localTime: z.string(),
  dailyCapacity: z.number().int(),
  /** Contacts completed today (they used part of today's capacity). */
  doneToday: z.number().int(),
  /** Open items not on today's list: planned later, or flowed over by the capacity. */
  notToday: z.number().int(),
};

export const todaySchema = z.object({ ...scheduleHead, day: scheduleDaySchema });
export type Today = z.infer<typeof todaySchema>;

export const forecastSchema = z.object({
  ...scheduleHead,
  /** Today first, then the forecast days (working days, plus days off with promises of their own). */
  days: z.array(scheduleDaySchema),
  /** Open items beyond the forecast. */
  later: z.number().int(),
});
export type Forecast = z.infer<typeof forecastSchema>;

export const teamMemberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  departmentId: z.string().nullable(),
  timeZone: z.string(),
  today: z.string(),
  dailyCapacity: z.number().int(),
  doneToday: z.number().int(),
  /** Items on today's list and the places today had. */
  todayCount: z.number().int(),
  todayCapacity: z.number().int(),
  /** Promises missed today and promises of earlier days. */
  missedToday: z.number().int(),
  overduePromises: z.number().int(),
  /** Open funnel items due by today that did not fit today. */
  overflow: z.number().int(),
  openTotal: z.number().int(),
  days: z.array(z.object({ date: z.string(), isWorkingDay: z.boolean(), count: z.number().int(), capacity: z.number().int() })),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;
export const teamSchema = z.object({ members: z.array(teamMemberSchema) });
export type Team = z.infer<typeof teamSchema>;

export const redistributeInput = z.strictObject({
  fromUserId: id(),
  toUserId: id(),
  /** The activities with the versions read; one changed since (completed, moved, edited) makes it a 409. */
  activities: z
    .array(z.strictObject({ id: id(), version: z.number().int().positive() }))
    .min(1, 'choose at least one activity')
    .max(500, 'at most 500 activities at once')
    .refine((xs) => new Set(xs.map((x) => x.id)).size === xs.length, { message: 'must not repeat an activity', params: { code: 'schedule.duplicate_activity' } }),
});
export type RedistributeInput = z.output<typeof redistributeInput>;
export const redistributeResult = z.object({ moved: z.number().int() });

const groupOrder = z
  .array(z.enum(funnelGroups))
  .refine((xs) => xs.length === funnelGroups.length && new Set(xs).size === xs.length, {
    message: `must list each of ${funnelGroups.join(', ')} once`,
    params: { code: 'schedule.group_order_invalid' },
  });
const hotThreshold = z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100');

/** The company-wide defaults of the funnel order. */
export const scheduleDefaultsSchema = z.object({
  groupOrder: z.array(z.enum(funnelGroups)),
  customersBeforeHot: z.boolean(),
  hotThreshold: z.number().int(),
});
export type ScheduleDefaults = z.infer<typeof scheduleDefaultsSchema>;

/** Changes; customersBeforeHot is applied after groupOrder (it swaps hot and customers in the order). */
export const scheduleDefaultsUpdate = z.strictObject({
  groupOrder: groupOrder.optional(),
  customersBeforeHot: z.boolean().optional(),
  hotThreshold: hotThreshold.optional(),
});
export type ScheduleDefaultsUpdate = z.output<typeof scheduleDefaultsUpdate>;

/** A user's effective settings: their own choices over the company defaults, and the capacity of their work settings. */
export const scheduleSettingsSchema = scheduleDefaultsSchema.extend({
  userId: z.string(),
  /** From the user's work settings (PATCH /users/{id}/work-settings, /me/work-settings). */
  dailyCapacity: z.number().int(),
  /** Which settings the user set (the others follow the company defaults). */
  own: z.array(z.enum(['groupOrder', 'hotThreshold'])),
});
export type ScheduleSettingsView = z.infer<typeof scheduleSettingsSchema>;

/** Changes of a user's own settings; null returns a setting to the company default. */
export const scheduleSettingsUpdate = z.strictObject({
  groupOrder: groupOrder.nullable().optional(),
  customersBeforeHot: z.boolean().optional(),
  hotThreshold: hotThreshold.nullable().optional(),
});
export type ScheduleSettingsUpdate = z.output<typeof scheduleSettingsUpdate>;
