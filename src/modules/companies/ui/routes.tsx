import type { AppRoute, NavItem } from '../../../web/routes.js';
import { CompanyCardPage } from './CompanyCardPage.js';
import { CompanyFormPage } from './CompanyFormPage.js';
import { CompanyListPage } from './CompanyListPage.js';

export const companyRoutes: AppRoute[] = [
  { path: 'companies', element: <CompanyListPage /> },
  { path: 'companies/new', element: <CompanyFormPage /> },
  { path: 'companies/:id', element: <CompanyCardPage /> },
  { path: 'companies/:id/edit', element: <CompanyFormPage /> },
];

export const companyNav: NavItem = { to: '/companies', label: 'common:nav.companies', resource: 'company' };
