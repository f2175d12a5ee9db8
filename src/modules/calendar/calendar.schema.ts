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
