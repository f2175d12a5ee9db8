import type { Principal } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/database.js';
import { notify, syncReminder as sync } from '../reminders/index.js';
import type { Task } from './tasks.schema.js';

/** Reminders and notifications of tasks, in the caller's transaction. */

/** An open task with a due time gets a reminder for its assignee before it; any other has none pending. */
export async function syncReminder(trx: Executor, t: Task | null, id: string): Promise<void> {
  const due = t && t.status === 'open' && t.dueAt ? { ...t, dueAt: t.dueAt } : null;
  await sync(trx, 'task', id, due && { userId: due.assigneeId, dueAt: due.dueAt, title: due.title, body: due.companyName ?? due.contactName ?? null, link: `/tasks/${id}` });
}

/** Tells the assignee about a task someone else gave them. */
export async function notifyAssigned(trx: Executor, p: Principal, t: Task): Promise<void> {
  if (t.assigneeId === p.id) return;
  await notify(trx, { userId: t.assigneeId, kind: 'task.assigned', title: t.title, body: p.name, link: `/tasks/${t.id}`, entity: 'task', entityId: t.id });
}
