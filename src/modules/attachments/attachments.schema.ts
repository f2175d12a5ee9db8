import { z } from 'zod';

/** Contracts of the attachments API: files attached to companies and contacts. */

export const attachmentEntities = ['company', 'contact'] as const;
export type AttachmentEntity = (typeof attachmentEntities)[number];

export const attachmentOwnerParams = z.object({
  entity: z.enum(attachmentEntities),
  entityId: z.uuid({ message: 'must be a valid id' }),
});

export const attachmentSchema = z.object({
  id: z.string(),
  entity: z.enum(attachmentEntities),
  entityId: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentPage = z.object({ items: z.array(attachmentSchema), nextCursor: z.string().nullable() });
