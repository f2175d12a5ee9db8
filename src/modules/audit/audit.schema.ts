import { z } from 'zod';

/** One audit row: who changed which field of which record, and how. */
export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

const id = z.uuid({ message: 'must be a valid id' });

export const auditQuery = z.object({
  entity: z.string().regex(/^[a-z_]{1,50}$/, 'must be an entity name like company or user').optional(),
  entityId: id.optional(),
  userId: id.optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;
