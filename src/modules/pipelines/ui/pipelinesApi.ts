import { useQuery } from '@tanstack/react-query';
import { get } from '../../../web/api.js';
import type { LostReason, Pipeline, StageKind } from '../pipelines.schema.js';

/** Query keys of the pipelines admin; the deals pages read the same data under the same keys. */
export const pipelineKeys = {
  all: ['pipelines'] as const,
  lostReasons: ['lost-reasons'] as const,
};

/** Every pipeline (active and not) with its stages in board order. */
export function useAllPipelines() {
  return useQuery({ queryKey: [...pipelineKeys.all, 'all'], queryFn: async () => (await get<{ items: Pipeline[] }>('/pipelines')).items });
}

export function useAllLostReasons() {
  return useQuery({ queryKey: [...pipelineKeys.lostReasons, 'all'], queryFn: async () => (await get<{ items: LostReason[] }>('/lost-reasons')).items });
}

/** Deals of a stage move to another stage of the same pipeline (before the stage is deleted). */
export const moveDealsPath = (pipelineId: string, stageId: string) => `/pipelines/${pipelineId}/stages/${stageId}/move-deals`;

/** Badge colours of stage kinds. */
export const kindColors: Record<StageKind, string> = { open: 'blue', won: 'green', lost: 'gray' };
