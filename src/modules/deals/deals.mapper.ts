import { buildSearchText } from '../../shared/text.js';
import type { DealRow } from './deals.repository.js';
import type { AmountMode, Deal, DealDetail, DealStatus, DealType } from './deals.schema.js';
import { lineSummary } from './deals.lines.js';

const DAY_MS = 86_400_000;

/** True when a deal has been in an open stage longer than the stage's planned days. */
export function isOverdue(kind: string, plannedDays: number | null, enteredAt: string, now: number): boolean {
  return kind === 'open' && plannedDays !== null && now - Date.parse(enteredAt) > plannedDays * DAY_MS;
}

export function toDeal(r: DealRow, now = Date.now()): Deal {
  return {
    id: r.id,
    title: r.title,
    companyId: r.company_id,
    companyName: r.company_name,
    pipelineId: r.pipeline_id,
    stageId: r.stage_id,
    status: r.stage_kind as DealStatus,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    type: r.type as DealType,
    sourceChannel: r.source_channel,
    sourceCampaign: r.source_campaign,
    amount: Number(r.amount),
    amountMode: r.amount_mode as AmountMode,
    currency: r.currency,
    expectedCloseDate: r.expected_close_date,
    probability: r.probability ?? r.stage_probability,
    probabilityManual: r.probability !== null,
    lostReasonId: r.lost_reason_id,
    lostComment: r.lost_comment,
    closedAt: r.closed_at,
    stageEnteredAt: r.stage_entered_at,
    overdue: isOverdue(r.stage_kind, r.stage_planned_days, r.stage_entered_at, now),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The audited state of a deal: what the history compares field by field and version conflicts name. */
export function snapshot(d: DealDetail) {
  return {
    title: d.title,
    companyId: d.companyId,
    contactIds: d.contacts.map((c) => c.id),
    ownerId: d.ownerId,
    type: d.type,
    sourceChannel: d.sourceChannel,
    sourceCampaign: d.sourceCampaign,
    currency: d.currency,
    amountMode: d.amountMode,
    amount: d.amount,
    expectedCloseDate: d.expectedCloseDate,
    probability: d.probabilityManual ? d.probability : null,
    lines: d.lines.map(lineSummary),
    pipelineId: d.pipelineId,
    stageId: d.stageId,
    lostReasonId: d.lostReasonId,
    lostComment: d.lostComment,
    closedAt: d.closedAt,
  };
}
export type Snapshot = ReturnType<typeof snapshot>;

export const searchTextOf = (d: { title: string; sourceChannel: string | null; sourceCampaign: string | null }) =>
  buildSearchText([d.title, d.sourceChannel, d.sourceCampaign]);

export { bumpFieldVersions, changedSince } from '../../shared/field-versions.js';
