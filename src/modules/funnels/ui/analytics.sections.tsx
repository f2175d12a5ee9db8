import type { AnalyticsSection } from '../../analytics/ui/sections.js';
import { FunnelsPage } from './FunnelsPage.js';

export const analyticsSections: AnalyticsSection[] = [{ path: 'funnels', label: 'funnels:tab', order: 10, resource: 'deal', element: <FunnelsPage /> }];
