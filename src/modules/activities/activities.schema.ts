import { z } from 'zod';

/**
 * Contracts of the activities API: calls, meetings, letters, claims... planned for a day (optionally at an
 * exact time: "a promise") and completed with a result and a next step. Imported by the server and the UI.
 *
 * Times: plannedDate/plannedTime are the owner's local calendar date and wall-clock time (the owner's time
 * zone); plannedAt is the same moment in UTC (ISO) when a time is set. doneAt, createdAt... are UTC ISO.
 */

export const activityTypes = ['call', 'meeting', 'email', 'letter', 'proposal', 'mailing', 'claim', 'note'] as const;
export type ActivityType = (typeof activityTypes)[number];
export const callDirections = ['in', 'out'] as const;
export type CallDirection = (typeof callDirections)[number];
export const callResults = ['answered', 'no_answer', 'busy', 'failed', 'voicemail', 'wrong_number'] as const;
export type CallResult = (typeof callResults)[number];
export const claimStatuses = ['open', 'resolved'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];
/** open: planned, not done yet; done: completed (or logged after the fact). */
export const activityStatuses = ['open', 'done'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];
export const activitySorts = ['planned', '-planned', 'doneAt', '-doneAt', '-createdAt'] as const;
export type ActivitySort = (typeof activitySorts)[number];

const id = () => z.uuid({ message: 'must be a valid id' });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullable()
    .optional()
    .transform((s) => (s === undefined ? undefined : s || null));
export const localDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
/** Wall-clock time HH:MM (24 h) in the owner's time zone. */
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
const contactIds = z
  .array(id())
  .max(50, 'at most 50 contacts')
  .transform((xs) => [...new Set(xs)]);
const durationSec = z.number().int('must be a whole number').min(0, 'must not be negative').max(7 * 86400, 'is too large');

export const activityInput = z.strictObject({
  type: z.enum(activityTypes),
  /** Calls only: incoming or outgoing (default out). */
  direction: z.enum(callDirections).optional(),
  companyId: id().nullable().optional(),
  dealId: id().nullable().optional(),
  contactIds: contactIds.optional(),
  /** Default: the signed-in user. */
  ownerId: id().optional(),
  /** Required unless the activity is logged as done (done: true, or a note). */
  plannedDate: localDate.nullable().optional(),
  /** An exact time is a promise to the client; needs plannedDate. */
  plannedTime: localTime.nullable().optional(),
  subject: optionalText(500),
  notes: optionalText(10000),
  /** Log an activity that already happened (notes are always logged as done). */
  done: z.boolean().optional(),
  /** With done: when it happened (default now). */
  doneAt: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
  result: optionalText(5000),
  callResult: z.enum(callResults).nullable().optional(),
  durationSec: durationSec.nullable().optional(),
  /** Claims only (default open). */
  claimStatus: z.enum(claimStatuses).optional(),
});
export type ActivityInput = z.output<typeof activityInput>;

/** Partial update of an activity; plannedDate/plannedTime reschedule it (drag in the calendar). */
export const activityUpdate = activityInput
  .omit({ type: true, done: true })
  .partial()
  .extend({
    /** The version read; a stale one gets 409 activity.version_conflict. */
    version: z.number().int().positive(),
    type: z.enum(activityTypes).optional(),
  });
export type ActivityUpdate = z.output<typeof activityUpdate>;

/**
 * The next step chosen when completing an activity: either a planned activity, or an explicit refusal
 * `{ none: true, reason? }`. Sent as one object so errors name the exact field (nextStep.plannedDate).
 */
export const nextStepInput = z
  .strictObject({
    none: z.literal(true).optional(),
    reason: optionalText(1000),
    type: z.enum(activityTypes).optional(),
    direction: z.enum(callDirections).optional(),
    plannedDate: localDate.optional(),
    plannedTime: localTime.nullable().optional(),
    subject: optionalText(500),
    notes: optionalText(10000),
    /** Default: the completed activity's owner. */
    ownerId: id().optional(),
    /** Default: the completed activity's contacts. */
    contactIds: contactIds.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.none) {
      for (const k of ['type', 'plannedDate', 'plannedTime', 'subject', 'notes', 'ownerId', 'contactIds'] as const) {
        if (v[k] !== undefined && v[k] !== null) {
          ctx.addIssue({ code: 'custom', path: [k], message: 'must be empty when there is no next step', params: { code: 'activity.next_step_conflict' } });
        }
      }
      return;
    }
    if (!v.type) ctx.addIssue({ code: 'custom', path: ['type'], message: 'is required', params: { code: 'activity.next_step_type_required' } });
    if (!v.plannedDate) {
      ctx.addIssue({ code: 'custom', path: ['plannedDate'], message: 'is required', params: { code: 'activity.next_step_date_required' } });
    }
  });
export type NextStepInput = z.output<typeof nextStepInput>;

