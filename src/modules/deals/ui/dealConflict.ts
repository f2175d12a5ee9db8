import type { TFunction } from 'i18next';
import type { ConflictChange } from '../../../web/components/FormAlerts.js';
import { changedFields, valueText } from '../../../web/components/formRows.js';
import type { Pipeline } from '../../pipelines/pipelines.schema.js';
import type { DealDetail } from '../deals.schema.js';
import { conflictFields } from './dealForm.js';
import { stageOf } from './dealsApi.js';

type Money = (minor: number, currency: string) => string;

/** The saved value of a changed field as the user reads it (names instead of ids, translated codes, money). */
function theirs(t: TFunction, d: DealDetail, field: string, money: Money, pipelines: Pipeline[] | undefined): string {
  switch (field) {
    case 'companyId':
    case 'companyName':
      return d.companyName ?? '';
    case 'contactIds':
    case 'contacts':
      return d.contacts.map((c) => c.fullName).join(', ');
    case 'ownerId':
    case 'ownerName':
      return d.ownerName ?? '';
    case 'type':
      return t(`types.${d.type}`);
    case 'amountMode':
      return t(`amountModes.${d.amountMode}`);
    case 'amount':
      return money(d.amount, d.currency);
    case 'probability':
      return `${d.probability} %`;
    case 'lines':
      return d.lines.map((l) => `${l.name} × ${l.quantity}`).join(', ');
    case 'pipelineId':
      return pipelines?.find((p) => p.id === d.pipelineId)?.name ?? '';
    case 'stageId':
      return stageOf(pipelines, d.stageId)?.name ?? '';
    case 'lostReasonId':
      return d.lostReasonName ?? '';
    default:
      return valueText((d as Record<string, unknown>)[field]);
  }
}

const labelKey: Record<string, string> = { companyName: 'companyId', contacts: 'contactIds', ownerName: 'ownerId' };

/**
 * What another user changed: the fields the server names in details.changedFields, or (without them) the
 * fields that differ between the deal the form started from and the saved one.
 */
export function conflictChanges(t: TFunction, base: DealDetail, current: DealDetail, named: unknown, money: Money, pipelines: Pipeline[] | undefined): ConflictChange[] {
  const fields = Array.isArray(named) && named.length ? named.map(String) : changedFields(base, current, [...conflictFields]).map((c) => c.field);
  return fields.map((field) => ({ field, label: t(`fields.${labelKey[field] ?? field}`), theirs: theirs(t, current, field, money, pipelines) }));
}
