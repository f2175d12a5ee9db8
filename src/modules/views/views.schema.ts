import { z } from 'zod';

/** Contracts of saved list views (filters + sort of the companies / contacts lists). */

export const viewEntities = ['companies', 'contacts'] as const;
export type ViewEntity = (typeof viewEntities)[number];

const name = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
/** The list query as the UI uses it (filters and sort); kept as an opaque JSON object. */
const query = z
  .record(z.string().max(100), z.unknown())
  .refine((q) => JSON.stringify(q).length <= 10_000, { message: 'must be at most 10000 characters as JSON' });

export const createViewRequest = z.strictObject({
  entity: z.enum(viewEntities),
  name,
  query,
  isShared: z.boolean().default(false),
});
export type CreateViewRequest = z.input<typeof createViewRequest>;

export const updateViewRequest = z.strictObject({
  name: name.optional(),
  query: query.optional(),
  isShared: z.boolean().optional(),
});
export type UpdateViewRequest = z.input<typeof updateViewRequest>;

export const viewListQuery = z.strictObject({ entity: z.enum(viewEntities) });

export const viewSchema = z.object({
  id: z.string(),
  entity: z.enum(viewEntities),
  name: z.string(),
  query: z.record(z.string(), z.unknown()),
  isShared: z.boolean(),
  userId: z.string(),
  userName: z.string().nullable(),
  /** Whether the caller owns the view (may rename, change or delete it). */
  isMine: z.boolean(),
  createdAt: z.string(),
});
export type SavedView = z.infer<typeof viewSchema>;

export const viewPage = z.object({ items: z.array(viewSchema), nextCursor: z.string().nullable() });
