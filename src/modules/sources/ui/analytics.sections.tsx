import type { AnalyticsSection } from '../../analytics/ui/sections.js';
import { SourcesPage } from './SourcesPage.js';

/** Analytics tab of advertising sources: ROI and costs. */
export const analyticsSections: AnalyticsSection[] = [{ path: 'sources', label: 'sources:tab', order: 60, resource: 'ad_cost', element: <SourcesPage /> }];
