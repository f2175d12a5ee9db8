import type { AppRoute, NavItem } from '../../../web/routes.js';
import { AnalyticsPage } from './AnalyticsPage.js';

export const analyticsRoutes: AppRoute[] = [{ path: 'analytics/*', element: <AnalyticsPage /> }];

export const analyticsNav: NavItem = { to: '/analytics', label: 'analytics:nav', resource: 'deal' };
