import { useQuery } from '@tanstack/react-query';
import { get } from '../../../web/api.js';
import type { ChurnItem, SegmentMatrix, SegmentSettings } from '../segments.schema.js';

export const segmentKeys = {
  all: ['segments'] as const,
  matrix: ['segments', 'matrix'] as const,
  settings: ['segments', 'settings'] as const,
  churn: ['segments', 'churn'] as const,
};

export const useMatrix = () => useQuery({ queryKey: segmentKeys.matrix, queryFn: () => get<SegmentMatrix>('/segments/matrix') });
export const useSegmentSettings = () => useQuery({ queryKey: segmentKeys.settings, queryFn: () => get<SegmentSettings>('/segments/settings') });
export type ChurnPage = { items: ChurnItem[]; nextCursor: string | null; factor: number };

