import type { AppRoute, NavItem } from '../../../web/routes.js';
import { CatalogPage } from './CatalogPage.js';
import { CatalogSettingsPage } from './CatalogSettingsPage.js';
import { ProductCardPage } from './ProductCardPage.js';
import { ProductFormPage } from './ProductFormPage.js';

export const productRoutes: AppRoute[] = [
  { path: 'catalog', element: <CatalogPage /> },
  { path: 'catalog/new', element: <ProductFormPage /> },
  { path: 'catalog/settings', element: <CatalogSettingsPage /> },
  { path: 'catalog/settings/:tab', element: <CatalogSettingsPage /> },
  { path: 'catalog/:id', element: <ProductCardPage /> },
  { path: 'catalog/:id/edit', element: <ProductFormPage /> },
];

export const productNav: NavItem = { to: '/catalog', label: 'products:nav', resource: 'product' };
