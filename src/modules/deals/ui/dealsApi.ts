import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../../web/api.js';
import { minorDigits } from '../../../shared/money.js';
import type { LostReason, Pipeline, Stage } from '../../pipelines/pipelines.schema.js';
import type { DealDetail } from '../deals.schema.js';

/** API paths of the deals pages. */
export const dealPaths = {
  list: '/deals',
  one: (id: string) => `/deals/${id}`,
  move: (id: string) => `/deals/${id}/stage`,
  stages: (id: string) => `/deals/${id}/stages`,
  history: (id: string) => `/deals/${id}/history`,
  documents: (id: string) => `/deals/${id}/documents`,
  document: (id: string, documentId: string) => `/deals/${id}/documents/${documentId}`,
  board: (pipelineId: string) => `/pipelines/${pipelineId}/board`,
  column: (pipelineId: string, stageId: string) => `/pipelines/${pipelineId}/board/${stageId}`,
  companyDeals: (companyId: string) => `/companies/${companyId}/deals`,
  companyProducts: (companyId: string) => `/companies/${companyId}/products`,
};

/** Every pipeline with its stages (the same cache entry as the pipelines admin). */
export function usePipelines() {
  return useQuery({ queryKey: ['pipelines', 'all'], queryFn: async () => (await get<{ items: Pipeline[] }>('/pipelines')).items, staleTime: 60_000 });
}

/** Active lost reasons, for the "why was it lost" choice. */
export function useLostReasons() {
  return useQuery({
    queryKey: ['lost-reasons', 'active'],
    queryFn: async () => (await get<{ items: LostReason[] }>('/lost-reasons', { active: 'true' })).items,
    staleTime: 60_000,
  });
}

/** The base currency of the catalog (the default currency of a new deal); RUB when the catalog is not available. */
export function useBaseCurrency() {
  const q = useQuery({ queryKey: ['catalog', 'settings'], queryFn: () => get<{ baseCurrency: string }>('/catalog/settings'), staleTime: 5 * 60_000, retry: false });
  return { currency: q.data?.baseCurrency ?? 'RUB', ready: !q.isPending };
}

/** A stage of any pipeline by id. */
export function stageOf(pipelines: readonly Pipeline[] | undefined, stageId: string): (Stage & { pipelineName: string }) | undefined {
  for (const p of pipelines ?? []) {
    const s = p.stages.find((x) => x.id === stageId);
    if (s) return { ...s, pipelineName: p.name };
  }
  return undefined;
}

export interface LostInput {
  lostReasonId: string;
  lostComment: string | null;
}

/** Moves a deal to a stage; a lost stage needs the reason. Answers the saved deal (with its new version). */
export const moveDeal = (deal: { id: string; version: number }, stageId: string, lost?: LostInput) =>
  post<DealDetail>(dealPaths.move(deal.id), { stageId, version: deal.version, ...(lost && { lostReasonId: lost.lostReasonId, lostComment: lost.lostComment }) });

/** Money in minor units as text in the user's language: "1 234,50 ₽"; `whole` drops the minor part (column totals). */
export function useMoney() {
  const { i18n } = useTranslation();
  return (minor: number, currency: string, whole = false) => {
    const digits = minorDigits(currency);
    const shown = whole ? 0 : digits;
    try {
      return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, minimumFractionDigits: shown, maximumFractionDigits: shown }).format(minor / 10 ** digits);
    } catch {
      return `${(minor / 10 ** digits).toFixed(shown)} ${currency}`;
    }
  };
}

/** Whole days since an instant. */
export const daysSince = (iso: string, now = Date.now()) => Math.max(0, Math.floor((now - Date.parse(iso)) / 86_400_000));
