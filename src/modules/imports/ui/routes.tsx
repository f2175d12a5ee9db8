import type { AppRoute, NavItem } from '../../../web/routes.js';
import { ImportJobPage } from './ImportJobPage.js';
import { ImportListPage } from './ImportListPage.js';
import { ImportWizardPage } from './ImportWizardPage.js';

export const importRoutes: AppRoute[] = [
  { path: 'imports', element: <ImportListPage /> },
  { path: 'imports/new', element: <ImportWizardPage /> },
  { path: 'imports/:id', element: <ImportJobPage /> },
];

/** Shown to whoever may create or update some kind of importable record. */
export const importNav: NavItem = {
  to: '/imports',
  label: 'imports:nav',
  resource: '',
  visible: (can) => ['company', 'contact', 'product', 'deal', 'activity'].some((r) => can(r, 'create') || can(r, 'update')),
};
