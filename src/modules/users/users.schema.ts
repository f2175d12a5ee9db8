import { z } from 'zod';
import { accentColors, locales, passwordRule, themes } from './auth.schema.js';

/** A user as the admin screens and owner pickers see it. */
export const userResponse = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  roleName: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  locale: z.enum(locales),
  theme: z.enum(themes),
  accentColor: z.enum(accentColors),
  timeZone: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userResponse>;

export const userSorts = ['name', '-name', 'email', '-email', 'createdAt', '-createdAt'] as const;
export type UserSort = (typeof userSorts)[number];

const id = z.uuid({ message: 'must be a valid id' });
const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const roleKey = z.string().trim().min(1, 'is required').max(50);

export const listUsersQuery = z.object({
  q: z.string().trim().max(200).optional(),
  roleKey: roleKey.optional(),
  departmentId: id.optional(),
  active: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  sort: z.enum(userSorts).default('name'),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const createUserRequest = z.strictObject({
  email: z.email({ message: 'must be an e-mail address' }).max(254),
  name,
  password: passwordRule,
  roleKey,
  departmentId: id.nullable().optional(),
  locale: z.enum(locales).optional(),
});
export type CreateUserInput = z.infer<typeof createUserRequest>;

export const updateUserRequest = z.strictObject({
  name: name.optional(),
  roleKey: roleKey.optional(),
  departmentId: id.nullable().optional(),
  isActive: z.boolean().optional(),
  locale: z.enum(locales).optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserRequest>;

export const resetPasswordRequest = z.strictObject({ password: passwordRule });
