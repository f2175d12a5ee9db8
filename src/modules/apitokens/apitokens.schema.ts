import { z } from 'zod';

export const apiTokenResponse = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the token, to tell tokens apart. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenDto = z.infer<typeof apiTokenResponse>;

export const apiTokenList = z.object({ items: z.array(apiTokenResponse) });

/** Only the create response carries the token itself; it is not stored and cannot be shown again. */
export const createdApiToken = apiTokenResponse.extend({ token: z.string() });

export const createApiTokenRequest = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
});
