import type { AppRoute, NavItem } from '../../../web/routes.js';
import { CalendarPage } from './CalendarPage.js';

export const calendarRoutes: AppRoute[] = [{ path: 'calendar', element: <CalendarPage /> }];

export const calendarNav: NavItem = { to: '/calendar', label: 'calendar:nav', resource: 'activity' };
