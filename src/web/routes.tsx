import type { ReactNode } from 'react';

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
}

/** Pages of every feature. Each module's ui/ folder contributes its routes and nav items here. */
export const routes: AppRoute[] = [];

export const navItems: NavItem[] = [];
