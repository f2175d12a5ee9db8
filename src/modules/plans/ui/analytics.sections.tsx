import type { AnalyticsSection } from '../../analytics/ui/sections.js';
import { ForecastPage } from './ForecastPage.js';
import { PlansPage } from './PlansPage.js';

export const analyticsSections: AnalyticsSection[] = [
  { path: 'plans', label: 'plans:tab', order: 20, resource: 'plan', element: <PlansPage /> },
  { path: 'forecast', label: 'plans:forecastTab', order: 21, resource: 'plan', element: <ForecastPage /> },
];
