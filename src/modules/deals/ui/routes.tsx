import type { AppRoute, NavItem } from '../../../web/routes.js';
import { DealCardPage } from './DealCardPage.js';
import { DealFormPage } from './DealFormPage.js';
import { DealsPage } from './DealsPage.js';

export const dealRoutes: AppRoute[] = [
  { path: 'deals', element: <DealsPage /> },
  { path: 'deals/new', element: <DealFormPage /> },
  { path: 'deals/:id', element: <DealCardPage /> },
  { path: 'deals/:id/edit', element: <DealFormPage /> },
];

export const dealNav: NavItem = { to: '/deals', label: 'deals:nav', resource: 'deal' };
