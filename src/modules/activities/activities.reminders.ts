import type { Executor } from '../../platform/db/database.js';
import { cancelReminders, scheduleReminder } from '../reminders/index.js';
import type { Activity } from './activities.schema.js';

/**
 * Keeps an activity's reminder in step with it, in the caller's transaction: an open promise (an exact time)
 * gets one before its time; anything else (done, untimed, deleted) has none pending.
 */
export async function syncReminder(trx: Executor, a: Activity | null, id: string): Promise<void> {
  if (!a || a.status !== 'open' || !a.plannedAt) {
    await cancelReminders(trx, 'activity', id);
    return;
  }
  await scheduleReminder(trx, {
    userId: a.ownerId,
    entity: 'activity',
    entityId: a.id,
    dueAt: a.plannedAt,
    title: a.subject ?? a.companyName ?? a.contacts[0]?.fullName ?? a.type,
    body: [a.companyName, a.contacts.map((c) => c.fullName).join(', ')].filter(Boolean).join(' - ') || null,
    link: `/activities/${a.id}`,
  });
}
