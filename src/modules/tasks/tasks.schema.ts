import { z } from 'zod';

/**
 * Contracts of the tasks API: to-dos with an assignee, a due date (optionally a time in the assignee's time
 * zone), a priority, a checklist and links to a company, a contact and a deal. A task created for someone
 * else is delegated: its creator keeps seeing it. Imported by the server and the UI.
 */

export const taskPriorities = ['low', 'normal', 'high'] as const;
export type TaskPriority = (typeof taskPriorities)[number];
export const taskStatuses = ['open', 'done'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
/** mine: assigned to me; delegated: created by me for others; all: everything the scope allows. */
export const taskViews = ['mine', 'delegated', 'all'] as const;
export type TaskView = (typeof taskViews)[number];
export const taskSorts = ['due', '-due', '-createdAt', 'createdAt', '-priority'] as const;
export type TaskSort = (typeof taskSorts)[number];

const id = () => z.uuid({ message: 'must be a valid id' });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullable()
    .optional()
    .transform((s) => (s === undefined ? undefined : s || null));
const localDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

export const checklistItemInput = z.strictObject({
  /** Keep the id of an existing item; new items get one. */
  id: z.string().min(1).max(40).optional(),
  text: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
  done: z.boolean().default(false),
});
export const checklistItemSchema = z.object({ id: z.string(), text: z.string(), done: z.boolean() });
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

const editable = {
  title: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
  description: optionalText(10000),
  /** Default: the signed-in user. Someone else: the task is delegated. */
  assigneeId: id().optional(),
  dueDate: localDate.nullable().optional(),
  /** Needs dueDate; a reminder fires before it. */
  dueTime: localTime.nullable().optional(),
  priority: z.enum(taskPriorities).optional(),
  checklist: z.array(checklistItemInput).max(100, 'at most 100 items').optional(),
  companyId: id().nullable().optional(),
  contactId: id().nullable().optional(),
  dealId: id().nullable().optional(),
};

export const taskInput = z.strictObject(editable);
export type TaskInput = z.output<typeof taskInput>;

export const taskUpdate = z.strictObject({
  /** The version read; a stale one gets 409 task.version_conflict. */
  version: z.number().int().positive(),
  ...editable,
  title: editable.title.optional(),
  status: z.enum(taskStatuses).optional(),
});
export type TaskUpdate = z.output<typeof taskUpdate>;

/** Ticks or unticks one checklist item (no version needed: items are addressed by id). */
export const checklistToggle = z.strictObject({ done: z.boolean() });
export const checklistItemParams = z.object({ id: id(), itemId: z.string().min(1).max(40) });

export const taskSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  assigneeId: z.string(),
  assigneeName: z.string().nullable(),
  /** The delegator (who created the task). */
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  /** Created by someone other than the assignee. */
  delegated: z.boolean(),
  dueDate: z.string().nullable(),
  dueTime: z.string().nullable(),
  /** UTC moment of dueDate + dueTime in the assignee's time zone; null without a time. */
  dueAt: z.string().nullable(),
  priority: z.enum(taskPriorities),
  status: z.enum(taskStatuses),
  doneAt: z.string().nullable(),
  checklist: z.array(checklistItemSchema),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  dealId: z.string().nullable(),
  dealTitle: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof taskSchema>;

export const taskListQuery = z.strictObject({
  view: z.enum(taskViews).default('all'),
  assigneeId: id().optional(),
  /** Tasks of the members of the department and its sub-departments. */
  departmentId: id().optional(),
  status: z.enum(taskStatuses).optional(),
  priority: z.enum(taskPriorities).optional(),
  companyId: id().optional(),
  contactId: id().optional(),
  dealId: id().optional(),
  /** Due date range, inclusive. */
  dueFrom: localDate.optional(),
  dueTo: localDate.optional(),
  sort: z.enum(taskSorts).default('due'),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
});
export type TaskListQuery = z.output<typeof taskListQuery>;
export const taskPage = z.object({ items: z.array(taskSchema), nextCursor: z.string().nullable() });
export type TaskPage = z.infer<typeof taskPage>;
