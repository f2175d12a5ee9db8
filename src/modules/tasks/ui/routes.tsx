import type { AppRoute, NavItem } from '../../../web/routes.js';
import { TaskPage } from './TaskPage.js';
import { TasksPage } from './TasksPage.js';

export const taskRoutes: AppRoute[] = [
  { path: 'tasks', element: <TasksPage /> },
  { path: 'tasks/:id', element: <TaskPage /> },
];

export const taskNav: NavItem = { to: '/tasks', label: 'tasks:nav', resource: 'task' };
