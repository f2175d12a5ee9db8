import type { AppRoute, NavItem } from '../../../web/routes.js';
import { ContactCardPage } from './ContactCardPage.js';
import { ContactFormPage } from './ContactFormPage.js';
import { ContactListPage } from './ContactListPage.js';

export const contactRoutes: AppRoute[] = [
  { path: 'contacts', element: <ContactListPage /> },
  { path: 'contacts/new', element: <ContactFormPage /> },
  { path: 'contacts/:id', element: <ContactCardPage /> },
  { path: 'contacts/:id/edit', element: <ContactFormPage /> },
];

export const contactNav: NavItem = { to: '/contacts', label: 'common:nav.contacts', resource: 'contact' };