export const activityComplete = z.strictObject({
  /** The version read (optional); a stale one gets 409 activity.version_conflict. */
  version: z.number().int().positive().optional(),
  result: optionalText(5000),
  callResult: z.enum(callResults).nullable().optional(),
  durationSec: durationSec.nullable().optional(),
  /** Claims: resolved closes the claim. */
  claimStatus: z.enum(claimStatuses).optional(),
  /** When it happened (default now). */
  doneAt: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
  /** Required: the next step, or `{ none: true }` as a conscious choice. */
  nextStep: nextStepInput.optional(),
});
export type ActivityComplete = z.output<typeof activityComplete>;

export const activityContactSchema = z.object({ id: z.string(), fullName: z.string() });

export const activitySchema = z.object({
  id: z.string(),
  type: z.enum(activityTypes),
  direction: z.enum(callDirections).nullable(),
  status: z.enum(activityStatuses),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  dealId: z.string().nullable(),
  dealTitle: z.string().nullable(),
  contacts: z.array(activityContactSchema),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  plannedDate: z.string().nullable(),
  plannedTime: z.string().nullable(),
  /** UTC moment of plannedDate + plannedTime in the owner's time zone; null without a time. */
  plannedAt: z.string().nullable(),
  /** True when plannedTime is set. */
  isPromise: z.boolean(),
  doneAt: z.string().nullable(),
  result: z.string().nullable(),
  callResult: z.enum(callResults).nullable(),
  durationSec: z.number().int().nullable(),
  claimStatus: z.enum(claimStatuses).nullable(),
  subject: z.string().nullable(),
  notes: z.string().nullable(),
  /** Completed with an explicit "no next step". */
  nextStepDeclined: z.boolean(),
  nextStepReason: z.string().nullable(),
  /** The activity whose completion planned this one. */
  previousId: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;

export const activityCompleteResult = z.object({
  activity: activitySchema,
  /** The planned next step; null when none was chosen. */
  next: activitySchema.nullable(),
});
export type ActivityCompleteResult = z.infer<typeof activityCompleteResult>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const activityListQuery = z.strictObject({
  ownerId: id().optional(),
  /** Activities of the members of the department and its sub-departments. */
  departmentId: id().optional(),
  companyId: id().optional(),
  dealId: id().optional(),
  contactId: id().optional(),
  /** One type or several, comma-separated: call,meeting. */
  type: csv(activityTypes).optional(),
  status: z.enum(activityStatuses).optional(),
  /** Planned date range (inclusive), for open and done activities alike. */
  from: localDate.optional(),
  to: localDate.optional(),
  /** Only promises (an exact time set). */
  promises: z.enum(['true', 'false']).transform((s) => s === 'true').optional(),
  /**
   * true: only open activities that are late - a promise whose time has passed, or an untimed one planned for
   * a day before today (today in the signed-in user's time zone); false: all others.
   */
  overdue: z.enum(['true', 'false']).transform((s) => s === 'true').optional(),
  sort: z.enum(activitySorts).default('planned'),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type ActivityListQuery = z.output<typeof activityListQuery>;
export const activityPage = z.object({ items: z.array(activitySchema), nextCursor: z.string().nullable() });
export type ActivityPage = z.infer<typeof activityPage>;

export const activityHistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type ActivityHistoryQuery = z.output<typeof activityHistoryQuery>;
/** One audited change of an activity (create, update, complete, delete; old and new values as text). */
export const activityHistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
export const activityHistoryPage = z.object({ items: z.array(activityHistoryEntry), nextCursor: z.string().nullable() });
export type ActivityHistoryPage = z.infer<typeof activityHistoryPage>;

/** Company timeline: activities, deal stage changes, documents and field changes, newest first. */
export const timelineKinds = ['activity', 'stage_change', 'document', 'field_change'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineQuery = z.strictObject({
  /** Kinds to include, comma-separated (default all). */
  types: csv(timelineKinds).optional(),
  /** Activity types to include when activities are shown, comma-separated. */
  activityTypes: csv(activityTypes).optional(),
  /** Cursor from the previous page (items strictly older). */
  before: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
});
export type TimelineQuery = z.output<typeof timelineQuery>;

export const timelineItemSchema = z.object({
  /** Unique within the timeline: `${kind}:${id}`. */
  key: z.string(),
  kind: z.enum(timelineKinds),
  /** UTC moment the item is placed at: an activity's done (or planned/created) time, a change's time. */
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  activity: activitySchema.optional(),
  stageChange: z
    .object({
      dealId: z.string(),
      dealTitle: z.string(),
      fromStageId: z.string().nullable(),
      fromStageName: z.string().nullable(),
      toStageId: z.string(),
      toStageName: z.string(),
    })
    .optional(),
  document: z
    .object({
      id: z.string(),
      dealId: z.string(),
      dealTitle: z.string(),
      kind: z.string(),
      number: z.string(),
      status: z.string(),
      gross: z.number().int(),
      currency: z.string(),
    })
    .optional(),
  fieldChange: z
    .object({ action: z.string(), field: z.string().nullable(), oldValue: z.string().nullable(), newValue: z.string().nullable() })
    .optional(),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;
export const timelinePage = z.object({
  items: z.array(timelineItemSchema),
  /** Pass as `before` for the next (older) page. */
  nextCursor: z.string().nullable(),
});
export type TimelinePage = z.infer<typeof timelinePage>;
