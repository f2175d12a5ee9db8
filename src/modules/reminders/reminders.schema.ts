import { z } from 'zod';

/**
 * Contracts of in-app notifications (reminders of promises and timed tasks, task assignments). New ones are
 * also pushed live over GET /notifications/stream (server-sent events: event `notification`, data = one
 * notificationSchema JSON; event `ping` every few seconds). Imported by the server and the UI.
 */

export const notificationKinds = ['reminder.activity', 'reminder.task', 'task.assigned'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  /** SPA path to open, e.g. /activities/{id}. */
  link: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuery = z.strictObject({
  unread: z.enum(['true', 'false']).transform((s) => s === 'true').optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type NotificationListQuery = z.output<typeof notificationListQuery>;

export const notificationPage = z.object({
  items: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});
export type NotificationPage = z.infer<typeof notificationPage>;

/** Marks the given notifications read, or all of the user's with `all: true`. */
export const markReadInput = z
  .strictObject({
    ids: z.array(z.uuid({ message: 'must be a valid id' })).min(1).max(500).optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => !!v.ids !== !!v.all, { message: 'give ids or all: true', params: { code: 'notification.mark_target' } });
export type MarkReadInput = z.output<typeof markReadInput>;
export const markReadResult = z.object({ updated: z.number().int(), unreadCount: z.number().int() });
