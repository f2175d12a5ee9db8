import type { ReactNode } from 'react';
import { companyNav, companyRoutes } from '../modules/companies/ui/routes.js';
import { contactNav, contactRoutes } from '../modules/contacts/ui/routes.js';
import { dealNav, dealRoutes } from '../modules/deals/ui/routes.js';
import { productNav, productRoutes } from '../modules/products/ui/routes.js';
import { activityNav, activityRoutes } from '../modules/activities/ui/routes.js';
import { calendarNav, calendarRoutes } from '../modules/calendar/ui/routes.js';
import { taskNav, taskRoutes } from '../modules/tasks/ui/routes.js';
import { scheduleNav, scheduleRoutes } from '../modules/schedule/ui/routes.js';
import { importNav, importRoutes } from '../modules/imports/ui/routes.js';
import { analyticsNav, analyticsRoutes } from '../modules/analytics/ui/routes.js';
import { duplicateRoutes } from '../modules/duplicates/ui/routes.js';
import { AdminPage, isAdministrator } from './AdminPage.js';

export interface AppRoute {
  /** react-router path, relative to the root (e.g. 'companies/:id') */
  path: string;
  element: ReactNode;
}

export interface NavItem {
  to: string;
  /** translation key, e.g. 'common:nav.companies' */
  label: string;
  /** shown when the user may read this resource ('' = always) */
  resource: string;
  /** an extra condition on the user's permissions, e.g. administrators only */
  visible?: (can: (resource: string, action: string) => boolean) => boolean;
}

/** Pages of every feature. Each module's ui/ folder contributes its routes and nav items here. */
export const routes: AppRoute[] = [...scheduleRoutes, ...companyRoutes, ...contactRoutes, ...dealRoutes, ...activityRoutes, ...calendarRoutes, ...taskRoutes, ...analyticsRoutes, ...productRoutes, ...importRoutes, ...duplicateRoutes, { path: 'admin/*', element: <AdminPage /> }];

export const navItems: NavItem[] = [scheduleNav, companyNav, contactNav, dealNav, activityNav, calendarNav, taskNav, analyticsNav, productNav, importNav, { to: '/admin', label: 'common:nav.admin', resource: 'user', visible: isAdministrator }];
