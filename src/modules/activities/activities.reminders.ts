import type { Executor } from '../../platform/db/database.js';
import { syncReminder as sync } from '../reminders/index.js';
import type { Activity } from './activities.schema.js';

/**
 * Keeps an activity's reminder in step with it, in the caller's transaction: an open promise (an exact time)
 * gets one before its time; anything else (done, untimed, deleted) has none pending.
 */
export async function syncReminder(trx: Executor, a: Activity | null, id: string): Promise<void> {
  const promised = a && a.status === 'open' && a.plannedAt ? { ...a, plannedAt: a.plannedAt } : null;
  await sync(
    trx,
    'activity',
    id,
    promised && {
      userId: promised.ownerId,
      dueAt: promised.plannedAt,
      title: promised.subject ?? promised.companyName ?? promised.contacts[0]?.fullName ?? promised.type,
      body: [promised.companyName, promised.contacts.map((c) => c.fullName).join(', ')].filter(Boolean).join(' - ') || null,
      link: `/activities/${id}`,
    },
  );
}
