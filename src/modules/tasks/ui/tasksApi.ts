import type { QueryClient } from '@tanstack/react-query';
import { patch } from '../../../web/api.js';
import type { ChecklistItem, Task } from '../tasks.schema.js';

/** API paths of the tasks UI. */
export const taskPaths = {
  list: '/tasks',
  one: (id: string) => `/tasks/${id}`,
  item: (id: string, itemId: string) => `/tasks/${id}/checklist/${itemId}`,
};

/** Every cached list of tasks lives under ['tasks']. */
export const refreshTasks = (qc: QueryClient) => qc.invalidateQueries({ queryKey: ['tasks'] });

/** Replaces a task's checklist (adding, renaming, removing items); answers the saved task. */
export const saveChecklist = (task: Pick<Task, 'id' | 'version'>, checklist: ChecklistItem[]) =>
  patch<Task>(taskPaths.one(task.id), { version: task.version, checklist: checklist.map(({ id, text, done }) => ({ ...(id && { id }), text, done })) });

/** Ticks or unticks one item (no version: items are addressed by id). */
export const toggleItem = (task: Pick<Task, 'id'>, itemId: string, done: boolean) => patch<Task>(taskPaths.item(task.id, itemId), { done });

/** Completes or reopens a task. */
export const setStatus = (task: Pick<Task, 'id' | 'version'>, status: Task['status']) => patch<Task>(taskPaths.one(task.id), { version: task.version, status });

export const priorityColors: Record<Task['priority'], string> = { low: 'gray', normal: 'blue', high: 'red' };
