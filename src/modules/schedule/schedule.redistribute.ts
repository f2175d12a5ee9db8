import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { bumpFieldVersions } from '../../shared/field-versions.js';
import { zonedReader } from '../../shared/zoned.js';
import { scheduleReminder } from '../reminders/index.js';
import * as repo from './schedule.repository.js';
import type { RedistributeInput } from './schedule.schema.js';

/**
 * Moves open activities of one manager to another in one transaction: every activity must still be open,
 * the giver's and of the version read (else 409 naming the changed ones). A promise keeps its instant (the
 * client waits for the call at the promised moment) and reads in the new owner's time zone; its pending
 * reminder goes to the new owner. Each move bumps the activity's version and field versions and is audited.
 */
export async function redistribute(db: Db, actor: Actor, input: RedistributeInput, timeZone: string): Promise<{ moved: number }> {
  const changed = (ids: string[]) =>
    new AppError('schedule.activities_changed', 409, 'Some activities were completed, moved or edited since they were read', { changed: ids });
  const read = zonedReader(timeZone);
  return db.transaction().execute(async (trx) => {
    const ids = input.activities.map((a) => a.id);
    const rows = new Map((await repo.openActivitiesOf(trx, input.fromUserId, ids)).map((r) => [r.id, r]));
    const stale = input.activities.filter((a) => rows.get(a.id)?.version !== a.version).map((a) => a.id);
    if (stale.length) throw changed(stale);
    const contacts = new Map<string, string[]>();
    for (const c of await repo.activityContacts(trx, ids)) contacts.set(c.activity_id, [...(contacts.get(c.activity_id) ?? []), c.full_name]);
    const now = nowIso();
    for (const { id, version } of input.activities) {
      const row = rows.get(id)!;
      const planned = row.planned_at ? read(row.planned_at) : null;
      const before = { ownerId: input.fromUserId, plannedDate: row.planned_date, plannedTime: row.planned_time };
      const after = { ownerId: input.toUserId, plannedDate: planned?.date ?? row.planned_date, plannedTime: planned?.time ?? row.planned_time };
      const changes = diff(before, after);
      const fieldVersions = bumpFieldVersions(row.field_versions, changes.map((c) => c.field), version + 1);
      if (!(await repo.setOwner(trx, { id, version, ownerId: input.toUserId, planned, fieldVersions, now }))) throw changed([id]);
      await writeAudit(trx, actor, 'activity', id, 'update', changes);
      if (row.planned_at) {
        const names = contacts.get(id) ?? [];
        await scheduleReminder(trx, {
          userId: input.toUserId,
          entity: 'activity',
          entityId: id,
          dueAt: row.planned_at,
          title: row.subject ?? row.company_name ?? names[0] ?? row.type,
          body: [row.company_name, names.join(', ')].filter(Boolean).join(' - ') || null,
          link: `/activities/${id}`,
        });
      }
    }
    return { moved: input.activities.length };
  });
}
