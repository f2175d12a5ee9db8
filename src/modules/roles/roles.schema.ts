import { z } from 'zod';
import { actions, permissionsSchema, resources, scopes } from '../../platform/access/permissions.js';

export const roleResponse = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  permissions: permissionsSchema,
  isSystem: z.boolean(),
  userCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RoleDto = z.infer<typeof roleResponse>;

export const roleList = z.object({ items: z.array(roleResponse) });

/** What the permission matrix of the role editor is made of. */
export const permissionCatalog = z.object({
  resources: z.array(z.enum(resources)),
  actions: z.array(z.enum(actions)),
  scopes: z.array(z.enum(scopes)),
});

const name = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

export const createRoleRequest = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,49}$/, 'must be 2-50 lower-case latin letters, digits or _, starting with a letter'),
  name,
  permissions: permissionsSchema,
});
export type CreateRoleInput = z.infer<typeof createRoleRequest>;

export const updateRoleRequest = z.strictObject({
  name: name.optional(),
  permissions: permissionsSchema.optional(),
});
export type UpdateRoleInput = z.infer<typeof updateRoleRequest>;
