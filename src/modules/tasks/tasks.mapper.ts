import { zonedToUtc } from '../../shared/zoned.js';
import type { TaskRow } from './tasks.repository.js';
import type { ChecklistItem, Task, TaskPriority, TaskStatus } from './tasks.schema.js';

/** Rows to API objects, the audited snapshot of a task and its derived columns. */

export const priorityRank: Record<TaskPriority, number> = { low: 0, normal: 1, high: 2 };
/** The due key of a task without a due date: after every dated one. */
export const NO_DUE = '9999-12-31';

export function toTask(r: TaskRow): Task {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    delegated: r.created_by !== null && r.created_by !== r.assignee_id,
    dueDate: r.due_date,
    dueTime: r.due_time,
    dueAt: r.due_at,
    priority: r.priority as TaskPriority,
    status: r.status as TaskStatus,
    doneAt: r.done_at,
    checklist: JSON.parse(r.checklist) as ChecklistItem[],
    companyId: r.company_id,
    companyName: r.company_name,
    contactId: r.contact_id,
    contactName: r.contact_name,
    dealId: r.deal_id,
    dealTitle: r.deal_title,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The audited state of a task: what its history compares field by field and version conflicts name. */
export function snapshot(t: Task) {
  return {
    title: t.title,
    description: t.description,
    assigneeId: t.assigneeId,
    dueDate: t.dueDate,
    dueTime: t.dueTime,
    dueAt: t.dueAt,
    priority: t.priority,
    status: t.status,
    doneAt: t.doneAt,
    checklist: t.checklist,
    companyId: t.companyId,
    contactId: t.contactId,
    dealId: t.dealId,
  };
}

/** Due columns: the assignee's local date and time, the UTC moment of a timed task and the sort key. */
export function dueColumns(date: string | null, time: string | null, timeZone: string) {
  return {
    due_date: date,
    due_time: date ? time : null,
    due_at: date && time ? zonedToUtc(date, time, timeZone) : null,
    due_key: date ? (time ? `${date} ${time}` : date) : NO_DUE,
  };
}
