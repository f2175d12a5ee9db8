import type { AppRoute, NavItem } from '../../../web/routes.js';
import { TeamPage } from './TeamPage.js';
import { TodayPage } from './TodayPage.js';

/** Today comes first: it is where a sales manager lands after signing in. */
export const scheduleRoutes: AppRoute[] = [
  { path: 'today', element: <TodayPage /> },
  { path: 'today/team', element: <TeamPage /> },
];

export const scheduleNav: NavItem = { to: '/today', label: 'schedule:nav', resource: 'activity' };
