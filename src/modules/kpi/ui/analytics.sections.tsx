import type { AnalyticsSection } from '../../analytics/ui/sections.js';
import { KpiPage } from './KpiPage.js';

export const analyticsSections: AnalyticsSection[] = [{ path: 'kpi', label: 'kpi:tab', order: 22, resource: 'plan', element: <KpiPage /> }];
