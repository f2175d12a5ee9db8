import { z } from 'zod';

/** Contracts of the private iCal feed: a secret URL calendar apps subscribe to. Imported by the server and the UI. */

export const calendarFeedSchema = z.object({
  /** Whether the user has a feed token (the token itself is shown only when created or rotated). */
  enabled: z.boolean(),
  createdAt: z.string().nullable(),
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;

export const calendarFeedCreated = z.object({
  /** Subscribe URL with the private token; shown once. */
  url: z.string(),
  token: z.string(),
  createdAt: z.string(),
});
export type CalendarFeedCreated = z.infer<typeof calendarFeedCreated>;

const id = () => z.uuid({ message: 'must be a valid id' });
const localDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

export const calendarViews = ['day', 'week', 'month'] as const;
export type CalendarView = (typeof calendarViews)[number];
/** The longest range one request may ask for (a month view with the weeks around it fits). */
export const CALENDAR_MAX_DAYS = 62;

/**
 * A calendar range: `view` + `date` (the day, the Monday-based week or the month containing it), or an explicit
 * `from`..`to` (inclusive); dates are in the viewer's time zone (`timeZone`, default the viewer's profile zone).
 * Whose: `userId` (default me) or `departmentId` (its members and sub-departments' that the viewer may see).
 * Items: activities other than notes, open and done, and tasks with a due date.
 */
export const calendarQuery = z
  .strictObject({
    view: z.enum(calendarViews).optional(),
    date: localDate.optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    userId: id().optional(),
    departmentId: id().optional(),
    timeZone: z.string().min(1).max(64).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.userId && q.departmentId) {
      ctx.addIssue({ code: 'custom', path: ['departmentId'], message: 'give userId or departmentId, not both', params: { code: 'calendar.one_target' } });
    }
    if (q.view ? q.from || q.to : !(q.from && q.to)) {
      ctx.addIssue({ code: 'custom', path: [q.view ? 'from' : 'to'], message: 'give view (with date) or from and to', params: { code: 'calendar.range_required' } });
    }
  });
export type CalendarQuery = z.output<typeof calendarQuery>;

export const calendarItemSchema = z.object({
  /** Unique in the response: `${kind}:${id}`. */
  key: z.string(),
  kind: z.enum(['activity', 'task']),
  id: z.string(),
  /** Activities: call, meeting...; tasks: null. */
  type: z.string().nullable(),
  /** Activities: the subject (may be null); tasks: the title. */
  title: z.string().nullable(),
  status: z.enum(['open', 'done']),
  /** The activity's owner or the task's assignee. */
  userId: z.string(),
  userName: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  dealId: z.string().nullable(),
  /** No exact time: shown on its date all day. */
  allDay: z.boolean(),
  /** The day it is shown on, in the viewer's time zone. */
  date: z.string(),
  /** Start time HH:MM in the viewer's time zone; null all day. */
  time: z.string().nullable(),
  /** UTC start and end; null all day. */
  startAt: z.string().nullable(),
  endAt: z.string().nullable(),
  /** Open and its day or time has passed. */
  overdue: z.boolean(),
  /** Tasks: low | normal | high. */
  priority: z.string().nullable(),
  /** For the reschedule PATCH (activities) or task update. */
  version: z.number().int(),
});
export type CalendarItem = z.infer<typeof calendarItemSchema>;

export const calendarRange = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  /** Whose calendar this is (one user, or the department members the viewer may see), by name. */
  users: z.array(z.object({ id: z.string(), name: z.string() })),
  /** By date, then all-day first, then time. */
  items: z.array(calendarItemSchema),
  /** More items than one response carries (some are left out): narrow the range or pick fewer users. */
  truncated: z.boolean(),
});
export type CalendarRange = z.infer<typeof calendarRange>;
