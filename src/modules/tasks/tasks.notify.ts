import type { Principal } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/database.js';
import { cancelReminders, notify, scheduleReminder } from '../reminders/index.js';
import type { Task } from './tasks.schema.js';

/** Reminders and notifications of tasks, in the caller's transaction. */

/** An open task with a due time gets a reminder for its assignee before it; any other has none pending. */
export async function syncReminder(trx: Executor, t: Task | null, id: string): Promise<void> {
  if (!t || t.status !== 'open' || !t.dueAt) {
    await cancelReminders(trx, 'task', id);
    return;
  }
  await scheduleReminder(trx, {
    userId: t.assigneeId,
    entity: 'task',
    entityId: t.id,
    dueAt: t.dueAt,
    title: t.title,
    body: t.companyName ?? t.contactName ?? null,
    link: `/tasks/${t.id}`,
  });
}

/** Tells the assignee about a task someone else gave them. */
export async function notifyAssigned(trx: Executor, p: Principal, t: Task): Promise<void> {
  if (t.assigneeId === p.id) return;
  await notify(trx, { userId: t.assigneeId, kind: 'task.assigned', title: t.title, body: p.name, link: `/tasks/${t.id}`, entity: 'task', entityId: t.id });
}
