import { assertRecordAccess, type Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Db, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { markCompanyCurrent } from '../companies/index.js';
import { forgetFunnelDeal, recordFunnelStep, setFunnelLostReason, setFunnelOwner } from '../funnels/index.js';
import { baseCurrency } from '../products/index.js';
import { priceLines, toLine, totalsOf, type LineValues } from './deals.lines.js';
import { bumpFieldVersions, changedSince, searchTextOf, snapshot, toDeal } from './deals.mapper.js';
import * as repo from './deals.repository.js';
import { amountOf, checkCompany, checkContacts, checkCurrency, checkLost, checkOwner, initialStage } from './deals.rules.js';
import type { DealDetail, DealInput, DealUpdate } from './deals.schema.js';

export const contributionOf = (d: DealDetail): repo.Contribution => ({
  stageId: d.stageId,
  ownerId: d.ownerId,
  currency: d.currency,
  amount: d.amount,
  probability: d.probabilityManual ? d.probability : null,
});

export class DealsService {
  constructor(readonly db: Db) {}

  /** The deal with contacts and lines, no access check. */
  async read(db: Executor, id: string): Promise<DealDetail> {
    const row = await repo.findDeal(db, id);
    if (!row) throw AppError.notFound('deal');
    const lines = (await repo.loadLines(db, id)).map(toLine);
    const contacts = await repo.loadContacts(db, id);
    return {
      ...toDeal(row),
      contacts: contacts.map((c) => ({ id: c.id, fullName: c.full_name })),
      lines,
      totals: totalsOf(lines),
      lostReasonName: row.lost_reason_id ? await repo.lostReasonName(db, row.lost_reason_id) : null,
      createdBy: row.created_by,
    };
  }

  /** The deal if the principal may perform the action on it (404 outside the read scope, 403 outside the action's). */
  async load(p: Principal, id: string, action: 'read' | 'update' | 'delete'): Promise<DealDetail> {
    const d = await this.read(this.db, id);
    assertRecordAccess(p, 'deal', action, d.ownerId);
    return d;
  }

  /** 409 deal.version_conflict with the deal as it is now and the fields changed since `version`. */
  async conflict(db: Executor, id: string, version: number): Promise<AppError> {
    const current = await this.read(db, id);
    const changedFields = changedSince(await this.fieldVersions(db, id), version);
    return new AppError('deal.version_conflict', 409, 'The deal was changed by someone else; reload it', { current, changedFields });
  }

  async create(p: Principal, actor: Actor, input: DealInput): Promise<DealDetail> {
    const ownerId = input.ownerId ?? p.id;
    await checkOwner(this.db, p, 'create', ownerId);
    await checkCompany(this.db, p, input.companyId);
    await checkContacts(this.db, input.contactIds ?? []);
    const stage = await initialStage(this.db, input.pipelineId, input.stageId);
    await checkLost(this.db, stage.kind, input.lostReasonId);
    const currency = input.currency ?? (await baseCurrency(this.db));
    checkCurrency(currency);
    const lines = await priceLines(this.db, input.lines ?? [], currency);
    const { mode, amount } = amountOf(input, { mode: 'auto', amount: 0 }, totalsOf(lines).gross);
    const id = newId();
    const now = nowIso();
    return this.db.transaction().execute(async (trx) => {
      await repo.insertDeal(trx, {
        id,
        title: input.title,
        company_id: input.companyId,
        pipeline_id: stage.pipelineId,
        stage_id: stage.id,
        owner_id: ownerId,
        type: input.type ?? 'new',
        source_channel: input.sourceChannel ?? null,
        source_campaign: input.sourceCampaign ?? null,
        amount,
        amount_mode: mode,
        currency,
        expected_close_date: input.expectedCloseDate ?? null,
        probability: input.probability ?? null,
        lost_reason_id: stage.kind === 'lost' ? input.lostReasonId! : null,
        lost_comment: stage.kind === 'lost' ? (input.lostComment ?? null) : null,
        closed_at: stage.kind === 'open' ? null : now,
        stage_entered_at: now,
        field_versions: '{}',
        search_text: searchTextOf({ title: input.title, sourceChannel: input.sourceChannel ?? null, sourceCampaign: input.sourceCampaign ?? null }),
        version: 1,
        created_by: p.id,
        created_at: now,
        updated_at: now,
      });
      await repo.replaceLines(trx, id, lines, true);
      await repo.replaceContacts(trx, id, input.contactIds ?? [], true);
      await repo.insertStageChange(trx, { deal_id: id, from_stage_id: null, to_stage_id: stage.id, at: now, user_id: actor.userId, seconds_in_from_stage: null });
      await recordFunnelStep(trx, { dealId: id, ownerId, fromStageId: null, toStageId: stage.id, at: now, secondsInFrom: null, lostReasonId: stage.kind === 'lost' ? input.lostReasonId! : null });
      const created = await this.read(trx, id);
      await repo.adjustTotals(trx, [{ c: contributionOf(created), sign: 1 }]);
      await writeAudit(trx, actor, repo.ENTITY, id, 'create');
      if (stage.kind === 'won') await markCompanyCurrent(trx, input.companyId, actor);
      return created;
    });
  }

  async update(p: Principal, actor: Actor, id: string, input: DealUpdate): Promise<DealDetail> {
    const before = await this.load(p, id, 'update');
    if (input.version !== before.version) throw await this.conflict(this.db, id, input.version);
    if (input.ownerId !== undefined && input.ownerId !== before.ownerId) await checkOwner(this.db, p, 'update', input.ownerId);
    if (input.companyId !== undefined && input.companyId !== before.companyId) await checkCompany(this.db, p, input.companyId);
    if (input.contactIds) await checkContacts(this.db, input.contactIds);
    if ((input.lostReasonId !== undefined || input.lostComment !== undefined) && before.status !== 'lost') {
      throw AppError.validation([{ field: input.lostReasonId !== undefined ? 'lostReasonId' : 'lostComment', code: 'deal.not_lost', message: 'only a lost deal has a lost reason' }]);
    }
    if (input.lostReasonId !== undefined) await checkLost(this.db, 'lost', input.lostReasonId);
    const currency = input.currency ?? before.currency;
    checkCurrency(currency);
    if (currency !== before.currency && before.lines.length && !input.lines) {
      throw AppError.validation([{ field: 'currency', code: 'deal.currency_with_lines', message: 'send the lines priced in the new currency with it' }]);
    }
    const lines: LineValues[] | null = input.lines ? await priceLines(this.db, input.lines, currency) : null;
    const { mode, amount } = amountOf(input, { mode: before.amountMode, amount: before.amount }, lines ? totalsOf(lines).gross : before.totals.gross);
    const title = input.title ?? before.title;
    const sourceChannel = input.sourceChannel !== undefined ? input.sourceChannel : before.sourceChannel;
    const sourceCampaign = input.sourceCampaign !== undefined ? input.sourceCampaign : before.sourceCampaign;
    return this.db.transaction().execute(async (trx) => {
      const version = before.version + 1;
      const changed = await repo.updateDeal(trx, id, before.version, {
        title,
        company_id: input.companyId ?? before.companyId,
        owner_id: input.ownerId ?? before.ownerId,
        type: input.type ?? before.type,
        source_channel: sourceChannel,
        source_campaign: sourceCampaign,
        currency,
        amount_mode: mode,
        amount,
        ...(input.expectedCloseDate !== undefined && { expected_close_date: input.expectedCloseDate }),
        ...(input.probability !== undefined && { probability: input.probability }),
        ...(input.lostReasonId !== undefined && { lost_reason_id: input.lostReasonId }),
        ...(input.lostComment !== undefined && { lost_comment: input.lostComment }),
        search_text: searchTextOf({ title, sourceChannel, sourceCampaign }),
        version,
        updated_at: nowIso(),
      });
      if (!changed) throw await this.conflict(trx, id, input.version);
      if (input.ownerId !== undefined && input.ownerId !== before.ownerId) await setFunnelOwner(trx, id, input.ownerId);
      if (input.lostReasonId !== undefined && input.lostReasonId !== before.lostReasonId) await setFunnelLostReason(trx, id, input.lostReasonId);
      if (lines) await repo.replaceLines(trx, id, lines);
      if (input.contactIds) await repo.replaceContacts(trx, id, input.contactIds);
      const after = await this.read(trx, id);
      const changes = diff(snapshot(before), snapshot(after));
      await trx.updateTable('deals').set({ field_versions: bumpFieldVersions(await this.fieldVersions(trx, id), changes.map((c) => c.field), version) }).where('id', '=', id).execute();
      await repo.adjustTotals(trx, [
        { c: contributionOf(before), sign: -1 },
        { c: contributionOf(after), sign: 1 },
      ]);
      await writeAudit(trx, actor, repo.ENTITY, id, 'update', changes);
      return after;
    });
  }

  async fieldVersions(db: Executor, id: string): Promise<string> {
    return (await db.selectFrom('deals').select('field_versions').where('id', '=', id).executeTakeFirstOrThrow()).field_versions;
  }

  async history(p: Principal, id: string, page: { limit: number; cursor?: string }) {
    await this.load(p, id, 'read');
    const rows = await repo.history(this.db, id, page.limit + 1, page.cursor ? decodeCursor(page.cursor).id : null);
    const items = rows.slice(0, page.limit).map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      action: r.action,
      field: r.field,
      oldValue: r.old_value,
      newValue: r.new_value,
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ v: null, id: last.id }) : null };
  }

  async remove(p: Principal, actor: Actor, id: string): Promise<void> {
    const d = await this.load(p, id, 'delete');
    await this.db.transaction().execute(async (trx) => {
      const current = await this.read(trx, id);
      await forgetFunnelDeal(trx, id);
      await repo.deleteDeal(trx, id);
      await repo.adjustTotals(trx, [{ c: contributionOf(current), sign: -1 }]);
      await writeAudit(trx, actor, repo.ENTITY, id, 'delete', diff(snapshot(d), {}));
    });
  }
}
