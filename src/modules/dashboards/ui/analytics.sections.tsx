import type { AnalyticsSection } from '../../analytics/ui/sections.js';
import { DashboardsPage } from './DashboardsPage.js';

export const analyticsSections: AnalyticsSection[] = [{ path: 'dashboards', label: 'dashboards:tab', order: 10, resource: 'report', element: <DashboardsPage /> }];
