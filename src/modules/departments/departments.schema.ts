import { z } from 'zod';

export const departmentResponse = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  /** Users directly in this department (not in its sub-departments). */
  userCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DepartmentDto = z.infer<typeof departmentResponse>;

/** The whole tree as a flat list; the client nests it by parentId. */
export const departmentList = z.object({ items: z.array(departmentResponse) });

const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const parentId = z.uuid({ message: 'must be a valid id' }).nullable();

export const createDepartmentRequest = z.strictObject({ name, parentId: parentId.optional() });
export type CreateDepartmentInput = z.infer<typeof createDepartmentRequest>;

export const updateDepartmentRequest = z.strictObject({ name: name.optional(), parentId: parentId.optional() });
export type UpdateDepartmentInput = z.infer<typeof updateDepartmentRequest>;
