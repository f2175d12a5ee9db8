import { z } from 'zod';

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z
      .object({ fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional() })
      .catchall(z.unknown())
      .optional(),
  }),
});

const err = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });

/** The error responses every API route may give, for the OpenAPI document. */
export const errorResponses = {
  400: err('Malformed request'),
  401: err('Not signed in'),
  403: err('Not permitted'),
  404: err('Not found'),
  409: err('Conflict (duplicate or concurrent change)'),
  413: err('Body too large'),
  422: err('Invalid input; details.fields names each field and the reason'),
} as const;

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const idParam = z.object({ id: z.uuid({ message: 'must be a valid id' }) });
