import type { Executor } from '../../platform/db/database.js';

/**
 * Read-only aggregates over deals, stages, stage history and activities for plans, planners and forecasts.
 * `owners` null means every owner; bounds are ISO strings compared as text ('YYYY-MM-DD' <= any moment of that day).
 */

type Owners = readonly string[] | null;

/** Won deals closed in [from, to), by owner and currency. */
export async function wonByOwner(db: Executor, owners: Owners, from: string, to: string) {
  if (owners && !owners.length) return [];
  let q = db
    .selectFrom('deals as d')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .select((eb) => ['d.owner_id', 'd.currency', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('d.amount').as('amount')])
    .where('s.kind', '=', 'won')
    .where('d.closed_at', '>=', from)
    .where('d.closed_at', '<', to);
  if (owners) q = q.where('d.owner_id', 'in', owners);
  const rows = await q.groupBy(['d.owner_id', 'd.currency']).execute();
  return rows.map((r) => ({ ownerId: r.owner_id, currency: r.currency, n: Number(r.n), amount: Number(r.amount) }));
}

/** Done activities with done_at in [from, to), by owner and type. */
export async function doneByOwner(db: Executor, owners: Owners, from: string, to: string) {
  if (owners && !owners.length) return [];
  let q = db
    .selectFrom('activities')
    .select((eb) => ['owner_id', 'type', eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'done')
    .where('done_at', '>=', from)
    .where('done_at', '<', to);
  if (owners) q = q.where('owner_id', 'in', owners);
  const rows = await q.groupBy(['owner_id', 'type']).execute();
  return rows.map((r) => ({ ownerId: r.owner_id, type: r.type, n: Number(r.n) }));
}

/** Open activities planned for days in [from, to), by owner and type. */
export async function scheduledByOwner(db: Executor, owners: Owners, from: string, to: string) {
  if (owners && !owners.length) return [];
  let q = db
    .selectFrom('activities')
    .select((eb) => ['owner_id', 'type', eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .where('planned_date', '>=', from)
    .where('planned_date', '<', to);
  if (owners) q = q.where('owner_id', 'in', owners);
  const rows = await q.groupBy(['owner_id', 'type']).execute();
  return rows.map((r) => ({ ownerId: r.owner_id, type: r.type, n: Number(r.n) }));
}

/** Open activities with a promised time before `now`, by owner. */
export async function overdueByOwner(db: Executor, owners: Owners, now: string) {
  if (owners && !owners.length) return [];
  let q = db
    .selectFrom('activities')
    .select((eb) => ['owner_id', eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .where('planned_at', 'is not', null)
    .where('planned_at', '<', now);
  if (owners) q = q.where('owner_id', 'in', owners);
  const rows = await q.groupBy('owner_id').execute();
  return rows.map((r) => ({ ownerId: r.owner_id, n: Number(r.n) }));
}

/** Open deals grouped by stage, currency, effective probability and expected close day. */
export async function openDealGroups(db: Executor, owners: Owners) {
  if (owners && !owners.length) return [];
  let q = db
    .selectFrom('deals as d')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .select((eb) => [
      'd.stage_id',
      'd.currency',
      'd.expected_close_date',
      eb.fn.coalesce('d.probability', 's.probability').as('probability'),
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('d.amount').as('amount'),
    ])
    .where('s.kind', '=', 'open');
  if (owners) q = q.where('d.owner_id', 'in', owners);
  const rows = await q.groupBy(['d.stage_id', 'd.currency', 'd.expected_close_date', 'd.probability', 's.probability']).execute();
  return rows.map((r) => ({ ...r, probability: Number(r.probability), n: Number(r.n), amount: Number(r.amount) }));
}

/** The biggest open deals (for the forecast's drill-down). */
export async function topOpenDeals(db: Executor, owners: Owners, limit: number) {
  if (owners && !owners.length) return [];
  let q = db
    .selectFrom('deals as d')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .select((eb) => ['d.id', 'd.title', 'd.stage_id', 's.name as stage_name', 'd.amount', 'd.currency', 'd.expected_close_date', eb.fn.coalesce('d.probability', 's.probability').as('probability')])
    .where('s.kind', '=', 'open');
  if (owners) q = q.where('d.owner_id', 'in', owners);
  return q.orderBy('d.amount', 'desc').orderBy('d.id').limit(limit).execute();
}

/** Open deals expected to close in [from, to). */
export async function openClosingIn(db: Executor, owners: Owners, from: string, to: string): Promise<number> {
  if (owners && !owners.length) return 0;
  let q = db
    .selectFrom('deals as d')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.kind', '=', 'open')
    .where('d.expected_close_date', '>=', from)
    .where('d.expected_close_date', '<', to);
  if (owners) q = q.where('d.owner_id', 'in', owners);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** First entries into each stage of the deals closed (won or lost) in [from, to). */
export async function stagePassages(db: Executor, owners: Owners, from: string, to: string) {
  if (owners && !owners.length) return [];
  let q = db
    .selectFrom('deal_stage_history as h')
    .innerJoin('deals as d', 'd.id', 'h.deal_id')
    .innerJoin('stages as s', 's.id', 'd.stage_id')
    .select((eb) => ['h.deal_id', 'h.to_stage_id', 's.kind', 'd.closed_at', eb.fn.min('h.at').as('entered_at')])
    .where('s.kind', 'in', ['won', 'lost'])
    .where('d.closed_at', '>=', from)
    .where('d.closed_at', '<', to);
  if (owners) q = q.where('d.owner_id', 'in', owners);
  return q.groupBy(['h.deal_id', 'h.to_stage_id', 's.kind', 'd.closed_at']).execute();
}

export async function stageNames(db: Executor) {
  return db.selectFrom('stages').select(['id', 'name', 'kind', 'sort', 'pipeline_id']).execute();
}
