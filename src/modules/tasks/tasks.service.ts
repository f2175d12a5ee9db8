import type { Updateable } from 'kysely';
import type { Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import type { TaskTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { bumpFieldVersions, changedSince } from '../../shared/field-versions.js';
import { dueColumns, priorityRank, snapshot, toTask } from './tasks.mapper.js';
import { notifyAssigned, syncReminder } from './tasks.notify.js';
import * as repo from './tasks.repository.js';
import { zoneOf } from '../activities/index.js';
import { assertTaskAccess, checkAssignee, checkDue, checkLinks, checklistOf } from './tasks.rules.js';
import type { Task, TaskInput, TaskUpdate } from './tasks.schema.js';

/** Attempts of a checklist tick that meets concurrent changes of the task before it gives up with 409. */
const TOGGLE_ATTEMPTS = 5;

export class TasksService {
  constructor(readonly db: Db) {}

  /** The task, no access check. */
  async read(db: Executor, id: string): Promise<Task> {
    const row = await repo.findTask(db, id);
    if (!row) throw AppError.notFound('task');
    return toTask(row);
  }

  /** The task if the principal may perform the action on it (its assignee's scope, or its delegator). */
  async load(p: Principal, id: string, action: 'read' | 'update' | 'delete'): Promise<Task> {
    const t = await this.read(this.db, id);
    assertTaskAccess(p, action, t);
    return t;
  }

  /** 409 task.version_conflict with the task as it is now and the fields changed since `version`. */
  async conflict(db: Executor, id: string, version: number): Promise<AppError> {
    const current = await this.read(db, id);
    const changedFields = changedSince(await repo.fieldVersions(db, id), version);
    return new AppError('task.version_conflict', 409, 'The task was changed by someone else; reload it', { current, changedFields });
  }

  async create(p: Principal, actor: Actor, input: TaskInput): Promise<Task> {
    const assigneeId = input.assigneeId ?? p.id;
    const timeZone = await checkAssignee(this.db, p, assigneeId);
    checkDue(input.dueDate, input.dueTime);
    const companyId = await checkLinks(this.db, p, { companyId: input.companyId ?? null, contactId: input.contactId ?? null, dealId: input.dealId ?? null });
    const checklist = checklistOf(input.checklist ?? []);
    const priority = input.priority ?? 'normal';
    const id = newId();
    const now = nowIso();
    return this.db.transaction().execute(async (trx) => {
      await repo.insertTask(trx, {
        id,
        title: input.title,
        description: input.description ?? null,
        assignee_id: assigneeId,
        created_by: p.id,
        ...dueColumns(input.dueDate ?? null, input.dueTime ?? null, timeZone),
        priority,
        priority_rank: priorityRank[priority],
        status: 'open',
        done_at: null,
        checklist: JSON.stringify(checklist),
        company_id: companyId,
        contact_id: input.contactId ?? null,
        deal_id: input.dealId ?? null,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      const created = await this.read(trx, id);
      await writeAudit(trx, actor, repo.ENTITY, id, 'create');
      await syncReminder(trx, created, id);
      await notifyAssigned(trx, p, created);
      return created;
    });
  }

  async update(p: Principal, actor: Actor, id: string, input: TaskUpdate): Promise<Task> {
    const before = await this.load(p, id, 'update');
    if (input.version !== before.version) throw await this.conflict(this.db, id, input.version);
    const assigneeId = input.assigneeId ?? before.assigneeId;
    const reassigned = assigneeId !== before.assigneeId;
    const timeZone = reassigned ? await checkAssignee(this.db, p, assigneeId) : await zoneOf(this.db, assigneeId);
    const dueDate = input.dueDate !== undefined ? input.dueDate : before.dueDate;
    checkDue(dueDate, input.dueTime);
    const links = {
      companyId: input.companyId !== undefined ? input.companyId : before.companyId,
      contactId: input.contactId !== undefined ? input.contactId : before.contactId,
      dealId: input.dealId !== undefined ? input.dealId : before.dealId,
    };
    const linksChanged = links.companyId !== before.companyId || links.contactId !== before.contactId || links.dealId !== before.dealId;
    const companyId = linksChanged ? await checkLinks(this.db, p, links) : before.companyId;
    const status = input.status ?? before.status;
    const priority = input.priority ?? before.priority;
    const set: Updateable<TaskTable> = {
      title: input.title ?? before.title,
      ...(input.description !== undefined && { description: input.description }),
      assignee_id: assigneeId,
      ...((input.dueDate !== undefined || input.dueTime !== undefined || reassigned) &&
        dueColumns(dueDate, input.dueTime !== undefined ? input.dueTime : before.dueTime, timeZone)),
      priority,
      priority_rank: priorityRank[priority],
      status,
      done_at: status === 'done' ? (before.doneAt ?? nowIso()) : null,
      ...(input.checklist && { checklist: JSON.stringify(checklistOf(input.checklist)) }),
      company_id: companyId,
      contact_id: links.contactId,
      deal_id: links.dealId,
    };
    const after = await this.write(p, actor, before, set);
    if (!after) throw await this.conflict(this.db, id, input.version);
    return after;
  }

  /** Ticks or unticks one checklist item; a concurrent change of the task is retried, not refused. */
  async toggleItem(p: Principal, actor: Actor, id: string, itemId: string, done: boolean): Promise<Task> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.load(p, id, 'update');
      if (!before.checklist.some((i) => i.id === itemId)) throw new AppError('task.checklist_item_not_found', 404, 'No such checklist item');
      const checklist = before.checklist.map((i) => (i.id === itemId ? { ...i, done } : i));
      const after = await this.write(p, actor, before, { checklist: JSON.stringify(checklist) });
      if (after) return after;
      if (attempt === TOGGLE_ATTEMPTS) throw await this.conflict(this.db, id, before.version);
    }
  }

  /** Writes a change over the version read, with field versions, audit, reminder and notification; null on a version conflict. */
  private async write(p: Principal, actor: Actor, before: Task, set: Updateable<TaskTable>): Promise<Task | null> {
    return this.db.transaction().execute(async (trx) => {
      const version = before.version + 1;
      if (!(await repo.updateTask(trx, before.id, before.version, { ...set, version, updated_at: nowIso() }))) return null;
      const after = await this.read(trx, before.id);
      const changes = diff(snapshot(before), snapshot(after));
      await repo.setFieldVersions(trx, before.id, bumpFieldVersions(await repo.fieldVersions(trx, before.id), changes.map((c) => c.field), version));
      await writeAudit(trx, actor, repo.ENTITY, before.id, 'update', changes);
      await syncReminder(trx, after, before.id);
      if (after.assigneeId !== before.assigneeId) await notifyAssigned(trx, p, after);
      return after;
    });
  }

  async remove(p: Principal, actor: Actor, id: string): Promise<void> {
    const before = await this.load(p, id, 'delete');
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteTask(trx, id);
      await syncReminder(trx, null, id);
      await writeAudit(trx, actor, repo.ENTITY, id, 'delete', diff(snapshot(before), {}));
    });
  }
}
