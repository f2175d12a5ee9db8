import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/database.js';
import * as repo from './schedule.repository.js';
import { defaultScheduleSettings, effectiveGroupOrder, funnelGroups, type FunnelGroup } from './schedule.rules.js';
import type { ScheduleDefaults, ScheduleDefaultsUpdate, ScheduleSettingsUpdate } from './schedule.schema.js';

/**
 * Schedule settings: company-wide defaults (settings row `schedule.defaults`) and each user's own choices
 * over them (`schedule.user.<id>`, only the keys the user set). The group order is stored with hot and
 * customers already arranged, so customersBeforeHot is read from it and never contradicts it.
 */

const DEFAULTS_KEY = 'schedule.defaults';
const userKey = (userId: string) => `schedule.user.${userId}`;

interface Stored {
  groupOrder?: FunnelGroup[];
  hotThreshold?: number;
}

const isOrder = (v: unknown): v is FunnelGroup[] =>
  Array.isArray(v) && v.length === funnelGroups.length && funnelGroups.every((g) => v.includes(g));

function parse(json: string | null): Stored {
  if (!json) return {};
  const v = JSON.parse(json) as Record<string, unknown>;
  return {
    groupOrder: isOrder(v.groupOrder) ? v.groupOrder : undefined,
    hotThreshold: typeof v.hotThreshold === 'number' ? v.hotThreshold : undefined,
  };
}

const customersFirst = (order: readonly FunnelGroup[]) => order.indexOf('customer') < order.indexOf('hot');

/** groupOrder with customersBeforeHot applied (when given). */
function arrange(order: readonly FunnelGroup[], customersBeforeHot: boolean | undefined): FunnelGroup[] {
  return customersBeforeHot === undefined ? [...order] : effectiveGroupOrder({ groupOrder: order, customersBeforeHot });
}

export async function readDefaults(db: Executor): Promise<ScheduleDefaults> {
  const s = parse(await repo.getSetting(db, DEFAULTS_KEY));
  const groupOrder = s.groupOrder ?? effectiveGroupOrder(defaultScheduleSettings);
  return { groupOrder, customersBeforeHot: customersFirst(groupOrder), hotThreshold: s.hotThreshold ?? defaultScheduleSettings.hotThreshold };
}

export interface UserScheduleSettings extends ScheduleDefaults {
  own: ('groupOrder' | 'hotThreshold')[];
}

/** Effective settings of users (their own choices over the defaults). */
export async function readUserSettings(db: Executor, userIds: readonly string[]): Promise<Map<string, UserScheduleSettings>> {
  const defaults = await readDefaults(db);
  const ids = [...new Set(userIds)];
  const stored = new Map((await repo.getSettings(db, ids.map(userKey))).map((r) => [r.key, r.value]));
  const out = new Map<string, UserScheduleSettings>();
  for (const id of ids) {
    const own = parse(stored.get(userKey(id)) ?? null);
    const groupOrder = own.groupOrder ?? defaults.groupOrder;
    out.set(id, {
      groupOrder,
      customersBeforeHot: customersFirst(groupOrder),
      hotThreshold: own.hotThreshold ?? defaults.hotThreshold,
      own: [...(own.groupOrder ? ['groupOrder' as const] : []), ...(own.hotThreshold !== undefined ? ['hotThreshold' as const] : [])],
    });
  }
  return out;
}

const audited = (s: Stored | ScheduleDefaults) => ({ groupOrder: s.groupOrder?.join(',') ?? null, hotThreshold: s.hotThreshold ?? null });

export async function updateDefaults(db: Db, actor: Actor, input: ScheduleDefaultsUpdate): Promise<ScheduleDefaults> {
  return db.transaction().execute(async (trx) => {
    const before = await readDefaults(trx);
    const groupOrder = arrange(input.groupOrder ?? before.groupOrder, input.customersBeforeHot);
    const next: Stored = { groupOrder, hotThreshold: input.hotThreshold ?? before.hotThreshold };
    await repo.putSetting(trx, DEFAULTS_KEY, JSON.stringify(next));
    const changes = diff(audited(before), audited(next));
    if (changes.length) await writeAudit(trx, actor, 'setting', DEFAULTS_KEY, 'update', changes);
    return readDefaults(trx);
  });
}

/** Changes a user's own settings; null returns a setting to the company default. */
export async function updateUserSettings(db: Db, actor: Actor, userId: string, input: ScheduleSettingsUpdate): Promise<UserScheduleSettings> {
  return db.transaction().execute(async (trx) => {
    const key = userKey(userId);
    const before = parse(await repo.getSetting(trx, key));
    const defaults = await readDefaults(trx);
    const next: Stored = { ...before };
    if (input.groupOrder !== undefined) next.groupOrder = input.groupOrder ?? undefined;
    if (input.customersBeforeHot !== undefined) {
      const current = next.groupOrder ?? defaults.groupOrder;
      if (customersFirst(current) !== input.customersBeforeHot) next.groupOrder = arrange(current, input.customersBeforeHot);
    }
    if (input.hotThreshold !== undefined) next.hotThreshold = input.hotThreshold ?? undefined;
    if (next.groupOrder || next.hotThreshold !== undefined) await repo.putSetting(trx, key, JSON.stringify(next));
    else await repo.deleteSetting(trx, key);
    const changes = diff(audited(before), audited(next)).map((c) => ({ ...c, field: `schedule.${c.field}` }));
    if (changes.length) await writeAudit(trx, actor, 'user', userId, 'update', changes);
    return (await readUserSettings(trx, [userId])).get(userId)!;
  });
}
