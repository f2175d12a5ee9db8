import { nowIso, type Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import type { NotificationKind } from './reminders.schema.js';
import * as repo from './reminders.repository.js';

/** Minutes before the event a reminder fires when the user has no work settings. */
const DEFAULT_REMINDER_MINUTES = 15;

export type ReminderEntity = 'activity' | 'task';

export interface ReminderInput {
  userId: string;
  entity: ReminderEntity;
  entityId: string;
  /** UTC ISO moment of the event (a promised call, a timed task). */
  dueAt: string;
  title: string;
  body?: string | null;
  /** SPA path the notification opens, e.g. /activities/{id}. */
  link: string | null;
  /** Default: the user's work setting (15 when none). */
  minutesBefore?: number;
}

/**
 * Plans the reminder of an entity, replacing its pending ones: call it in the transaction that creates or
 * reschedules the entity. It fires `minutesBefore` the event (at once when that moment has passed but the
 * event has not); an event already past gets no reminder. Returns when it fires, or null.
 */
export async function scheduleReminder(trx: Executor, input: ReminderInput, now = nowIso()): Promise<string | null> {
  await repo.deletePending(trx, input.entity, input.entityId);
  const due = Date.parse(input.dueAt);
  if (!(due > Date.parse(now))) return null;
  const minutes = input.minutesBefore ?? (await repo.reminderMinutes(trx, input.userId)) ?? DEFAULT_REMINDER_MINUTES;
  const fireAt = new Date(Math.max(due - minutes * 60_000, Date.parse(now))).toISOString();
  await repo.insertReminder(trx, {
    id: newId(),
    user_id: input.userId,
    entity: input.entity,
    entity_id: input.entityId,
    fire_at: fireAt,
    channel: 'in_app',
    attempts: 0,
    title: input.title,
    body: input.body ?? null,
    link: input.link,
    created_at: now,
  });
  return fireAt;
}

/** Drops the entity's reminders that have not fired yet: call it when the entity is done, deleted or unscheduled. */
export async function cancelReminders(trx: Executor, entity: ReminderEntity, entityId: string): Promise<void> {
  await repo.deletePending(trx, entity, entityId);
}

/**
 * Keeps an entity's reminder in step with it, in the caller's transaction: with a reminder (the entity is open and
 * has a time) it is planned anew, without one (done, untimed, deleted) nothing stays pending.
 */
export async function syncReminder(
  trx: Executor,
  entity: ReminderEntity,
  entityId: string,
  reminder: Omit<ReminderInput, 'entity' | 'entityId'> | null,
): Promise<void> {
  if (reminder) await scheduleReminder(trx, { ...reminder, entity, entityId });
  else await cancelReminders(trx, entity, entityId);
}

export interface NotifyInput {
  userId: string;
  kind: NotificationKind;
  title: string;
  body?: string | null;
  link: string | null;
  entity?: string | null;
  entityId?: string | null;
}

/**
 * An in-app notification now (e.g. a task assigned to someone), in the caller's transaction; the user's
 * open live streams receive it once it is committed.
 */
export async function notify(trx: Executor, input: NotifyInput): Promise<string> {
  const id = newId();
  await repo.insertNotification(trx, {
    id,
    user_id: input.userId,
    kind: input.kind,
    title: input.title,
    body: input.body ?? null,
    link: input.link,
    entity: input.entity ?? null,
    entity_id: input.entityId ?? null,
    read_at: null,
    created_at: nowIso(),
  });
  return id;
}
