import type { AnalyticsSection } from '../../analytics/ui/sections.js';
import { ReportsPage } from './ReportsPage.js';

export const analyticsSections: AnalyticsSection[] = [{ path: 'reports', label: 'reports:tab', order: 60, resource: 'report', element: <ReportsPage /> }];
