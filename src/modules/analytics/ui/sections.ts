/// <reference types="vite/client" />
import type { ReactNode } from 'react';

/** A tab of the analytics area, contributed by a module in its `ui/analytics.sections.tsx`. */
export interface AnalyticsSection {
  /** path under /analytics, e.g. 'funnels' */
  path: string;
  /** translation key of the tab, e.g. 'funnels:tab' */
  label: string;
  /** tabs are shown in ascending order */
  order: number;
  /** the user sees the tab when they may do `action` (default read) on `resource` */
  resource: string;
  action?: string;
  element: ReactNode;
}

const found = import.meta.glob<{ analyticsSections: AnalyticsSection[] }>('../../*/ui/analytics.sections.tsx', { eager: true });

/** Every module's analytics tabs, in order. */
export const analyticsSections: AnalyticsSection[] = Object.values(found)
  .flatMap((m) => m.analyticsSections)
  .sort((a, b) => a.order - b.order);
