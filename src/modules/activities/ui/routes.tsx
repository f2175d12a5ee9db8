import type { AppRoute, NavItem } from '../../../web/routes.js';
import { ActivitiesPage } from './ActivitiesPage.js';
import { ActivityCardPage } from './ActivityCardPage.js';

export const activityRoutes: AppRoute[] = [
  { path: 'activities', element: <ActivitiesPage /> },
  { path: 'activities/:id', element: <ActivityCardPage /> },
];

export const activityNav: NavItem = { to: '/activities', label: 'activities:nav', resource: 'activity' };
